import { describe, expect, it } from 'vitest';
import {
  almostEqual,
  expectation,
  imposeMean,
  imposeProduct,
  imposeSpread,
  imposeStd,
  imposeSum,
  imposeVariance,
  mean,
  normalize,
  spread,
  std,
  variance,
} from './measures';

describe('measures', () => {
  it('computes weighted statistics', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([1, 3], [3, 1])).toBe(1.5);
    expect(variance([1, 2, 1])).toBeCloseTo(2 / 9, 15);
    expect(std([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(spread([3, -1, 7])).toBe(8);
    expect(expectation((p) => p[0]! * 2, [[1], [2], [3]], [0.5, 0.5, 0])).toBe(3);
  });

  it('skips points whose weight is within tol without evaluating f there', () => {
    let calls = 0;
    const f = (p: number[]): number => {
      calls += 1;
      return p[0]!;
    };
    expect(expectation(f, [[1], [100]], [1, 1e-12], 1e-9)).toBe(1);
    expect(calls).toBe(1);
  });

  it('imposes mean, variance, std and spread while keeping the other', () => {
    const x = [1, 2, 6];
    expect(imposeMean(2, x)).toEqual([0, 1, 5]);
    const v = imposeVariance(4, x);
    expect(variance(v)).toBeCloseTo(4, 12);
    expect(mean(v)).toBeCloseTo(3, 12);
    expect(std(imposeStd(3, x))).toBeCloseTo(3, 12);
    const r = imposeSpread(1, x);
    expect(r.map((y) => +y.toFixed(12))).toEqual([2.6, 2.8, 3.6]);
  });

  it('spreads equal points evenly instead of returning NaN when a spread or variance is asked of them', () => {
    const v = imposeVariance(2, [5, 5, 5]);
    expect(variance(v)).toBeCloseTo(2, 12);
    expect(mean(v)).toBeCloseTo(5, 12);
    const r = imposeSpread(4, [1, 1, 1, 1]);
    expect(spread(r)).toBeCloseTo(4, 12);
    expect(mean(r)).toBeCloseTo(1, 12);
    expect(imposeVariance(1, [3])).toEqual([NaN]);
    expect(imposeVariance(0, [3, 3])).toEqual([3, 3]);
  });

  it('normalizes sums and products', () => {
    expect(normalize([1, 2, 3])).toEqual([1 / 6, 1 / 3, 1 / 2]);
    expect(imposeSum(12, [1, 2, 3])).toEqual([2, 4, 6]);
    expect(normalize([0, 0])).toEqual([0, 0]);
    const p = imposeProduct(8, [1, 2, 4]);
    expect(p.reduce((a, b) => a * b, 1)).toBeCloseTo(8, 12);
    const q = imposeProduct(-8, [1, 2, 4]);
    expect(q.reduce((a, b) => a * b, 1)).toBeCloseTo(-8, 12);
  });

  it('compares like numpy.allclose with mystic tolerances', () => {
    expect(almostEqual(1e10, 1e10 + 1)).toBe(true);
    expect(almostEqual(1.234, 1.235)).toBe(false);
  });
});
