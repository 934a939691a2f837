import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialPool } from '../core/parallel/serialPool';
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
