import { describe, expect, it } from 'vitest';
import {
  chebyshev16coeffs, chebyshev16cost, chebyshev2coeffs, chebyshev2cost, chebyshev4coeffs, chebyshev4cost,
  chebyshev6coeffs, chebyshev6cost, chebyshev8coeffs, chebyshev8cost, chebyshevCost, chebyshevCostFactory, poly,
} from './polynomial';

const sets: [number, readonly number[], (trial: readonly number[]) => number][] = [
  [2, chebyshev2coeffs, chebyshev2cost],
  [4, chebyshev4coeffs, chebyshev4cost],
  [6, chebyshev6coeffs, chebyshev6cost],
  [8, chebyshev8coeffs, chebyshev8cost],
  [16, chebyshev16coeffs, chebyshev16cost],
];

describe('poly', () => {
  it('evaluates coefficients highest power first', () => {
    expect(poly([2, -5, 3], 2)).toBe(1);
    expect(poly([1, 0, 0, 0], -3)).toBe(-27);
    expect(poly([], 4)).toBe(0);
  });

  it('gives the Chebyshev polynomials T_n(cos θ) = cos(nθ)', () => {
    for (const [n, coeffs] of sets) {
      for (const theta of [0, 0.3, 1.1, 2.5, Math.PI]) {
        expect(poly(coeffs, Math.cos(theta))).toBeCloseTo(Math.cos(n * theta), n === 16 ? 9 : 12);
      }
    }
  });
});

describe("Storn's Chebyshev fitting cost", () => {
  it('is exactly 0 at the exact coefficients of every T_n', () => {
    for (const [, coeffs, cost] of sets) {
      expect(cost(coeffs)).toBe(0);
      expect(chebyshevCost(coeffs, coeffs)).toBe(0);
    }
  });

  it('is positive when any one coefficient of T8 moves by ±1e-3', () => {
    for (let i = 0; i < chebyshev8coeffs.length; i++) {
      for (const delta of [1e-3, -1e-3]) {
        const trial = chebyshev8coeffs.map((c, j) => (j === i ? c + delta : c));
        expect(chebyshev8cost(trial), `coefficient ${i} moved by ${delta}`).toBeGreaterThan(0);
      }
    }
  });

  it('adds (1 − p)² on both sides of [−1, 1], and the shortfall at ±1.2', () => {
    const t8At12 = poly(chebyshev8coeffs, 1.2);
    const constant = (c: number): number[] => [0, 0, 0, 0, 0, 0, 0, 0, c];
    // p = −2 everywhere: 61 points at (1 − (−2))² = 9, and (−2 − T8(±1.2))² at each end.
    expect(chebyshev8cost(constant(-2))).toBeCloseTo(61 * 9 + 2 * (-2 - t8At12) ** 2, 6);
    // p = 2 everywhere: 61 points at (1 − 2)² = 1.
    expect(chebyshev8cost(constant(2))).toBeCloseTo(61 + 2 * (2 - t8At12) ** 2, 6);
    // p = 0 stays inside the band: only the shortfall at the ends counts.
    expect(chebyshev8cost(constant(0))).toBeCloseTo(2 * t8At12 ** 2, 6);
  });

  it('charges next to nothing for a trial that exceeds the target at ±1.2 and stays inside the band', () => {
    // T8 + 1e-3·(x⁸ − x⁶) stays within ±1 on the 61 samples but grows faster outside. Only rounding remains: the
    // last sample, reached by adding 2/60 sixty times, lands a hair from 1.
    const trial = chebyshev8coeffs.map((c, j) => c + (j === 0 ? 1e-3 : j === 2 ? -1e-3 : 0));
    expect(chebyshevCost(trial, chebyshev8coeffs)).toBeLessThan(1e-20);
  });

  it('samples M points including both ends', () => {
    // M = 3 samples −1, 0, 1 only: p(x) = 2x leaves the band at ±1 (costs (1−2)² + (1+2)²) but not at 0; at −1.2
    // it falls 1.2 short of the target x.
    expect(chebyshevCost([2, 0], [1, 0], 3)).toBeCloseTo(1 + 9 + 1.2 * 1.2, 12);
    expect(chebyshevCostFactory([1, 0], 3)([2, 0])).toBeCloseTo(11.44, 12);
  });

  it("scores the reference's seed-123 DE answer (A5, rounded to 3 decimals) below its VTR of 0.01", () => {
    const answer = [127.437, -0.339, -254.019, 1.143, 157.907, -1.108, -31.32, 0.317, 1.009];
    const cost = chebyshev8cost(answer);
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeLessThan(0.01);
  });

  it('keeps its own copy of the target', () => {
    const target = [2, 0, -1];
    const cost = chebyshevCostFactory(target);
    target[0] = 100;
    expect(cost([2, 0, -1])).toBe(0);
  });
});
