import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors';
import { Random } from '../random';
import { withMean } from './constraints';
import { mean } from './measures';
import { boundsConstraint, tightBounds } from './tight';

describe('bounds as constraints (mystic’s tight and clip)', () => {
  it('clips with the symbolic bounds', () => {
    const c = boundsConstraint([0, null], [1, 5]);
    expect(c([-1, 9])).toEqual([0, 5]);
    expect(c([0.5, -100])).toEqual([0.5, -100]);
  });

  it('resamples inside the box when clip is false, reproducibly', () => {
    const draw = (seed: number): number[] => boundsConstraint([0, 0], [1, 1], { clip: false, random: Random.fromSeed(seed) })([-1, 0.5]);
    for (let seed = 1; seed <= 10; seed++) {
      const [a, b] = draw(seed);
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(1);
      expect(b).toBe(0.5);
    }
    expect(draw(3)).toEqual(draw(3));
    expect(() => boundsConstraint([0], [1], { clip: false })).toThrow(OptionError);
  });

  it('applies bounds and constraints concurrently until both hold', () => {
    const c = tightBounds(withMean(4), [0, 0, 0], [5, 5, 5], { random: Random.fromSeed(1) });
    const x = c([1, 2, 9]);
    // withMean accepts a mean within mystic's almostEqual (relative 1e-7), where the cycling settles.
    expect(Math.abs(mean(x) - 4)).toBeLessThanOrEqual(4e-7);
    expect(x.every((v) => v >= 0 && v <= 5)).toBe(true);
  });

  it('falls back to the bounds when the two cannot both hold', () => {
    const c = tightBounds(withMean(10), [0, 0], [1, 1], { random: Random.fromSeed(1), maxCycles: 20 });
    const x = c([0.5, 0.5]);
    expect(x.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
