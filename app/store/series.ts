/**
 * Bounded, decimated series for plots. A run may go on for millions of generations; the studio keeps at most
 * `MAX_SERIES_POINTS` of them per series: the first point of every `stride` generations, plus the latest
 * point (the tail), so a plot always reaches the present. When a series fills up, the stride doubles and
 * every other point goes. Appending is O(points) with fresh arrays, so React sees a new object.
 */

/** The most points one series keeps (about two per pixel of a wide plot). */
export const MAX_SERIES_POINTS = 2000;

/** The best cost and best point over the generations, for the convergence and parameter plots. */
export interface RunSeries {
  /** Generation of each kept point, increasing. */
  readonly generations: readonly number[];
  /** Best (penalized) cost at those generations. */
  readonly costs: readonly number[];
  /** `params[j][k]` is coordinate j of the best point at `generations[k]`: one trace per parameter. */
  readonly params: readonly (readonly number[])[];
  /** Generations per bucket; only the first point of each bucket is kept (besides the tail). */
  readonly stride: number;
}

/** One ensemble member's best cost over the generations (same decimation). */
export interface MemberSeries {
  readonly member: number;
  readonly generations: readonly number[];
  readonly costs: readonly number[];
  readonly stride: number;
}

export const EMPTY_SERIES: RunSeries = { generations: [], costs: [], params: [], stride: 1 };

/** New points, in increasing generation order (a snapshot's history delta). */
export interface SeriesPoints {
  readonly generations: readonly number[];
  readonly costs: readonly number[];
  readonly points?: readonly (readonly number[])[];
}

interface Columns {
  generations: number[];
  costs: number[];
  params: number[][];
}

/**
 * Append points to a series. Points at or before the series' end replace what it holds from there on (a run
 * that went back to a checkpoint, or a restored state, sends those generations again).
 */
export function appendSeries(series: RunSeries, added: SeriesPoints, max = MAX_SERIES_POINTS): RunSeries {
  if (added.generations.length === 0) return series;
  const dim = added.points?.[0]?.length ?? series.params.length;
  const columns: Columns = {
    generations: [...series.generations],
    costs: [...series.costs],
    params: Array.from({ length: dim }, (_, j) => [...(series.params[j] ?? [])]),
  };
  truncateFrom(columns, added.generations[0] as number);
  let stride = series.stride;
  added.generations.forEach((generation, k) => {
    dropTail(columns, stride);
    push(columns, generation, added.costs[k] as number, added.points?.[k]);
    if (columns.generations.length > max) stride = thin(columns, stride * 2);
  });
  return { ...columns, stride };
}

/** `appendSeries` for a member's costs. */
export function appendMemberSeries(series: MemberSeries | undefined, member: number, added: SeriesPoints, max = MAX_SERIES_POINTS): MemberSeries {
  const merged = appendSeries(series ? { ...series, params: [] } : EMPTY_SERIES, { generations: added.generations, costs: added.costs }, max);
  return { member, generations: merged.generations, costs: merged.costs, stride: merged.stride };
}

function truncateFrom(columns: Columns, generation: number): void {
  let keep = columns.generations.length;
  while (keep > 0 && (columns.generations[keep - 1] as number) >= generation) keep--;
  columns.generations.length = keep;
  columns.costs.length = keep;
  for (const column of columns.params) column.length = keep;
}

/** Remove the last point if it only stands for the present (its bucket already has a first point). */
function dropTail(columns: Columns, stride: number): void {
  const n = columns.generations.length;
  if (n < 2) return;
  const last = columns.generations[n - 1] as number;
  const before = columns.generations[n - 2] as number;
  if (Math.floor(last / stride) === Math.floor(before / stride)) truncateFrom(columns, last);
}

function push(columns: Columns, generation: number, cost: number, point: readonly number[] | undefined): void {
  columns.generations.push(generation);
  columns.costs.push(cost);
  columns.params.forEach((column, j) => column.push(point?.[j] ?? NaN));
}

/** Keep the first point of each bucket of the new stride, and the tail. */
function thin(columns: Columns, stride: number): number {
  const { generations } = columns;
  const kept: number[] = [];
  generations.forEach((g, i) => {
    const isTail = i === generations.length - 1;
    const previous = kept.length > 0 ? (generations[kept[kept.length - 1] as number] as number) : undefined;
    if (isTail || previous === undefined || Math.floor(g / stride) > Math.floor(previous / stride)) kept.push(i);
  });
  columns.generations = kept.map((i) => generations[i] as number);
  columns.costs = kept.map((i) => columns.costs[i] as number);
  columns.params = columns.params.map((column) => kept.map((i) => column[i] as number));
  return stride;
}
