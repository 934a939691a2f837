import { costFactory } from './fitting';
import { requireLength } from './length';

/**
 * Two-lifetime radioactive decay (Bevington & Robinson, "Data Reduction and Error Analysis for the Physical
 * Sciences", chapter 8; mystic/models/br8.py): y(t) = a1 + a2·exp(−t/a4) + a3·exp(−t/a5), coefficients
 * (a1, a2, a3, a4, a5) = (background, two amplitudes, two mean lives in seconds).
 */
export function decay(coeffs: readonly number[], t: number): number {
  requireLength('decay', coeffs, 5);
  const [a1, a2, a3, a4, a5] = coeffs as readonly [number, number, number, number, number];
  return a1 + a2 * Math.exp(-t / a4) + a3 * Math.exp(-t / a5);
}

/**
 * The measured counts of Bevington & Robinson's table 8.1 (silver activated by neutrons, counts per 15 s
 * interval), the data mystic bundles with its decay model: 59 points at t = 15, 30, …, 885 s.
 */
export const decayData: { readonly t: readonly number[]; readonly counts: readonly number[] } = Object.freeze({
  t: Object.freeze(Array.from({ length: 59 }, (_, i) => 15 * (i + 1))),
  counts: Object.freeze([
    775, 479, 380, 302, 185, 157, 137, 119, 110, 89, 74, 61, 66, 68, 48, 54, 51, 46, 55, 29, 28, 37, 49, 26, 35, 29,
    31, 24, 25, 35, 24, 30, 26, 28, 21, 18, 20, 27, 17, 17, 14, 17, 24, 11, 22, 17, 12, 10, 13, 16, 9, 9, 14, 21,
    17, 13, 12, 18, 10,
  ]),
});

/**
 * χ² of the decay model against {@link decayData}, with Poisson errors σ_i = √counts_i (mystic's br8 `cost`).
 * A good fit has χ² near the 54 degrees of freedom.
 */
export const decayCost = costFactory(decay, decayData.t, decayData.counts, decayData.counts.map(Math.sqrt));
