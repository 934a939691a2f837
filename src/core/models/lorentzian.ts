import { requireLength } from './length';

/**
 * A Lorentzian peak on a quadratic background (mystic/models/lorentzian.py), coefficients
 * (a1, a2, a3, A0, E0, G0, n): (a1 + a2·x + a3·x² + A0·(G0/2π) / ((x − E0)² + (G0/2)²)) / n, a peak of area A0
 * and full width G0 at E0, all scaled by 1/n.
 */
export function lorentzian(coeffs: readonly number[], x: number): number {
  requireLength('lorentzian', coeffs, 7);
  const [a1, a2, a3, area, centre, width, scale] = coeffs as readonly [number, number, number, number, number, number, number];
  const offset = x - centre;
  const halfWidth = width / 2;
  const peak = (area * (width / (2 * Math.PI))) / (offset * offset + halfWidth * halfWidth);
  return (a1 + a2 * x + a3 * x * x + peak) / scale;
}

/** numpy's arange(start, stop, step): start + i·step for i < ceil((stop − start)/step). */
function arange(start: number, stop: number, step: number): number[] {
  return Array.from({ length: Math.max(0, Math.ceil((stop - start) / step)) }, (_, i) => start + i * step);
}

/**
 * `count` samples distributed like the Lorentzian `coeffs` on [xmin, xmax) (mystic's `gendata`), by rejection:
 * draw x uniformly, draw y uniformly below the curve's maximum on a 200-point grid, keep x when y < f(x).
 * Every draw comes from `random` (uniform on [0, 1)), two per attempt, so a seeded source reproduces the data.
 */
export function lorentzianData(
  coeffs: readonly number[],
  xmin: number,
  xmax: number,
  count: number,
  random: () => number,
): number[] {
  const ceiling = Math.max(...arange(xmin, xmax, (xmax - xmin) / 200).map((x) => lorentzian(coeffs, x)));
  const samples: number[] = [];
  while (samples.length < count) {
    const x = random() * (xmax - xmin) + xmin;
    const y = random() * ceiling;
    if (y < lorentzian(coeffs, x)) samples.push(x);
  }
  return samples;
}

/**
 * Counts of `data` in bins of width `binWidth` whose edges start at xmin and stay below xmax (mystic's
 * `histogram`, i.e. numpy.histogram over arange(xmin, xmax, binWidth)): bins are half-open [lo, hi) except the
 * last, which includes its upper edge; values outside the edges are not counted. Returns bin centres and counts.
 */
export function histogram(
  data: readonly number[],
  binWidth: number,
  xmin: number,
  xmax: number,
): { centres: number[]; counts: number[] } {
  const edges = arange(xmin, xmax, binWidth);
  const bins = edges.length - 1;
  if (bins < 1) return { centres: [], counts: [] };
  const counts = new Array<number>(bins).fill(0);
  const first = edges[0] as number;
  const last = edges[bins] as number;
  for (const value of data) {
    if (!(value >= first && value <= last)) continue;
    // The last bin whose lower edge is ≤ value, found by bisection on the actual edges (as numpy does).
    let lo = 0;
    let hi = bins;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((edges[mid] as number) <= value) lo = mid;
      else hi = mid;
    }
    counts[lo] = (counts[lo] as number) + 1;
  }
  return { centres: edges.slice(0, bins).map((edge) => edge + 0.5 * binWidth), counts };
}
