import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors';
import { Random } from '../random';
import { Measure, ProductMeasure, imposeExpectation, nested, pack, pointMass } from './discrete';
import { expectation } from './measures';

const sum = (p: number[]): number => p.reduce((a, b) => a + b, 0);

describe('discrete measures (reference §6.5)', () => {
  it('reads mystic’s flat layout: npts (2,1,1), [.5,.5,1,2, 1,3, 1,5]', () => {
    const c = ProductMeasure.fromParams([0.5, 0.5, 1, 2, 1, 3, 1, 5], [2, 1, 1]);
    expect(c.positions).toEqual([
      [1, 3, 5],
      [2, 3, 5],
    ]);
    expect(c.weights).toEqual([0.5, 0.5]);
    expect(c.expect(sum)).toBe(9.5);
    expect(c.params()).toEqual([0.5, 0.5, 1, 2, 1, 3, 1, 5]);
    expect(c.npts).toEqual([2, 1, 1]);
    expect(() => ProductMeasure.fromParams([1, 2, 3], [2, 1, 1])).toThrow(OptionError);
  });

  it('packs combinations with the first coordinate varying fastest', () => {
    expect(pack([[1, 2, 3], [4, 5], [6, 7]])).toEqual([
      [1, 4, 6], [2, 4, 6], [3, 4, 6], [1, 5, 6], [2, 5, 6], [3, 5, 6],
      [1, 4, 7], [2, 4, 7], [3, 4, 7], [1, 5, 7], [2, 5, 7], [3, 5, 7],
    ]);
    expect(nested(['x', 'x', 'x', 'y', 'y', 'z'].map((_, i) => i), [3, 2, 1])).toEqual([[0, 1, 2], [3, 4], [5]]);
  });

  it('measures have mass, mean, range and variance, and setting them moves the positions', () => {
    const m = new Measure([pointMass(1, 0.25), pointMass(3, 0.75)]);
    expect(m.npts).toBe(2);
    expect(m.mass).toBe(1);
    expect(m.mean).toBe(2.5);
    expect(m.range).toBe(2);
    expect(m.variance).toBeCloseTo(0.75, 15);
    m.mean = 0;
    expect(m.positions).toEqual([-1.5, 0.5]);
    m.variance = 3;
    expect(m.variance).toBeCloseTo(3, 12);
    expect(m.mean).toBeCloseTo(0, 12);
    m.range = 1;
    expect(m.range).toBeCloseTo(1, 12);
    const u = Measure.of([1, 2], [2, 2]);
    u.normalize();
    expect(u.weights).toEqual([0.5, 0.5]);
    expect(u.mean).toBe(1.5);
    expect(u.expect((p) => p[0]! ** 2)).toBe(2.5);
  });

  it('imposes an expectation with the inner optimizer, within tol', () => {
    const random = Random.fromSeed(11);
    const points = imposeExpectation(9, sum, [2, 1, 1], { random, weights: [0.5, 0.5], bounds: [[0, 0, 0, 0], [5, 5, 5, 5]], tol: 0.01 });
    expect(points.length).toBe(2);
    expect(Math.abs(expectation(sum, points, [0.5, 0.5]) - 9)).toBeLessThanOrEqual(0.01);
    expect(points.flat().every((v) => v >= 0 && v <= 5)).toBe(true);
  });

  it('setExpect moves the positions of a product measure, keeping the weights', () => {
    const c = ProductMeasure.fromParams([0.5, 0.5, 1, 2, 1, 3, 1, 5], [2, 1, 1]);
    c.setExpect(4, sum, { random: Random.fromSeed(2), bounds: [[0, 0, 0, 0], [10, 10, 10, 10]] });
    expect(Math.abs(c.expect(sum) - 4)).toBeLessThanOrEqual(0.04);
    expect(c.weights).toEqual([0.5, 0.5]);
    const m = Measure.of([0, 1], [0.5, 0.5]);
    m.setExpect(2, (p) => p[0]!, { random: Random.fromSeed(2), tol: 1e-6, bounds: [[-5, -5], [5, 5]] });
    expect(m.mean).toBeCloseTo(2, 5);
  });

  it('accepts an external minimizer (the lead can plug in DE2)', () => {
    let called = 0;
    const points = imposeExpectation(1, sum, [1], {
      random: Random.fromSeed(1),
      minimize: (problem) => {
        called += 1;
        return { x: [1], cost: problem.cost([1]), evaluations: 1 };
      },
    });
    expect(called).toBe(1);
    expect(points).toEqual([[1]]);
  });
});
