import { describe, expect, it } from 'vitest';
import { EMPTY_SERIES, appendMemberSeries, appendSeries, type RunSeries } from './series';

/** Generations from..to-1 with cost = generation and point [g, 2g]. */
function points(from: number, to: number) {
  const generations = Array.from({ length: to - from }, (_, k) => from + k);
  return { generations, costs: generations.map((g) => g), points: generations.map((g) => [g, 2 * g]) };
}

/** Stream generations 0..total-1 in snapshots of `chunk`, with costs and points from `at`. */
function stream(total: number, chunk: number, max: number, at: (g: number) => { cost: number; point: number[] }): RunSeries {
  let series = EMPTY_SERIES;
  for (let start = 0; start < total; start += chunk) {
    const generations = Array.from({ length: Math.min(chunk, total - start) }, (_, k) => start + k);
    series = appendSeries(series, { generations, costs: generations.map((g) => at(g).cost), points: generations.map((g) => at(g).point) }, max);
  }
  return series;
}

describe('plot series', () => {
  it('keeps every point while there is room, one series per parameter', () => {
    const series = appendSeries(appendSeries(EMPTY_SERIES, points(0, 3)), points(3, 5));
    expect(series.cost).toEqual({ x: [0, 1, 2, 3, 4], y: [0, 1, 2, 3, 4] });
    expect(series.params.map((p) => p.y)).toEqual([
      [0, 1, 2, 3, 4],
      [0, 2, 4, 6, 8],
    ]);
    expect(series.params[1]?.x).toEqual([0, 1, 2, 3, 4]);
    expect(series.stride).toBe(1);
  });

  it('stays bounded over a long run, spread evenly, from the first generation to the latest', () => {
    const series = stream(100_000, 1000, 500, (g) => ({ cost: g, point: [g, 2 * g] }));
    for (const column of [series.cost, ...series.params]) {
      expect(column.x.length).toBeLessThanOrEqual(500);
      expect(column.x.length).toBeGreaterThan(200);
      expect(column.x[0]).toBe(0);
      expect(column.x.at(-1)).toBe(99_999);
      // At most two points (a bucket's minimum and maximum) per bucket of `stride` generations.
      const perBucket = new Map<number, number>();
      for (const g of column.x) perBucket.set(Math.floor(g / series.stride), (perBucket.get(Math.floor(g / series.stride)) ?? 0) + 1);
      expect(Math.max(...perBucket.values())).toBeLessThanOrEqual(2);
      // Evenly: no stretch of the run longer than two buckets goes without a point.
      for (let k = 1; k < column.x.length; k++) expect((column.x[k] as number) - (column.x[k - 1] as number)).toBeLessThan(2 * series.stride);
    }
    expect(series.cost.y).toEqual(series.cost.x);
  });

  it('keeps a spike of one generation and a dip of one coordinate visible however long the run', () => {
    const series = stream(200_000, 997, 400, (g) => ({
      cost: g === 123_457 ? 1e6 : 1 / (1 + g),
      point: [g === 54_321 ? -50 : Math.sin(g / 1000), 1],
    }));
    expect(series.stride).toBeGreaterThan(256);
    expect(Math.max(...series.cost.y)).toBe(1e6);
    expect(series.cost.x[series.cost.y.indexOf(1e6)]).toBe(123_457);
    expect(Math.min(...(series.params[0]?.y ?? []))).toBe(-50);
    expect(series.params[0]?.x[series.params[0].y.indexOf(-50)]).toBe(54_321);
    // The best cost after the spike still falls to the latest value.
    expect(series.cost.y.at(-1)).toBe(1 / 200_000);
  });

  it('replaces what it holds from a generation sent again (a run that went back to a checkpoint)', () => {
    const series = appendSeries(appendSeries(EMPTY_SERIES, points(0, 10)), { generations: [6, 7], costs: [60, 70], points: [[6, 6], [7, 7]] });
    expect(series.cost.x).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(series.cost.y.slice(-2)).toEqual([60, 70]);
    expect(series.params[1]?.y.slice(-2)).toEqual([6, 7]);
  });

  it('thins members the same way', () => {
    let member = appendMemberSeries(undefined, 3, points(0, 10), 8);
    member = appendMemberSeries(member, 3, points(10, 20), 8);
    expect(member.member).toBe(3);
    expect(member.cost.x.length).toBeLessThanOrEqual(8);
    expect(member.cost.x[0]).toBe(0);
    expect(member.cost.x.at(-1)).toBe(19);
  });
});
