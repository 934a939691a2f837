import { describe, expect, it } from 'vitest';
import { SibylError } from '../errors';
import { decay, decayCost, decayData } from './decay';

/** Weighted least squares for (a1, a2, a3) with the mean lives fixed, where the model is linear (Cramer's rule). */
function linearFit(a4: number, a5: number): [number, number, number] {
  // Normal equations Σ w·f_j·f_k · a = Σ w·f_j·y with w = 1/σ² = 1/y, so the right side is Σ f_j.
  let s00 = 0, s01 = 0, s02 = 0, s11 = 0, s12 = 0, s22 = 0, r0 = 0, r1 = 0, r2 = 0;
  decayData.t.forEach((t, i) => {
    const w = 1 / (decayData.counts[i] as number);
    const f1 = Math.exp(-t / a4);
    const f2 = Math.exp(-t / a5);
    s00 += w; s01 += w * f1; s02 += w * f2; s11 += w * f1 * f1; s12 += w * f1 * f2; s22 += w * f2 * f2;
    r0 += 1; r1 += f1; r2 += f2;
  });
  const det3 = (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, k: number): number =>
    a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
  const d = det3(s00, s01, s02, s01, s11, s12, s02, s12, s22);
  return [
    det3(r0, s01, s02, r1, s11, s12, r2, s12, s22) / d,
    det3(s00, r0, s02, s01, r1, s12, s02, r2, s22) / d,
    det3(s00, s01, r0, s01, s11, r1, s02, s12, r2) / d,
  ];
}

/** The best (a1…a5) on a grid of mean lives, refined once, with the amplitudes solved exactly at each node. */
function bestFit(): { coeffs: number[]; chi2: number } {
  let best = { coeffs: [] as number[], chi2: Infinity };
  const scan = (a4s: number[], a5s: number[]): void => {
    for (const a4 of a4s) {
      for (const a5 of a5s) {
        const coeffs = [...linearFit(a4, a5), a4, a5];
        const chi2 = decayCost(coeffs);
        if (chi2 < best.chi2) best = { coeffs, chi2 };
      }
    }
  };
  const range = (from: number, to: number, step: number): number[] =>
    Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);
  scan(range(10, 80, 1), range(100, 500, 10));
  const [, , , a4, a5] = best.coeffs as [number, number, number, number, number];
  scan(range(a4 - 1, a4 + 1, 0.05), range(a5 - 10, a5 + 10, 0.5));
  return best;
}

describe('decay (Bevington & Robinson, chapter 8)', () => {
  it('is background plus two exponentials', () => {
    expect(decay([1, 2, 3, 10, 20], 0)).toBe(6);
    expect(decay([1, 2, 3, 10, 20], 10)).toBeCloseTo(1 + 2 / Math.E + 3 * Math.exp(-0.5), 14);
    expect(() => decay([1, 2, 3], 0)).toThrow(SibylError);
  });

  it('bundles the 59 counts of table 8.1 at t = 15…885 s', () => {
    expect(decayData.t).toHaveLength(59);
    expect(decayData.counts).toHaveLength(59);
    expect(decayData.t[0]).toBe(15);
    expect(decayData.t[58]).toBe(885);
    expect(decayData.counts.slice(0, 4)).toEqual([775, 479, 380, 302]);
    expect(decayData.counts[58]).toBe(10);
    expect(decayData.counts.reduce((a, b) => a + b, 0)).toBe(4111);
  });

  it('costs χ² with σ = √counts', () => {
    const coeffs = [10, 900, 120, 30, 200];
    let chi2 = 0;
    decayData.t.forEach((t, i) => {
      const y = decayData.counts[i] as number;
      chi2 += (decay(coeffs, t) - y) ** 2 / y;
    });
    expect(decayCost(coeffs)).toBeCloseTo(chi2, 9);
  });

  it('is small at a good fit: χ² near its 54 degrees of freedom, with the mean lives of ¹¹⁰Ag and ¹⁰⁸Ag', () => {
    const { coeffs, chi2 } = bestFit();
    const [a1, a2, a3, a4, a5] = coeffs as [number, number, number, number, number];
    // χ² with 54 degrees of freedom: mean 54, standard deviation √108 ≈ 10.4.
    expect(chi2).toBeGreaterThan(54 - 3 * 10.4);
    expect(chi2).toBeLessThan(54 + 3 * 10.4);
    // ¹¹⁰Ag: half-life 24.6 s (mean life 35.5 s); ¹⁰⁸Ag: half-life 2.38 min (mean life 206 s).
    expect(a4).toBeGreaterThan(30);
    expect(a4).toBeLessThan(40);
    expect(a5).toBeGreaterThan(180);
    expect(a5).toBeLessThan(240);
    // A flat background of about 10 counts, a large short-lived and a small long-lived amplitude.
    expect(a1).toBeGreaterThan(5);
    expect(a1).toBeLessThan(15);
    expect(a2).toBeGreaterThan(a3);
    // A single exponential cannot fit: its best χ² is far worse.
    expect(decayCost([a1, a2 + a3, 0, a4, a5])).toBeGreaterThan(10 * chi2);
  });
});
