import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { RemotePool, compileProblem, createSolver, type Pool } from '../src/core/index';
import { nodeWorkers } from '../src/pool/node/nodeWorkers';
import { WorkerPool } from '../src/pool/workerPool';
import { hostPattern } from '../src/relay/knownHosts';
import { keyPair, sshdAvailable, startSshd, type Sshd } from '../src/relay/testing/sshd';
import { RelayClient } from '../src/remote/index';
import { startServer } from './harness';
import { median } from './poolOverhead';
import { cheapSource, slowSource, type De2Run } from './objectives';

/** Hosts, and workers on each: the local pool it is compared with has as many workers in all. */
const HOSTS = 2;
const WORKERS_PER_HOST = 1;
const WORKERS = HOSTS * WORKERS_PER_HOST;


/** de2 from U[-5, 5]^10, seed 1, for a fixed number of generations (one batch each, plus the first population). */
async function timeDe2(run: De2Run, pool: Pool): Promise<{ ms: number; best: number }> {
  const solver = createSolver('de2', { dim: 10, npop: run.npop, seed: 1, objective: run.objective });
  solver.setTermination(undefined);
  solver.setRandomInitialPoints(new Array(10).fill(-5), new Array(10).fill(5));
  solver.setEvaluationLimits({ generations: run.generations });
  solver.setPool(pool);
  const started = performance.now();
  await solver.solve();
  return { ms: performance.now() - started, best: solver.bestEnergy };
}

interface Paired {
  /** Median of the paired ratios local time / relay time: the relay's share of the local throughput. */
  readonly ratio: number;
  readonly localMs: number;
  readonly relayMs: number;
  /** Median of the paired differences (relay − local) per batch, in ms. */
  readonly addedPerBatchMs: number;
}

/**
 * Local and relayed runs in alternation (local, relay, local, relay, …), so load from elsewhere hits both
 * alike; each relayed run gets a fresh RemotePool over the same connected hosts, as each studio run does.
 * The relayed runs must end where the local ones do, bit for bit.
 */
async function paired(run: De2Run, pairs: number, local: Pool, relay: RelayClient): Promise<Paired> {
  const ratios: number[] = [];
  const added: number[] = [];
  const localTimes: number[] = [];
  const relayTimes: number[] = [];
  const batches = run.generations + 1;
  for (let k = 0; k < pairs; k++) {
    const here = await timeDe2(run, local);
    const pool = new RemotePool({ hosts: relay });
    const there = await timeDe2(run, pool);
    await pool.close();
    if (!Object.is(there.best, here.best)) throw new Error(`The relayed de2 run ended at ${there.best}, the local one at ${here.best}.`);
    ratios.push(here.ms / there.ms);
    added.push((there.ms - here.ms) / batches);
    localTimes.push(here.ms);
    relayTimes.push(there.ms);
  }
  return { ratio: median(ratios), localMs: median(localTimes), relayMs: median(relayTimes), addedPerBatchMs: median(added) };
}

function until(test: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (test()) resolve();
      else if (performance.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(check, 20);
    };
    check();
  });
}

/** Two sshd on 127.0.0.1, the studio server in front of them, and the page's client (in this process) connected. */
async function relayedHosts(folder: string): Promise<{ relay: RelayClient; servers: Sshd[]; server: ChildProcess }> {
  keyPair(join(folder, 'user_key'));
  const servers = await Promise.all(Array.from({ length: HOSTS }, (_, i) => startSshd(join(folder, `host${i}`), join(folder, 'user_key.pub'))));
  const knownHosts = join(folder, 'known_hosts');
  writeFileSync(knownHosts, servers.map((s) => `${hostPattern('127.0.0.1', s.port)} ssh-ed25519 ${s.hostKey.toString('base64')}\n`).join(''));
  const { url: origin, child } = await startServer(['--known-hosts', knownHosts]);
  const relay = new RelayClient({ origin, socket: (url, protocols) => new WebSocket(url, protocols, { origin }) as never });
  await until(() => relay.state === 'open', 'the relay');
  for (const s of servers) relay.addHost({ target: s.target, identity: join(folder, 'user_key'), node: process.execPath, workers: WORKERS_PER_HOST });
  await until(() => relay.hosts.length === HOSTS && relay.hosts.every((host) => host.state === 'ready'), 'the hosts to be ready');
  return { relay, servers, server: child };
}

export async function remoteSection(): Promise<string> {
  const title = '## Remote hosts: de2 through the relay and SSH';
  if (!existsSync(fileURLToPath(new URL('./remote-worker.js', import.meta.url)))) return `${title}\n\nNot measured: the remote worker program is not built (run \`npm run build\`).`;
  if (!sshdAvailable()) return `${title}\n\nNot measured: sshd cannot run here (it needs root and openssh-server, see \`node scripts/ensure-system.mjs sshd\`).`;
  const folder = mkdtempSync(join(tmpdir(), 'sibyl-bench-remote-'));
  let hosts: Awaited<ReturnType<typeof relayedHosts>> | undefined;
  const local = new WorkerPool({ factory: nodeWorkers(), size: WORKERS });
  try {
    hosts = await relayedHosts(folder);
    const slow: De2Run = { objective: compileProblem(slowSource, 'slow.ts').objective, npop: 40, generations: 20 };
    const cheap: De2Run = { objective: compileProblem(cheapSource, 'cheap.ts').objective, npop: 40, generations: 100 };
    // Warm-up: start the local workers and compile both tasks there and on the hosts (once per connection).
    const startedAt = performance.now();
    await paired({ ...slow, generations: 1 }, 1, local, hosts.relay);
    await paired({ ...cheap, generations: 1 }, 1, local, hosts.relay);
    const warmMs = performance.now() - startedAt;
    const slowFigures = await paired(slow, 7, local, hosts.relay);
    const cheapFigures = await paired(cheap, 7, local, hosts.relay);
    const latency = hosts.relay.hosts.map((host) => host.latencyMs ?? NaN);

    const evaluations = (run: De2Run) => run.npop * (run.generations + 1);
    const perBatch = (ms: number, run: De2Run) => (ms / (run.generations + 1)).toFixed(2);
    return [
      title,
      '',
      `The same \`de2\` run (seed 1, bit-identical results, checked) on a local WorkerPool of ${WORKERS} worker threads, and`,
      `through the studio's path to remote hosts: the page's RelayClient (here in the benchmark's process, over a`,
      'WebSocket) to the relay of `dist/node/serve.js` (another process), and from there over SSH to',
      `${HOSTS} OpenSSH servers on 127.0.0.1, each running the worker program with ${WORKERS_PER_HOST} worker thread — ${WORKERS} workers`,
      'in all, as locally. Runs alternate (local, relayed, local, …), 7 pairs; each relayed run gets a fresh',
      'RemotePool over the connected hosts, as each studio run does. Loopback SSH costs what SSH costs (encryption,',
      "sshd's processes) but no network; on this machine the hosts' processes share its cores with everything else.",
      '',
      '| objective | run | local pool | through the relay | relay / local throughput | target |',
      '| --- | --- | --- | --- | --- | --- |',
      `| 10-D Rosenbrock + 1 ms busy wait | NP ${slow.npop}, ${slow.generations} generations, ${evaluations(slow)} evaluations | ${slowFigures.localMs.toFixed(0)} ms | ${slowFigures.relayMs.toFixed(0)} ms | ${(slowFigures.ratio * 100).toFixed(0)} % | ≥ 80 % |`,
      `| 10-D Rosenbrock (cheap) | NP ${cheap.npop}, ${cheap.generations} generations, ${evaluations(cheap)} evaluations | ${cheapFigures.localMs.toFixed(0)} ms | ${cheapFigures.relayMs.toFixed(0)} ms | ${(cheapFigures.ratio * 100).toFixed(0)} % | (latency-bound) |`,
      '',
      '**Added latency per batch** (one batch = one generation: the population as one map): relayed minus local,',
      'the median of the paired differences (so not quite the difference of the two medians beside it):',
      '',
      '| objective | per batch, local | per batch, through the relay | added per batch |',
      '| --- | --- | --- | --- |',
      `| 1 ms busy wait | ${perBatch(slowFigures.localMs, slow)} ms | ${perBatch(slowFigures.relayMs, slow)} ms | ${slowFigures.addedPerBatchMs.toFixed(2)} ms |`,
      `| cheap | ${perBatch(cheapFigures.localMs, cheap)} ms | ${perBatch(cheapFigures.relayMs, cheap)} ms | ${cheapFigures.addedPerBatchMs.toFixed(2)} ms |`,
      '',
      `For scale: the relay's heartbeat round trip to the hosts (relay ↔ SSH ↔ worker program) was ${latency.map((ms) => `${ms.toFixed(1)} ms`).join(' and ')}; the warm-up`,
      `(starting the local workers, compiling both tasks there and on the hosts) took ${warmMs.toFixed(0)} ms, once.`,
    ].join('\n');
  } finally {
    await local.close();
    hosts?.relay.close();
    hosts?.server.kill();
    await Promise.all((hosts?.servers ?? []).map((s) => s.stop()));
    rmSync(folder, { recursive: true, force: true });
  }
}
