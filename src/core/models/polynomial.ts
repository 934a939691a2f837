/**
 * Polynomials and Storn's Chebyshev fitting problem (mystic/models/poly.py and _model_helper.py): find the
 * degree-n polynomial that stays within [−1, 1] on [−1, 1] and grows fastest outside it, whose answer is the
 * Chebyshev polynomial T_n. It is the DE acceptance problem (reference §8, A5/A6).
 */

/** Evaluate a polynomial by Horner's rule; coefficients highest power first ([a, b, c] is a·x² + b·x + c). */
export function poly(coeffs: readonly number[], x: number): number {
  let value = 0;
  for (let i = 0; i < coeffs.length; i++) value = (coeffs[i] as number) + value * x;
  return value;
}

// Not frozen: V8 reads frozen arrays several times slower, and these sit in the hottest loop of a fit.

/** T2(x) = 2x² − 1, highest power first. */
export const chebyshev2coeffs: readonly number[] = [2, 0, -1];
/** T4(x) = 8x⁴ − 8x² + 1. */
export const chebyshev4coeffs: readonly number[] = [8, 0, -8, 0, 1];
/** T6(x) = 32x⁶ − 48x⁴ + 18x² − 1. */
export const chebyshev6coeffs: readonly number[] = [32, 0, -48, 0, 18, 0, -1];
/** T8(x) = 128x⁸ − 256x⁶ + 160x⁴ − 32x² + 1. */
export const chebyshev8coeffs: readonly number[] = [128, 0, -256, 0, 160, 0, -32, 0, 1];
/** T16(x), highest power first. */
export const chebyshev16coeffs: readonly number[] = [
  32768, 0, -131072, 0, 212992, 0, -180224, 0, 84480, 0, -21504, 0, 2688, 0, -128, 0, 1,
];

/**
 * Storn's cost for fitting the polynomial `trial` to the Chebyshev polynomial `target`, as mystic computes it:
 * - at M evenly spaced x from −1 to 1, add (1 − p(x))² wherever p(x) leaves [−1, 1] (note: (1 − p)² on both
 *   sides, so undershooting below −1 costs more than overshooting above 1);
 * - at x = ±1.2, add (p(x) − T(x))² where p(x) falls short of T(x).
 * The sample points are stepped by repeated addition of 2/(M − 1), like mystic, so costs agree to the last bit.
 * The exact coefficients of T_n cost 0.
 */
export function chebyshevCost(trial: readonly number[], target: readonly number[], M = 61): number {
  let cost = 0;
  const dx = 2 / (M - 1);
  let x = -1;
  for (let i = 0; i < M; i++) {
    const p = poly(trial, x);
    if (p < -1 || p > 1) cost += (1 - p) * (1 - p);
    x += dx;
  }
  cost += shortfallAt(trial, target, 1.2);
  cost += shortfallAt(trial, target, -1.2);
  return cost;
}

function shortfallAt(trial: readonly number[], target: readonly number[], x: number): number {
  const shortfall = poly(trial, x) - poly(target, x);
  return shortfall < 0 ? shortfall * shortfall : 0;
}

/**
 * A one-argument fitting cost for `target` (mystic's `chebyshevcostfactory`), holding its own copy of the
 * target. Objectives get one argument only, so a pool or `Array.map` can never pass an index as M.
 */
export function chebyshevCostFactory(target: readonly number[], M = 61): (trial: readonly number[]) => number {
  const fixedTarget = [...target];
  return (trial) => chebyshevCost(trial, fixedTarget, M);
}

/** Storn's cost for fitting T2 (3 coefficients, M = 61). */
export const chebyshev2cost = chebyshevCostFactory(chebyshev2coeffs);
/** Storn's cost for fitting T4 (5 coefficients, M = 61). */
export const chebyshev4cost = chebyshevCostFactory(chebyshev4coeffs);
/** Storn's cost for fitting T6 (7 coefficients, M = 61). */
export const chebyshev6cost = chebyshevCostFactory(chebyshev6coeffs);
/** Storn's cost for fitting T8 (9 coefficients, M = 61): the reference's A5 objective. */
export const chebyshev8cost = chebyshevCostFactory(chebyshev8coeffs);
/** Storn's cost for fitting T16 (17 coefficients, M = 61). */
export const chebyshev16cost = chebyshevCostFactory(chebyshev16coeffs);
