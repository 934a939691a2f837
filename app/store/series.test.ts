import { describe, expect, it } from 'vitest';
import { EMPTY_SERIES, appendSeries } from './series';

/** Generations from..to-1 with cost = generation and point [g, 2g]. */
function points(from: number, to: number) {
  const generations = Array.from({ length: to - from }, (_, k) => from + k);
  return { generations, costs: generations.map((g) => g), points: generations.map((g) => [g, 2 * g]) };
}

describe('plot series', () => {
  it('keeps every point while there is room, in columns per parameter', () => {
    const series = appendSeries(appendSeries(EMPTY_SERIES, points(0, 3)), points(3, 5));
    expect(series.generations).toEqual([0, 1, 2, 3, 4]);
    expect(series.params).toEqual([
      [0, 1, 2, 3, 4],
      [0, 2, 4, 6, 8],
    ]);
    expect(series.stride).toBe(1);
  });

  it('stays bounded over a long run, evenly spread, always reaching the latest generation', () => {
    let series = EMPTY_SERIES;
    for (let start = 0; start < 100_000; start += 1000) series = appendSeries(series, points(start, start + 1000), 500);
    expect(series.generations.length).toBeLessThanOrEqual(500);
    expect(series.generations.length).toBeGreaterThan(200);
    expect(series.generations[0]).toBe(0);
    expect(series.generations.at(-1)).toBe(99_999);
    // One point per bucket of `stride` generations, besides the tail.
    const body = series.generations.slice(0, -1);
    const buckets = body.map((g) => Math.floor(g / series.stride));
    expect(new Set(buckets).size).toBe(body.length);
    expect(series.costs).toEqual(series.generations);
  });

  it('replaces what it holds from a generation sent again (a run that went back to a checkpoint)', () => {
    const series = appendSeries(appendSeries(EMPTY_SERIES, points(0, 10)), { generations: [6, 7], costs: [60, 70], points: [[6, 6], [7, 7]] });
    expect(series.generations).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(series.costs.slice(-2)).toEqual([60, 70]);
    expect(series.params[1]?.slice(-2)).toEqual([6, 7]);
  });
});
