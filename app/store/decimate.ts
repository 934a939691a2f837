/**
 * Min/max decimation, the one way the studio thins a series: the run's series in the store (series.ts) and
 * the traces a plot hands plotly (figures.ts). A long run produces one point per generation (a million
 * evaluations are tens of thousands of generations, per trace) and plots only need what a screen can show.
 * Points are grouped in buckets and each bucket keeps its minimum and maximum, so spikes and plateaus survive
 * and the curve's envelope is the true one. Every kept point is a real point, so decimating a decimated
 * series again keeps its extremes. Buckets are either equal counts of points (`minMaxIndices`, for a trace
 * about to be drawn) or equal spans of x (`minMaxByStride`, for a series that grows and is thinned again and
 * again: equal spans keep the points spread evenly over the generations however often it is thinned).
 */

/** A series as parallel arrays; x ascending (generation numbers). */
export interface Series {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** How much of a series to keep. */
export interface DecimationPlan {
  /** The newest points kept at full resolution. */
  readonly recent: number;
  /** Buckets for everything older: at most two points (the bucket's min and max) survive per bucket. */
  readonly olderBuckets: number;
}

/** The most points a series kept under `plan` holds. */
export function decimatedCapacity(plan: DecimationPlan): number {
  return plan.recent + 2 * plan.olderBuckets + 1;
}

/**
 * Append to `kept` the indices that represent `y[from..to)`: its smallest and largest finite value, in their
 * original order (one index when they coincide), or its first point when no value is finite, so a gap (±∞,
 * NaN) stays visible as a gap. An index equal to the last one kept is not repeated.
 */
function keepExtremes(y: readonly number[], from: number, to: number, kept: number[]): void {
  let low = -1;
  let high = -1;
  for (let i = from; i < to; i++) {
    const value = y[i] as number;
    if (!Number.isFinite(value)) continue;
    if (low < 0 || value < (y[low] as number)) low = i;
    if (high < 0 || value > (y[high] as number)) high = i;
  }
  const chosen = low < 0 ? [from] : low === high ? [low] : [Math.min(low, high), Math.max(low, high)];
  for (const index of chosen) if (index !== kept.at(-1)) kept.push(index);
}

/**
 * Indices of the points that represent `y[start..end)` in `buckets` equal-count buckets: per bucket the
 * smallest and the largest finite value (see keepExtremes). The range's first point is always kept, so a
 * plot's x-range does not shrink as the series is decimated again and again.
 */
export function minMaxIndices(y: readonly number[], start: number, end: number, buckets: number): number[] {
  const count = end - start;
  if (count <= 0) return [];
  if (buckets < 1 || count <= 2 * buckets + 1) return Array.from({ length: count }, (_, i) => start + i);
  const kept: number[] = [start];
  for (let b = 0; b < buckets; b++) {
    keepExtremes(y, start + Math.floor((b * count) / buckets), start + Math.floor(((b + 1) * count) / buckets), kept);
  }
  return kept;
}

/**
 * Indices of the points that represent a series in buckets of `stride` units of x (bucket ⌊x / stride⌋, x
 * ascending): per bucket its smallest and largest finite value (see keepExtremes), plus the first and the
 * last point, so the series still starts where it started and reaches the present.
 */
export function minMaxByStride(x: readonly number[], y: readonly number[], stride: number): number[] {
  const count = x.length;
  if (count === 0) return [];
  const kept: number[] = [0];
  let from = 0;
  while (from < count) {
    const bucket = Math.floor((x[from] as number) / stride);
    let to = from + 1;
    while (to < count && Math.floor((x[to] as number) / stride) === bucket) to++;
    keepExtremes(y, from, to, kept);
    from = to;
  }
  if (kept.at(-1) !== count - 1) kept.push(count - 1);
  return kept;
}

function pick(series: Series, indices: readonly number[]): { x: number[]; y: number[] } {
  return { x: indices.map((i) => series.x[i] as number), y: indices.map((i) => series.y[i] as number) };
}

/**
 * Keep the last `plan.recent` points exactly and min/max-decimate the older ones. The result never holds
 * more than `decimatedCapacity(plan)` points, and keeps the first and the global extremes of the older part.
 */
export function decimateTail(series: Series, plan: DecimationPlan): { x: number[]; y: number[] } {
  const length = series.y.length;
  if (length <= decimatedCapacity(plan)) return { x: [...series.x], y: [...series.y] };
  const split = length - plan.recent;
  const indices = minMaxIndices(series.y, 0, split, plan.olderBuckets);
  for (let i = split; i < length; i++) indices.push(i);
  return pick(series, indices);
}

/**
 * Decimate traces so that together they hold about `budget` points at most: each gets an equal share, keeps
 * its newest third exactly and min/max-decimates the rest. Many traces (ensemble members, parameters of a
 * large problem) would otherwise multiply what plotly redraws twenty times a second.
 */
export function fitToBudget(traces: readonly Series[], budget: number): Series[] {
  const share = Math.floor(budget / Math.max(1, traces.length));
  const third = Math.max(1, Math.floor(share / 3));
  return traces.map((trace) => (trace.y.length <= share ? trace : decimateTail(trace, { recent: third, olderBuckets: third })));
}
