import { minMaxByStride, type Series } from './decimate';

/**
 * Bounded series for plots. A run may go on for millions of generations; the studio keeps at most
 * `MAX_SERIES_POINTS` points per series. New points are appended as they come; when a series overflows, every
 * series keeps only the minimum and maximum of each bucket of `stride` generations, plus its first and latest
 * point (min/max decimation, decimate.ts), the stride doubling when that is not enough. So memory stays
 * bounded, a spike of one generation stays visible, and a plot always reaches the present. Each series is
 * thinned on its own (the extremes of the cost and of each coordinate fall at different generations), so
 * each has its own x. Appending is O(points) with fresh arrays, so React sees a new object.
 */

/** The most points one series keeps (about two per pixel of a wide plot). */
export const MAX_SERIES_POINTS = 2000;

/** The best cost and best point over the generations, for the convergence and parameter plots. */
export interface RunSeries {
  /** Best (penalized) cost; x is the generation. */
  readonly cost: Series;
  /** `params[j]` is coordinate j of the best point: one series per parameter. */
  readonly params: readonly Series[];
  /** Generations per bucket of the last thinning (1 while nothing has been thinned). */
  readonly stride: number;
}

/** One ensemble member's best cost over the generations (same decimation). */
export interface MemberSeries {
  readonly member: number;
  readonly cost: Series;
  readonly stride: number;
}

const EMPTY: Series = { x: [], y: [] };

export const EMPTY_SERIES: RunSeries = { cost: EMPTY, params: [], stride: 1 };

/** New points, in increasing generation order (a snapshot's history delta). */
export interface SeriesPoints {
  readonly generations: readonly number[];
  readonly costs: readonly number[];
  readonly points?: readonly (readonly number[])[];
}

interface Column {
  x: number[];
  y: number[];
}

/**
 * Append points to a series. Points at or before the series' end replace what it holds from there on (a run
 * that went back to a checkpoint, or a restored state, sends those generations again).
 */
export function appendSeries(series: RunSeries, added: SeriesPoints, max = MAX_SERIES_POINTS): RunSeries {
  const first = added.generations[0];
  if (first === undefined) return series;
  const dim = added.points?.[0]?.length ?? series.params.length;
  const columns: Column[] = [series.cost, ...Array.from({ length: dim }, (_, j) => series.params[j] ?? EMPTY)].map((column) => keepBefore(column, first));
  added.generations.forEach((generation, k) => {
    (columns[0] as Column).x.push(generation);
    (columns[0] as Column).y.push(added.costs[k] as number);
    for (let j = 0; j < dim; j++) {
      (columns[j + 1] as Column).x.push(generation);
      (columns[j + 1] as Column).y.push(added.points?.[k]?.[j] ?? NaN);
    }
  });
  // The new points come in at full resolution: thinning them to the present stride may be all it takes.
  // Only when that is not enough does the stride double, so it grows with the run's length and no faster.
  let stride = series.stride;
  const overflows = () => columns.some((column) => column.x.length > max);
  if (overflows()) columns.forEach((column, j) => (columns[j] = thin(column, stride)));
  while (overflows()) {
    stride *= 2;
    columns.forEach((column, j) => (columns[j] = thin(column, stride)));
  }
  const [cost, ...params] = columns as [Column, ...Column[]];
  return { cost, params, stride };
}

/** `appendSeries` for a member's costs. */
export function appendMemberSeries(series: MemberSeries | undefined, member: number, added: SeriesPoints, max = MAX_SERIES_POINTS): MemberSeries {
  const merged = appendSeries(series ? { cost: series.cost, params: [], stride: series.stride } : EMPTY_SERIES, { generations: added.generations, costs: added.costs }, max);
  return { member, cost: merged.cost, stride: merged.stride };
}

/** A fresh copy of the points before `generation`. */
function keepBefore(series: Series, generation: number): Column {
  let keep = series.x.length;
  while (keep > 0 && (series.x[keep - 1] as number) >= generation) keep--;
  return { x: series.x.slice(0, keep), y: series.y.slice(0, keep) };
}

function thin(column: Column, stride: number): Column {
  const kept = minMaxByStride(column.x, column.y, stride);
  return { x: kept.map((i) => column.x[i] as number), y: kept.map((i) => column.y[i] as number) };
}
