import { describe, expect, it } from 'vitest';
import { SerialPool } from '../parallel/serialPool';
import { PageHarness } from './harness';
import { poolContract } from './poolContract';

describe('PageHarness', () => {
  it('runs the pool contract without vitest, as a browser page would', async () => {
    const harness = new PageHarness();
    poolContract('SerialPool', () => new SerialPool(), harness, { isolated: false });
    const outcomes = await harness.run('map');
    expect(outcomes.length).toBeGreaterThan(4);
    expect(outcomes.filter((o) => !o.passed)).toEqual([]);
  });

  it('reports a failing test with its message and keeps going', async () => {
    const harness = new PageHarness();
    harness.describe('group', () => {
      harness.it('fails', () => Promise.reject(new RangeError('broken')));
      harness.it('passes', () => Promise.resolve());
    });
    const outcomes = await harness.run();
    expect(outcomes.map((o) => [o.name, o.passed, o.error])).toEqual([
      ['group > fails', false, 'RangeError: broken'],
      ['group > passes', true, undefined],
    ]);
  });
});
