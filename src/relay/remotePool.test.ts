import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemotePool } from '../core/parallel/remotePool';
import { moduleTask } from '../core/parallel/task';
import { poolContract } from '../core/testing/poolContract';
import { buildNodeWorker } from '../pool/node/buildWorker';
import { nodeWorkers } from '../pool/node/nodeWorkers';
import { WorkerPool } from '../pool/workerPool';
import { KnownHosts, hostPattern } from './knownHosts';
import { SshHosts } from './sshHosts';
import { buildRemoteProgram } from './testing/buildRemoteWorker';
import { keyPair, sshdAvailable, startSshd, type Sshd } from './testing/sshd';

// RemotePool over two real sshd instances on 127.0.0.1, with the worker program streamed over SSH.

const available = sshdAvailable();
let folder: string;
let servers: Sshd[] = [];
let hosts: SshHosts;
let program: Uint8Array;
let entry: URL;

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  if (!available) return;
  folder = mkdtempSync(join(tmpdir(), 'sibyl-remote-'));
  keyPair(join(folder, 'user_key'));
  const built = Promise.all([buildRemoteProgram(), buildNodeWorker()]);
  servers = await Promise.all([startSshd(join(folder, 'a'), join(folder, 'user_key.pub')), startSshd(join(folder, 'b'), join(folder, 'user_key.pub'))]);
  writeFileSync(join(folder, 'known_hosts'), servers.map((s) => `${hostPattern('127.0.0.1', s.port)} ssh-ed25519 ${s.hostKey.toString('base64')}\n`).join(''));
  [program, entry] = await built;
  hosts = new SshHosts({ knownHosts: new KnownHosts(join(folder, 'known_hosts')), program: () => program, agent: undefined });
  for (const server of servers) hosts.add({ target: server.target, identity: join(folder, 'user_key'), node: process.execPath, workers: 1 });
  await until(() => hosts.hosts.every((h) => h.state === 'ready'), 'both hosts to be ready');
});

afterAll(async () => {
  await hosts?.close();
  await Promise.all(servers.map((s) => s.stop()));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!available)('RemotePool over SSH', () => {
  poolContract('RemotePool', () => new RemotePool({ hosts }), { describe, it }, { isolated: true, sharedMemory: false });


  it('spreads a map over both hosts and reports per-host figures', async () => {
    const pool = new RemotePool({ hosts });
    const squares = await pool.withOptions({ chunkSize: 1 }).map((x: number) => new Promise<number>((resolve) => setTimeout(() => resolve(x * x), 20)), Array.from({ length: 12 }, (_, i) => i));
    expect(squares).toEqual(Array.from({ length: 12 }, (_, i) => i * i));
    const stats = pool.stats();
    expect(stats.map((s) => s.name).sort()).toEqual(servers.map((s) => s.target).sort());
    for (const s of stats) {
      expect(s.tasks).toBeGreaterThan(0);
      expect(s.state).toBe('ready');
    }
    expect(stats.reduce((sum, s) => sum + s.evaluations, 0)).toBe(12);
    await pool.close();
  });

  it('a worker that dies once is replaced and its chunk retried (the contract does it with shared memory)', async () => {
    const pool = new RemotePool({ hosts });
    const marker = join(folder, `died-once-${Date.now()}`);
    // Remote workers share this machine's files on loopback: the first call to reach x = 1 leaves a mark and dies.
    const dieOnce = `export function run(marker: string, x: number): number {
  const fs = (process as any).getBuiltinModule('node:fs');
  if (x === 1 && !fs.existsSync(marker)) { fs.writeFileSync(marker, 'x'); process.exit(7); }
  return x * 2;
}
`;
    const results = await pool.withOptions({ chunkSize: 1 }).map<number>(moduleTask(dieOnce, 'run'), [0, 1, 2, 3].map(() => marker), [0, 1, 2, 3]);
    expect(results).toEqual([0, 2, 4, 6]);
    expect(existsSync(marker)).toBe(true);
    expect(pool.stats().reduce((sum, s) => sum + s.errors, 0)).toBe(1);
    await pool.close();
  });

  it('pulls chunks into local workers and hosts alike, and ends the local workers with the pool', async () => {
    const local = new WorkerPool({ factory: nodeWorkers(entry), size: 1 });
    const pool = new RemotePool({ hosts, local });
    expect(pool.size).toBe(3);
    const slow = (x: number) => new Promise<number>((resolve) => setTimeout(() => resolve(-x), 15));
    expect(await pool.withOptions({ chunkSize: 2 }).map(slow, Array.from({ length: 40 }, (_, i) => i))).toEqual(Array.from({ length: 40 }, (_, i) => -i));
    const stats = pool.stats();
    expect(stats.map((s) => s.name)).toEqual(['local', ...hosts.hosts.map((h) => h.name)]);
    for (const s of stats) expect(s.tasks, s.name).toBeGreaterThan(0);
    await pool.close();
    expect(local.closed).toBe(true);
  });

  it("reports failures in local workers with the caller's indices, as from a host", async () => {
    const noHosts = { hosts: [], subscribe: () => () => {} };
    const pool = new RemotePool({ hosts: noHosts, local: new WorkerPool({ factory: nodeWorkers(entry), size: 1, retries: 1 }) });
    const failAt = (x: number) => {
      if (x === 7) throw new RangeError('seven');
      return x;
    };
    await expect(pool.withOptions({ chunkSize: 3 }).map(failAt, Array.from({ length: 10 }, (_, i) => i))).rejects.toMatchObject({ name: 'TaskError', index: 7, causeMessage: 'seven' });
    const hang = (x: number) => (x === 4 ? new Promise(() => {}) : x);
    await expect(pool.withOptions({ chunkSize: 2, timeoutMs: 100 }).map(hang, Array.from({ length: 6 }, (_, i) => i))).rejects.toMatchObject({ name: 'TaskTimeoutError', index: 4, count: 2 });
    const exitAtFive = moduleTask('export function run(x: number): number {\n  if (x === 5) (globalThis as any).process.exit(3);\n  return x;\n}\n', 'run');
    await expect(pool.withOptions({ chunkSize: 2 }).map(exitAtFive, Array.from({ length: 8 }, (_, i) => i))).rejects.toMatchObject({ name: 'WorkerCrashError', index: 4, count: 2, attempts: 2 });
    expect(await pool.map((x: number) => x + 1, [1, 2])).toEqual([2, 3]);
    await pool.terminate();
  });

  it('with whenStranded fail, rejects queued work when no worker can ever take it', async () => {
    const stranded = { hosts: [{ name: 'u@gone:22', state: 'changed-key' as const, workers: 2, latencyMs: undefined, message: 'its key changed', run: () => { throw new Error('never called'); } }], subscribe: () => () => {} };
    const pool = new RemotePool({ hosts: stranded, whenStranded: 'fail' });
    await expect(pool.map((x: number) => x, [1, 2])).rejects.toThrow('No worker can take the work (u@gone:22: its key changed).');
    const waiting = new RemotePool({ hosts: stranded });
    const result = waiting.amap((x: number) => x, [1]);
    expect(await result.wait(100)).toBe(false);
    expect(waiting.waitingForWorkers).toBe(true);
    await waiting.terminate();
  });
});
