import { describe, expect, it } from 'vitest';
import { SibylError } from '../errors';
import { costFactory } from './fitting';
import { poly } from './polynomial';

describe('costFactory', () => {
  const x = [-2, -1, 0, 1, 2];
  const y = [-4, -2, 0, 2, 4];

  it('sums squared residuals of the model against the data', () => {
    const cost = costFactory(poly, x, y);
    expect(cost([2, 0])).toBe(0);
    // 3x − 2x = x: Σ x² = 4 + 1 + 0 + 1 + 4.
    expect(cost([3, 0])).toBe(10);
    expect(cost([2, 1])).toBe(5);
  });

  it('divides residuals by one sigma or by one sigma per point', () => {
    expect(costFactory(poly, x, y, 2)([3, 0])).toBe(2.5);
    expect(costFactory(poly, x, y, [1, 1, 1, 1, 2])([3, 0])).toBe(4 + 1 + 0 + 1 + 1);
  });

  it('copies its inputs', () => {
    const data = [...y];
    const cost = costFactory(poly, x, data);
    data[0] = 1000;
    expect(cost([2, 0])).toBe(0);
  });

  it('refuses data, or sigmas, that do not match the points', () => {
    expect(() => costFactory(poly, x, [1, 2])).toThrow(SibylError);
    expect(() => costFactory(poly, x, y, [1, 2])).toThrow('costFactory needs one sigma per point, got 5 points and 2 sigmas.');
  });
});
