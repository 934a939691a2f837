import { describe, expect, it } from 'vitest';
import { AdaptivePool } from './adaptivePool';
import type { ChunkJob } from './basePool';
import type { TaskFn } from './pool';
import { SerialPool } from './serialPool';
import { moduleTask } from './task';

/** A pool whose every chunk costs `lagMs` more, like a message to a worker; counts the chunks it ran. */
class LaggyPool extends SerialPool {
  chunks = 0;
  constructor(private readonly lagMs: number) {
    super();
  }
  protected override execute(job: ChunkJob<TaskFn<unknown[]>>): Promise<ArrayLike<unknown>> {
    this.chunks++;
    return new Promise((resolve) => setTimeout(resolve, this.lagMs)).then(() => super.execute(job));
  }
}

/** A pool that answers through `answer` at once, standing in for many fast workers. */
class InstantPool extends SerialPool {
  chunks = 0;
  constructor(private readonly answer: (x: number[]) => number) {
    super();
  }
  protected override execute(job: ChunkJob<TaskFn<unknown[]>>): Promise<ArrayLike<unknown>> {
    this.chunks++;
    return Promise.resolve(job.chunk.args.map((call) => this.answer(call[0] as number[])));
  }
}

const points = Array.from({ length: 150 }, (_, i) => [i, -i]);
const sumOf = (x: number[]) => x[0]! + 2 * x[1]!;
/** An objective that costs about 40 µs per call. */
const costly = (x: number[]) => {
  const until = performance.now() + 0.04;
  while (performance.now() < until);
  return sumOf(x);
};

describe('AdaptivePool', () => {
  it('keeps a cheap objective inline when messages cost more than evaluations', async () => {
    const inner = new LaggyPool(5);
    const pool = new AdaptivePool(inner, { probeMs: 50, roundTripMs: 0 });
    for (let generation = 0; generation < 6; generation++) expect(await pool.map(sumOf, points)).toEqual(points.map(sumOf));
    expect(pool.decision).toBe('inline');
    expect(inner.chunks).toBe(2);
  });

  it('sends a costly objective to the pool when the pool is faster', async () => {
    const inner = new InstantPool(sumOf);
    const pool = new AdaptivePool(inner, { roundTripMs: 0 });
    for (let generation = 0; generation < 4; generation++) expect(await pool.map(costly, points)).toEqual(points.map(sumOf));
    expect(pool.decision).toBe('pool');
    const before = inner.chunks;
    await pool.map(costly, points);
    expect(inner.chunks).toBe(before + 1);
  });

  it('decides only after timing each side twice, since the first batch pays for compiling and starting workers', async () => {
    const inner = new LaggyPool(1);
    const pool = new AdaptivePool(inner, { probeMs: 50, roundTripMs: 0 });
    // Inline, inline, then the pool: still undecided after each.
    for (const chunks of [0, 0, 1]) {
      await pool.map(sumOf, points);
      expect(pool.decision).toBeUndefined();
      expect(inner.chunks).toBe(chunks);
    }
    await pool.map(sumOf, points);
    expect(pool.decision).toBeDefined();
  });

  it('never starts the pool for a batch that costs less inline than a round trip could save', async () => {
    const inner = new LaggyPool(1);
    // A pool of two could save at most half of the batch's inline time: a few microseconds here.
    Object.defineProperty(inner, 'size', { value: 2 });
    const pool = new AdaptivePool(inner);
    // Decided on the first batch, or on the second when the first paid for compiling sumOf.
    for (let generation = 0; generation < 2; generation++) expect(await pool.map(sumOf, points)).toEqual(points.map(sumOf));
    expect(pool.decision).toBe('inline');
    expect(inner.chunks).toBe(0);
    // A batch that costs more than that is probed through the pool as before.
    const probing = new AdaptivePool(inner, { roundTripMs: 0.05 });
    await probing.map(costly, points);
    expect(probing.decision).toBeUndefined();
    expect(inner.chunks).toBeGreaterThan(0);
    expect(() => new AdaptivePool(inner, { roundTripMs: -1 })).toThrow(/roundTripMs/);
  });

  it('obeys a forced dispatch', async () => {
    const inner = new LaggyPool(1);
    const inline = new AdaptivePool(inner, { dispatch: 'inline' });
    expect(await inline.map(sumOf, points)).toEqual(points.map(sumOf));
    expect(inner.chunks).toBe(0);
    const pooled = new AdaptivePool(inner, { dispatch: 'pool' });
    expect(await pooled.map(sumOf, points)).toEqual(points.map(sumOf));
    expect(inner.chunks).toBe(1);
    expect([inline.decision, pooled.decision]).toEqual(['inline', 'pool']);
  });

  it('reports failures with the index of the input, on either side of the probe', async () => {
    const failAt = (bad: number) => (x: number[]) => {
      if (x[0] === bad) throw new Error(`bad point ${bad}`);
      return sumOf(x);
    };
    const pool = new AdaptivePool(new LaggyPool(1), { probeMs: 0 });
    await expect(pool.map(failAt(0), points)).rejects.toMatchObject({ name: 'TaskError', index: 0 });
    await expect(new AdaptivePool(new LaggyPool(1), { probeMs: 0 }).map(failAt(7), points)).rejects.toMatchObject({ name: 'TaskError', index: 7, message: 'Task 7 threw: bad point 7' });
  });

  it('runs a module task inline by compiling it here', async () => {
    const pool = new AdaptivePool(new LaggyPool(1), { dispatch: 'inline' });
    const task = moduleTask('export default { objective: (x: number[]) => x[0] * 10 };', 'default.objective');
    expect(await pool.map<number>(task, [[1], [2]])).toEqual([10, 20]);
  });

  it('passes the other verbs and the lifecycle to the wrapped pool', async () => {
    const inner = new SerialPool();
    const pool = new AdaptivePool(inner);
    expect(await pool.pipe((x: number) => x + 1, 1)).toBe(2);
    expect(await pool.amap((x: number) => -x, [1, 2])).toEqual([-1, -2]);
    const seen: number[] = [];
    for await (const x of pool.withOptions({ chunkSize: 1 }).imap((v: number) => v * 3, [1, 2])) seen.push(x);
    expect(seen).toEqual([3, 6]);
    expect(() => new AdaptivePool(inner, { dispatch: 'fast' as never })).toThrow(/dispatch must be/);
    await pool.close();
    expect(inner.closed).toBe(true);
    await expect(pool.map(sumOf, points)).rejects.toThrow(/closed/);
  });
});
