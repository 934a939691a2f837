import { afterAll, describe, expect, it } from 'vitest';
import { poolContract } from '../testing/poolContract';
import { SerialPool } from './serialPool';

poolContract('SerialPool', () => new SerialPool(), { describe, it, afterAll }, { isolated: false });

describe('SerialPool', () => {
  it('runs one task at a time, in input order, in the caller thread', async () => {
    const order: string[] = [];
    const pool = new SerialPool();
    const task = async (x: number) => {
      order.push(`start ${x}`);
      await new Promise((resolve) => setTimeout(resolve, 3 - x));
      order.push(`end ${x}`);
      return x;
    };
    expect(await pool.withOptions({ chunkSize: 1 }).map(task, [0, 1, 2])).toEqual([0, 1, 2]);
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(pool.size).toBe(1);
  });
});
