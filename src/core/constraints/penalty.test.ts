import { describe, expect, it } from 'vitest';
import { mean } from './measures';
import {
  andPenalties,
  barrierInequality,
  lagrangeEquality,
  lagrangeInequality,
  linearEquality,
  linearInequality,
  notPenalty,
  orPenalties,
  quadraticEquality,
  quadraticInequality,
  uniformEquality,
  uniformInequality,
} from './penalty';
import { ConstraintError } from './errors';

describe('penalties', () => {
  it('gives mystic’s mean-target example: 400 at [1..5], ~0 at [3..7]', () => {
    const p = quadraticEquality((x) => mean(x) - 5);
    expect(p([1, 2, 3, 4, 5])).toBe(400);
    // mystic's docstring shows the same rounding residue of the weighted mean: 7.8886090522101181e-29.
    expect(p([3, 4, 5, 6, 7])).toBe(7.888609052210118e-29);
  });

  it('applies each type’s formula with its default k', () => {
    const f = (x: number[]): number => x[0]!;
    expect(quadraticEquality(f)([3])).toBe(900);
    expect(linearEquality(f)([-3])).toBe(300);
    expect(uniformEquality(f)([0.1])).toBe(Infinity);
    expect(uniformEquality(f)([0])).toBe(0);
    expect(quadraticInequality(f)([3])).toBe(1800);
    expect(quadraticInequality(f)([-3])).toBe(0);
    expect(linearInequality(f)([3])).toBe(600);
    expect(uniformInequality(f, { k: 7 })([1])).toBe(7);
    expect(uniformInequality(f, { k: 7 })([-1])).toBe(0);
    expect(barrierInequality(f)([1])).toBe(Infinity);
    expect(barrierInequality(f)([-Math.E])).toBeCloseTo(-0.5 / 100, 15);
    expect(lagrangeEquality(f)([3])).toBe(180);
    expect(lagrangeInequality(f)([3])).toBe(180);
    expect(lagrangeInequality(f)([-3])).toBe(0);
  });

  it('escalates with iterations: pk = k·hⁿ', () => {
    const p = quadraticEquality((x) => x[0]!, { k: 2, h: 3 });
    expect(p([1])).toBe(2);
    p.iter();
    expect(p.iteration()).toBe(1);
    expect(p([1])).toBe(6);
    p.iter(3);
    expect(p([1])).toBe(54);
    p.clear();
    expect(p([1])).toBe(2);
  });

  it('accumulates Lagrange multipliers from stored condition values', () => {
    const p = lagrangeEquality((x) => x[0]!, { k: 1, h: 2 });
    p.store([0.5]);
    p.iter();
    // λ = 2·1·0.5 = 1, pk = 2: 2·f² + λ·f
    expect(p([3])).toBe(2 * 9 + 3);
    expect(p.stored()).toEqual([0.5]);
    const q = lagrangeInequality((x) => x[0]!, { k: 1, h: 2 });
    q.store([0.5]);
    q.iter();
    // β = 2·max(0, 0.5) = 1, pk = 2, mpf = max(-1/4, -3) = -0.25 → 2·0.0625 − 0.25
    expect(q([-3])).toBeCloseTo(-0.125, 15);
  });

  it('chains penalties: values add, and iter, error and clear reach the chain', () => {
    const inner = quadraticInequality((x) => x[0]! - 1);
    const p = quadraticEquality((x) => x[1]!, { inner });
    expect(p([3, 2])).toBe(2 * 100 * 4 + 100 * 4);
    expect(p.error([3, 2])).toBeCloseTo(Math.sqrt(8), 14);
    expect(p.error([0, 0])).toBe(0);
    p.iter();
    expect(inner.iteration()).toBe(1);
    p.clear();
    expect(inner.iteration()).toBe(0);
  });

  it('treats a condition that cannot be evaluated as infinitely violated, and reports one that throws', () => {
    expect(quadraticEquality(() => NaN)([1])).toBe(Infinity);
    const p = linearEquality(() => {
      throw new Error('boom');
    });
    expect(() => p([1, 2])).toThrow(ConstraintError);
    expect(() => p([1, 2])).toThrow('x = [1, 2]: boom');
  });

  it('couples penalties like mystic’s coupler: and sums (800), or takes the least (0)', () => {
    const below1 = quadraticInequality((x) => x[0]! - 1);
    const above2 = quadraticInequality((x) => -(x[0]! - 2));
    expect(andPenalties([below1, above2])([3])).toBe(800);
    expect(orPenalties([below1, above2])([3])).toBe(0);
    const outside = notPenalty(below1);
    expect(outside([3])).toBe(0);
    expect(outside([0])).toBe(2);
    const notZero = notPenalty(quadraticEquality((x) => x[0]!));
    expect(notZero([0])).toBe(1);
    expect(notZero([2])).toBe(0);
  });
});
