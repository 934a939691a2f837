import { describe, expect, it } from 'vitest';
import { ProductMeasure, imposeExpectation } from '../constraints/discrete';
import { expectation } from '../constraints/measures';
import { OptionError } from '../errors';
import { Random } from '../random';
import { de2Minimize, de2Minimizer } from './de2Minimize';

const sum = (p: number[]): number => p.reduce((a, b) => a + b, 0);
/** A non-linear, non-separable quantity of interest: x · y². */
const xy2 = (p: number[]): number => p[0]! * p[1]! ** 2;

describe('de2Minimize: imposeExpectation through the real de2 (reference §6.5)', () => {
  it('moves the product measure of §6.5 (npts 2,1,1; E[x+y+z] = 9.5) to E = 5 within tol', () => {
    const c = ProductMeasure.fromParams([0.5, 0.5, 1, 2, 1, 3, 1, 5], [2, 1, 1]);
    expect(c.expect(sum)).toBe(9.5);
    c.setExpect(5, sum, { random: Random.fromSeed(4), tol: 0.05, bounds: [[0, 0, 0, 0], [10, 10, 10, 10]] });
    expect(Math.abs(c.expect(sum) - 5)).toBeLessThanOrEqual(0.05);
    expect(c.weights).toEqual([0.5, 0.5]);
    expect(c.positions.flat().every((v) => v >= 0 && v <= 10)).toBe(true);
  });

  it('reaches E[x·y²] = 3 within the default tol (1% of m) on a 2×3 product measure in [0, 2]', () => {
    const bounds: [number[], number[]] = [Array<number>(5).fill(0), Array<number>(5).fill(2)];
    const weights = Array<number>(6).fill(1 / 6);
    const points = imposeExpectation(3, xy2, [2, 3], { random: Random.fromSeed(9), bounds, weights });
    expect(points).toHaveLength(6);
    expect(Math.abs(expectation(xy2, points, weights) - 3)).toBeLessThanOrEqual(0.03);
    expect(points.flat().every((v) => v >= 0 && v <= 2)).toBe(true);
  });

  it('is the default, stops at VTR(tol²), and is reproducible from the caller’s seed', () => {
    const run = (seed: number, minimize?: typeof de2Minimize): { points: number[][]; evaluations: number } => {
      let evaluations = 0;
      const counting = (f: (p: number[]) => number) => (p: number[]): number => {
        evaluations += 1;
        return f(p);
      };
      const options = { random: Random.fromSeed(seed), bounds: [[0, 0, 0], [2, 2, 2]] as [number[], number[]], tol: 0.01 };
      const points = imposeExpectation(2, counting(xy2), [1, 2], minimize ? { ...options, minimize } : options);
      return { points, evaluations };
    };
    const first = run(21);
    expect(run(21)).toEqual(first);
    expect(run(21, de2Minimize)).toEqual(first);
    expect(run(22).points).not.toEqual(first.points);
    // One cost evaluation computes E over 2 points; de2 evaluates up to 200 trials a generation and stops at
    // the first generation whose best is within tol² of the target, long before its 1000-generation limit.
    expect(first.evaluations).toBeGreaterThanOrEqual(2 * 200);
    expect(first.evaluations).toBeLessThan(2 * 200 * 100);
  });

  it('passes the problem through: x0, constraints, target and the evaluation budget', () => {
    const random = Random.fromSeed(1);
    const fixSecond = (x: number[]): number[] => [x[0]!, -1];
    const cost = (x: number[]): number => (x[0]! - 3) ** 2 + (x[1]! + 1) ** 2;
    const result = de2Minimizer({ npop: 20 })({ cost, x0: [0, 0], bounds: [[-5, 5], [-5, 5]], constraints: fixSecond, target: 1e-8, random });
    expect(result.cost).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(result.x[0]! - 3)).toBeLessThanOrEqual(1e-4);
    expect(result.x[1]).toBe(-1);
    // Without bounds the search starts around x0.
    const near = de2Minimizer({ npop: 20 })({ cost, x0: [2.9, -1.1], target: 1e-8, random });
    expect(near.cost).toBeLessThanOrEqual(1e-8);
    const capped = de2Minimizer({ npop: 20 })({ cost: sum, bounds: [[0, 1], [0, 1]], maxEvaluations: 100, random });
    // The limit is checked after each generation, as in mystic: at most one generation (20) past it.
    expect(capped.evaluations).toBeGreaterThanOrEqual(100);
    expect(capped.evaluations).toBeLessThan(120);
    expect(() => de2Minimize({ cost: sum, random })).toThrow(OptionError);
  });
});
