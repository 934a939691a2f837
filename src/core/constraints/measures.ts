/**
 * Statistics of (weighted) point sets and the moves that impose them: mystic's math.measures. A point set is
 * a plain array of numbers; weights default to equal. Every impose* returns a new array and leaves its input
 * alone.
 */

function weightsFor(samples: readonly number[], weights?: readonly number[]): readonly number[] {
  if (!weights) return samples.map(() => 1 / samples.length);
  if (weights.length !== samples.length) {
    throw new RangeError(`got ${weights.length} weights for ${samples.length} samples`);
  }
  return weights;
}

function total(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}

/** Weighted mean Σw·x / Σw. With zero total weight the mean is undefined (±∞ or NaN, as in mystic). */
export function mean(samples: readonly number[], weights?: readonly number[]): number {
  const w = weightsFor(samples, weights);
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * w[i]!;
  const mass = total(w);
  return mass ? sum / mass : sum * Infinity;
}

/** Weighted population variance (no Bessel correction). */
export function variance(samples: readonly number[], weights?: readonly number[]): number {
  const m = mean(samples, weights);
  return mean(
    samples.map((x) => (x - m) ** 2),
    weights,
  );
}

export function std(samples: readonly number[], weights?: readonly number[]): number {
  return Math.sqrt(variance(samples, weights));
}

/** Range: max − min. */
export function spread(samples: readonly number[]): number {
  return Math.max(...samples) - Math.min(...samples);
}

/**
 * Weighted expectation of f over sample points. Points whose |weight| ≤ tol are skipped without evaluating
 * f there (an expensive model is not run where it cannot count).
 */
export function expectation(
  f: (point: number[]) => number,
  samples: readonly (readonly number[])[],
  weights?: readonly number[],
  tol = 0,
): number {
  if (!weights) return mean(samples.map((s) => f([...s])));
  const values: number[] = [];
  const kept: number[] = [];
  samples.forEach((s, i) => {
    const w = weights[i] ?? 0;
    if (Math.abs(w) > tol) {
      values.push(f([...s]));
      kept.push(w);
    }
  });
  return values.length ? mean(values, kept) : 0;
}

/** Shift every point by the same amount so the weighted mean becomes m (keeps range and variance). */
export function imposeMean(m: number, samples: readonly number[], weights?: readonly number[]): number[] {
  const shift = m - mean(samples, weights);
  return samples.map((x) => x + shift);
}

/**
 * Offsets with a non-zero weighted spread, used when every point sits at the same place and scaling cannot
 * change the spread: mystic returns NaN there; Sibyl spaces the points evenly instead, which satisfies the
 * target. Returns undefined when no spacing helps (a single point, or all weight on one point).
 */
function evenOffsets(n: number, weights?: readonly number[]): number[] | undefined {
  const offsets = Array.from({ length: n }, (_, i) => i - (n - 1) / 2);
  return variance(offsets, weights) > 0 ? offsets : undefined;
}

function scaleAbout(samples: readonly number[], factor: number, weights?: readonly number[]): number[] {
  const m = mean(samples, weights);
  return imposeMean(
    m,
    samples.map((x) => x * factor),
    weights,
  );
}

/** Scale the points about their weighted mean so the weighted variance becomes v (keeps the mean). */
export function imposeVariance(v: number, samples: readonly number[], weights?: readonly number[]): number[] {
  const current = variance(samples, weights);
  if (current === 0) {
    if (v === 0) return [...samples];
    const offsets = evenOffsets(samples.length, weights);
    if (!offsets) return samples.map(() => NaN);
    const m = mean(samples, weights);
    return imposeMean(m, scaleAbout(offsets, Math.sqrt(v / variance(offsets, weights)), weights), weights);
  }
  return scaleAbout(samples, Math.sqrt(v / current), weights);
}

export function imposeStd(s: number, samples: readonly number[], weights?: readonly number[]): number[] {
  return imposeVariance(s * s, samples, weights);
}

/** Scale the points about their weighted mean so the range becomes r (keeps the mean). */
export function imposeSpread(r: number, samples: readonly number[], weights?: readonly number[]): number[] {
  const current = spread(samples);
  if (current === 0) {
    if (r === 0) return [...samples];
    const offsets = evenOffsets(samples.length);
    if (!offsets) return samples.map(() => NaN);
    const m = mean(samples, weights);
    return imposeMean(m, scaleAbout(offsets, r / spread(offsets), weights), weights);
  }
  return scaleAbout(samples, r / current, weights);
}

/** Scale so the values sum to mass (mystic's normalize with a numeric mass). All zeros stay zeros. */
export function normalize(values: readonly number[], mass = 1): number[] {
  const sum = total(values);
  if (!sum) return values.map(() => 0);
  return values.map((v) => (mass * v) / sum);
}

/** Scale so the values sum to mass. */
export function imposeSum(mass: number, values: readonly number[]): number[] {
  return normalize(values, mass);
}

/** Scale every value by the same factor so their product becomes mass. */
export function imposeProduct(mass: number, values: readonly number[]): number[] {
  const product = values.reduce((a, b) => a * b, 1);
  const n = values.length;
  if (!product) return values.map((v) => v * Infinity);
  if (!mass) return values.map(() => 0);
  const ratio = product / mass;
  // An odd number of sign flips fixes a product of the wrong sign; the factor's magnitude does the rest.
  return ratio < 0 ? values.map((v) => -v / (-ratio) ** (1 / n)) : values.map((v) => v / ratio ** (1 / n));
}

/** |a − b| ≤ tol + rel·|b| (numpy's allclose with mystic's defaults). */
export function almostEqual(a: number, b: number, tol = 1e-18, rel = 1e-7): boolean {
  return Math.abs(a - b) <= tol + rel * Math.abs(b);
}
