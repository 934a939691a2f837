import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRunSolver, type BaseSolver } from '../core';
import { RemotePool } from '../core/parallel/remotePool';
import { KnownHosts, hostPattern } from './knownHosts';
import type { SshHost } from './sshHost';
import { SshHosts } from './sshHosts';
import { buildRemoteProgram } from './testing/buildRemoteWorker';
import { keyPair, sshdAvailable, startSshd, type Sshd } from './testing/sshd';

// Faults on real hosts: a worker process killed, a whole sshd killed, a host gone silent, each in the middle
// of a DE run. The run must end exactly where the serial run with the same seed ends.

const available = sshdAvailable();
let folder: string;
let program: Uint8Array;
let knownHosts: KnownHosts;
const servers: Sshd[] = [];
const groups: SshHosts[] = [];
const stopped: number[] = [];

/** An objective that costs about a millisecond and is exact: Rosenbrock after a busy wait. */
const problem = `import { rosen } from 'sibyl/models';
export default {
  name: 'slow rosen',
  dim: 4,
  bounds: [[-2, 2], [-2, 2], [-2, 2], [-2, 2]],
  objective(x: number[]): number {
    const until = performance.now() + 1;
    while (performance.now() < until);
    return rosen(x);
  },
};
`;

const setup = { source: problem, solverId: 'de2' as const, seed: 20240611, npop: 16, limits: { generations: 25 } };

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function runToEnd(solver: BaseSolver, during?: (generation: number) => Promise<void>): Promise<void> {
  for (;;) {
    const stepping = solver.step();
    if (during) await during(solver.generations);
    if ((await stepping) !== undefined) return;
  }
}

function outcome(solver: BaseSolver) {
  return { x: solver.bestSolution, cost: solver.bestEnergy, energies: solver.energyHistory, evaluations: solver.evaluations, generations: solver.generations };
}

let serial: ReturnType<typeof outcome>;

/**
 * Freeze the victim's worker program while the pool has chunks on it, and let replies already on their way
 * arrive: chunks still out after that are truly stuck inside it. True when some are (then `strike` runs);
 * false when none was, and the program is let go on.
 */
async function catchMidBatch(pool: RemotePool, victim: SshHost, strike: () => void): Promise<boolean> {
  const inFlight = () => pool.stats().find((s) => s.name === victim.name)?.inFlight ?? 0;
  await until(() => inFlight() > 0, 'chunks on the victim');
  const pid = victim.pid as number;
  process.kill(pid, 'SIGSTOP');
  await new Promise((resolve) => setTimeout(resolve, 50));
  if (inFlight() === 0) {
    process.kill(pid, 'SIGCONT');
    return false;
  }
  strike();
  return true;
}

/** Two hosts (two workers each) on fresh sshd instances, with a fast heartbeat. */
async function twoHosts(): Promise<{ hosts: SshHosts; links: SshHost[]; sshd: Sshd[]; seen: Map<string, Set<string>> }> {
  const sshd = await Promise.all([0, 1].map(() => startSshd(join(folder, `sshd-${servers.length}-${Math.random().toString(36).slice(2)}`), join(folder, 'user_key.pub'))));
  servers.push(...sshd);
  for (const s of sshd) writeFileSync(join(folder, 'known_hosts'), `${hostPattern('127.0.0.1', s.port)} ssh-ed25519 ${s.hostKey.toString('base64')}\n`, { flag: 'a' });
  const hosts = new SshHosts({ knownHosts, program: () => program, agent: undefined, heartbeatMs: 200, silenceMs: 1200, backoffMs: 100 });
  groups.push(hosts);
  const seen = new Map<string, Set<string>>();
  hosts.subscribe(() => {
    for (const h of hosts.hosts) {
      if (!seen.has(h.name)) seen.set(h.name, new Set());
      seen.get(h.name)?.add(h.state);
    }
  });
  const links = sshd.map((s) => hosts.add({ target: s.target, identity: join(folder, 'user_key'), node: process.execPath, workers: 2 }));
  await until(() => links.every((h) => h.state === 'ready'), 'both hosts to be ready');
  return { hosts, links, sshd, seen };
}

beforeAll(async () => {
  if (!available) return;
  folder = mkdtempSync(join(tmpdir(), 'sibyl-faults-'));
  keyPair(join(folder, 'user_key'));
  knownHosts = new KnownHosts(join(folder, 'known_hosts'));
  program = await buildRemoteProgram();
  const { solver } = createRunSolver(setup);
  await runToEnd(solver);
  serial = outcome(solver);
});

afterEach(async () => {
  for (const pid of stopped.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  await Promise.all(groups.splice(0).map((g) => g.close()));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!available)('remote faults lose nothing', () => {
  it('a host whose worker program is killed mid-batch is shown lost, reconnected, and the run ends as the serial one', async () => {
    const { hosts, links, seen } = await twoHosts();
    const pool = new RemotePool({ hosts });
    const { solver } = createRunSolver(setup);
    solver.setPool(pool);
    const victim = links[0] as SshHost;
    let killed = false;
    await runToEnd(solver, async (generation) => {
      if (killed || generation < 5) return;
      const pid = victim.pid as number;
      killed = await catchMidBatch(pool, victim, () => process.kill(pid, 'SIGKILL'));
    });
    expect(killed).toBe(true);
    expect(outcome(solver)).toEqual(serial);
    expect([...(seen.get(victim.name) ?? [])]).toContain('lost');
    await until(() => victim.state === 'ready', 'the victim to come back');
    expect(pool.stats().find((s) => s.name === victim.name)!.errors).toBeGreaterThan(0);
    await pool.close();
  });

  it('a whole sshd killed mid-batch: the other host finishes the run, with the serial result', async () => {
    const { hosts, links, sshd } = await twoHosts();
    const pool = new RemotePool({ hosts });
    const { solver } = createRunSolver(setup);
    solver.setPool(pool);
    const victim = links[1] as SshHost;
    let killed = false;
    await runToEnd(solver, async (generation) => {
      if (killed || generation < 5) return;
      killed = await catchMidBatch(pool, victim, () => (sshd[1] as Sshd).kill());
    });
    expect(killed).toBe(true);
    expect(outcome(solver)).toEqual(serial);
    expect(['lost', 'connecting']).toContain(victim.state);
    expect(pool.stats().find((s) => s.name === victim.name)!.errors).toBeGreaterThan(0);
    await pool.close();
  });

  it('a host that goes silent is noticed by the heartbeat and its chunks run elsewhere', async () => {
    const { hosts, links } = await twoHosts();
    const pool = new RemotePool({ hosts });
    const { solver } = createRunSolver(setup);
    solver.setPool(pool);
    const victim = links[0] as SshHost;
    let silenced = false;
    await runToEnd(solver, async (generation) => {
      if (silenced || generation < 5) return;
      const pid = victim.pid as number;
      // Stopped and left stopped: only the heartbeat can tell.
      silenced = await catchMidBatch(pool, victim, () => stopped.push(pid));
    });
    expect(silenced).toBe(true);
    expect(outcome(solver)).toEqual(serial);
    expect(pool.stats().find((s) => s.name === victim.name)!.errors).toBeGreaterThan(0);
    await pool.close();
  });
});
