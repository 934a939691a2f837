import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskError, TaskTimeoutError, WorkerCrashError } from '../core/parallel/errors';
import { SerialPool } from '../core/parallel/serialPool';
import { moduleTask } from '../core/parallel/task';
import { poolContract } from '../core/testing/poolContract';
import { buildNodeWorker } from './node/buildWorker';
import { nodeWorkers } from './node/nodeWorkers';
import { WorkerPool } from './workerPool';

// The worker entry is TypeScript: bundle it once for this file, as the build does for dist/node/pool-worker.js.
let entry: URL;
beforeAll(async () => {
  entry = await buildNodeWorker();
});

poolContract('WorkerPool', () => new WorkerPool({ factory: nodeWorkers(entry), size: 2 }), { describe, it, afterAll }, { isolated: true });
poolContract('WorkerPool by messages only', () => new WorkerPool({ factory: nodeWorkers(entry), size: 2, sharedMemory: false }), { describe, it, afterAll }, { isolated: true });

/**
 * A task of points that misbehaves on cue: x[0] = 13 throws, 99 hangs, 66 ends the worker's process (once
 * per flag), anything else answers x[0] + x[1].
 */
const cue = `export function run(x: number[]): number {
  if (x[0] === 13) throw new Error('thirteen');
  if (x[0] === 99) for (;;);
  if (x[0] === 66) (globalThis as { process?: { exit(code: number): void } }).process?.exit(3);
  return (x[0] as number) + (x[1] as number);
}
`;

describe('WorkerPool lanes (shared memory)', () => {
  const pools: WorkerPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.terminate()));
  });
  const task = moduleTask(cue, 'run');
  const batch = (first: number) => Array.from({ length: 8 }, (_, i) => [first + i, 1]);

  /** A pool whose two workers have the task and are parked on their lanes. */
  async function parked(options: { retries?: number } = {}): Promise<WorkerPool> {
    const pool = new WorkerPool({ factory: nodeWorkers(entry), size: 2, ...options });
    pools.push(pool);
    expect(await pool.withOptions({ chunkSize: 4 }).map(task, batch(0))).toEqual(batch(0).map(([a]) => (a as number) + 1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    return pool;
  }

  it('hands chunks of points to parked workers and gives the results of messages', async () => {
    const pool = await parked();
    const before = pool.laneChunks;
    // One chunk per worker, as a solver sends a batch.
    expect(await pool.withOptions({ chunkSize: 4 }).map(task, batch(20))).toEqual(batch(20).map(([a]) => (a as number) + 1));
    expect(pool.laneChunks).toBe(before + 2);
  });

  it('sends by message a chunk that stops being points part-way, and the lane serves the next', async () => {
    const pool = await parked();
    const before = pool.laneChunks;
    const mixed: number[][] = batch(20);
    // The second chunk (calls 4–7) starts with a point of 2 numbers, then has one of 3.
    mixed[5] = [25, 1, 100];
    expect(await pool.withOptions({ chunkSize: 4 }).map(task, mixed)).toEqual(batch(20).map(([a]) => (a as number) + 1));
    expect(pool.laneChunks).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await pool.withOptions({ chunkSize: 4 }).map(task, batch(40))).toEqual(batch(40).map(([a]) => (a as number) + 1));
    expect(pool.laneChunks).toBe(before + 3);
  });

  it('rejects with the task error and its index when a chunk throws in a lane', async () => {
    const pool = await parked();
    const before = pool.laneChunks;
    const error = await pool.map(task, batch(10)).catch((e: unknown) => e);
    expect(pool.laneChunks).toBeGreaterThan(before);
    expect(error).toBeInstanceOf(TaskError);
    expect((error as TaskError).index).toBe(3);
    expect((error as TaskError).message).toMatch(/thirteen/);
    // The workers serve the next batch.
    expect(await pool.map(task, batch(30))).toEqual(batch(30).map(([a]) => (a as number) + 1));
  });

  it('ends a worker whose lane chunk hangs past its timeout, and goes on', async () => {
    const pool = await parked();
    const hung = batch(95);
    await expect(pool.withOptions({ timeoutMs: 200 }).map(task, hung)).rejects.toBeInstanceOf(TaskTimeoutError);
    expect(await pool.map(task, batch(40))).toEqual(batch(40).map(([a]) => (a as number) + 1));
  });

  it('retries the chunk of a worker that dies in a lane, then reports it', async () => {
    const pool = await parked({ retries: 1 });
    await expect(pool.map(task, batch(60))).rejects.toBeInstanceOf(WorkerCrashError);
    expect(await pool.map(task, batch(50))).toEqual(batch(50).map(([a]) => (a as number) + 1));
  });

  it('answers messages while its workers are parked, and ends them on close', async () => {
    const pool = await parked();
    expect(await pool.map((x: number) => x * 2, [1, 2, 3])).toEqual([2, 4, 6]);
    expect(await pool.map(async (x: number) => x + 1, [1, 2, 3])).toEqual([2, 3, 4]);
    await pool.close();
    expect(pool.workers).toBe(0);
  });
});

describe('WorkerPool', () => {
  const pools: WorkerPool[] = [];
  const open = (options: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}) => {
    const pool = new WorkerPool({ factory: nodeWorkers(entry), size: 2, ...options });
    pools.push(pool);
    return pool;
  };
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.terminate()));
  });

  it('starts workers on demand, up to its size, and ends them on close', async () => {
    const pool = open({ size: 3 });
    expect(pool.workers).toBe(0);
    expect(await pool.pipe((x: number) => x + 1, 1)).toBe(2);
    expect(pool.workers).toBe(1);
    await pool.withOptions({ chunkSize: 1 }).map((x: number) => new Promise((resolve) => setTimeout(() => resolve(x), 30)), [1, 2, 3, 4, 5, 6]);
    expect(pool.workers).toBe(3);
    await pool.close();
    expect(pool.workers).toBe(0);
  });

  it('ends idle workers after idleTimeoutMs and starts them again when needed', async () => {
    const pool = open({ idleTimeoutMs: 50 });
    expect(await pool.map((x: number) => x * 2, [1, 2])).toEqual([2, 4]);
    expect(pool.workers).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pool.workers).toBe(0);
    expect(await pool.map((x: number) => x * 3, [1, 2])).toEqual([3, 6]);
  });

  it('reports a worker that cannot start, after its retries, with the runtime reason', async () => {
    const pool = new WorkerPool({ factory: nodeWorkers(new URL('./no-such-worker.mjs', entry)), size: 1, retries: 1 });
    pools.push(pool);
    await expect(pool.map((x: number) => x, [1])).rejects.toThrow(/died 2 times \(.*(Cannot find|ERR_MODULE_NOT_FOUND)/);
  });

  it('checks its options', () => {
    expect(() => new WorkerPool({ factory: nodeWorkers(entry), size: 0 })).toThrow(/size must be a positive integer/);
    expect(() => new WorkerPool({ factory: nodeWorkers(entry), retries: -1 })).toThrow(/retries/);
    expect(() => new WorkerPool({} as never)).toThrow(/worker factory/);
  });

  it('defaults its size to the cores the runtime reports', () => {
    expect(new WorkerPool({ factory: nodeWorkers(entry) }).size).toBe(nodeWorkers(entry).concurrency);
  });

  it('can be the inner pool of a task running in a SerialPool', async () => {
    const inner = open();
    const outer = new SerialPool();
    const rowSums = await outer.map(async (row: number[]) => (await inner.map((x: number) => x * x, row)).reduce((a, b) => a + b, 0), [[1, 2], [3, 4, 5]]);
    expect(rowSums).toEqual([5, 50]);
  });
});
