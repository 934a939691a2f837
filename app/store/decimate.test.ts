import { describe, expect, it } from 'vitest';
import { decimatedCapacity, decimateTail, fitToBudget, minMaxByStride, minMaxIndices } from './decimate';
import type { Series } from './decimate';

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function seriesOf(y: readonly number[]): Series {
  return { x: range(y.length), y };
}

/** A noisy decaying curve with one isolated spike and one isolated dip, like a parameter trace. */
function bumpy(n: number, spikeAt: number, dipAt: number): number[] {
  return range(n).map((i) => (i === spikeAt ? 50 : i === dipAt ? -50 : Math.exp(-i / (n / 5)) + 0.1 * Math.sin(i * 1.7)));
}

function minOf(values: readonly number[]): number {
  return values.reduce((a, b) => Math.min(a, b), Infinity);
}

function maxOf(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b), -Infinity);
}

describe('minMaxIndices', () => {
  it('keeps every point when there are no more than two per bucket', () => {
    expect(minMaxIndices([3, 1, 2, 5], 0, 4, 2)).toEqual([0, 1, 2, 3]);
  });

  it('keeps the first point and the minimum and maximum of each bucket, in their original order', () => {
    // Two buckets of four: [4, 9, 1, 5] → max at 1, min at 2; [7, 2, 8, 3] → min at 5, max at 6.
    expect(minMaxIndices([4, 9, 1, 5, 7, 2, 8, 3], 0, 8, 2)).toEqual([0, 1, 2, 5, 6]);
  });

  it('keeps one point for a flat bucket and the first point of a bucket without finite values', () => {
    const y = [2, 2, 2, 2, Infinity, NaN, Infinity, -Infinity, 1, 1, 1, 0];
    expect(minMaxIndices(y, 0, 12, 3)).toEqual([0, 4, 8, 11]);
  });

  it('works on a sub-range and returns indices of the whole array', () => {
    expect(minMaxIndices([0, 0, 5, 1, 6, 2, 9, 9], 2, 6, 1)).toEqual([2, 3, 4]);
    expect(minMaxIndices([1, 2], 1, 1, 4)).toEqual([]);
  });
});

/** The points `minMaxIndices` keeps over the whole series. */
function decimateAll(series: Series, buckets: number): { x: number[]; y: number[] } {
  const kept = minMaxIndices(series.y, 0, series.y.length, buckets);
  return { x: kept.map((i) => series.x[i] as number), y: kept.map((i) => series.y[i] as number) };
}

describe('min/max decimation of a whole series', () => {
  it('bounds the size and preserves an isolated spike and dip', () => {
    const y = bumpy(100_000, 31_337, 77_777);
    const out = decimateAll(seriesOf(y), 500);
    expect(out.y.length).toBeLessThanOrEqual(1001);
    expect(maxOf(out.y)).toBe(50);
    expect(minOf(out.y)).toBe(-50);
    expect(out.x).toContain(31_337);
    expect(out.x).toContain(77_777);
  });

  it('keeps x ascending and every kept point a real point of the input', () => {
    const y = bumpy(10_000, 10, 9_000);
    const out = decimateAll(seriesOf(y), 100);
    for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1] as number);
    out.x.forEach((x, i) => expect(out.y[i]).toBe(y[x]));
  });

  it('keeps the envelope: every bucket’s extremes are in the output', () => {
    const y = bumpy(9_000, 4_000, 8_000);
    const buckets = 90;
    const out = decimateAll(seriesOf(y), buckets);
    for (let b = 0; b < buckets; b++) {
      const slice = y.slice(b * 100, (b + 1) * 100);
      const kept = out.y.filter((_, i) => (out.x[i] as number) >= b * 100 && (out.x[i] as number) < (b + 1) * 100);
      expect(minOf(kept)).toBe(minOf(slice));
      expect(maxOf(kept)).toBe(maxOf(slice));
    }
  });
});

describe('decimateTail', () => {
  const plan = { recent: 200, olderBuckets: 50 };

  it('returns a short series unchanged', () => {
    const y = bumpy(250, 3, 4);
    expect(decimateTail(seriesOf(y), plan)).toEqual({ x: range(250), y });
  });

  it('keeps the newest points exactly and the extremes of the older ones', () => {
    const y = bumpy(50_000, 123, 456);
    const out = decimateTail(seriesOf(y), plan);
    expect(out.y.length).toBeLessThanOrEqual(decimatedCapacity(plan));
    expect(out.x.slice(-200)).toEqual(range(200).map((i) => 49_800 + i));
    expect(out.y.slice(-200)).toEqual(y.slice(-200));
    expect(maxOf(out.y)).toBe(50);
    expect(minOf(out.y)).toBe(-50);
    expect(out.x[0]).toBe(0);
  });

  it('keeps a monotone best-cost curve monotone, with its first and last value', () => {
    const y = range(20_000).map((i) => 1e6 / (1 + i) ** 2);
    const out = decimateTail(seriesOf(y), plan);
    for (let i = 1; i < out.y.length; i++) expect(out.y[i]).toBeLessThan(out.y[i - 1] as number);
    expect(out.y[0]).toBe(1e6);
    expect(out.y.at(-1)).toBe(y.at(-1));
  });
});

describe('decimating again and again', () => {
  it('stays bounded over a long stream and keeps the stream’s extremes and newest points', () => {
    const plan = { recent: 300, olderBuckets: 100 };
    const total = 200_000;
    const y = bumpy(total, 12_345, 150_000);
    let series: Series = { x: [], y: [] };
    let largest = 0;
    for (let start = 0; start < total; start += 37) {
      const end = Math.min(total, start + 37);
      const added = range(end - start).map((i) => start + i);
      series = decimateTail({ x: [...series.x, ...added], y: [...series.y, ...y.slice(start, end)] }, plan);
      largest = Math.max(largest, series.y.length);
    }
    expect(largest).toBeLessThanOrEqual(decimatedCapacity(plan));
    expect(series.y.length).toBeGreaterThan(plan.recent);
    expect(maxOf(series.y)).toBe(50);
    expect(minOf(series.y)).toBe(-50);
    expect(series.x[0]).toBe(0);
    expect(series.y.slice(-300)).toEqual(y.slice(-300));
    for (let i = 1; i < series.x.length; i++) expect(series.x[i]).toBeGreaterThan(series.x[i - 1] as number);
  });
});

describe('fitToBudget', () => {
  it('leaves traces alone while they fit and shares the budget out when they do not', () => {
    const short = seriesOf([3, 2, 1]);
    expect(fitToBudget([short, short], 100)).toEqual([short, short]);
    const traces = Array.from({ length: 40 }, (_, k) => seriesOf(bumpy(2000, 100 + k, 1500 - k)));
    const fitted = fitToBudget(traces, 20_000);
    const total = fitted.reduce((sum, trace) => sum + trace.y.length, 0);
    expect(total).toBeLessThanOrEqual(20_000 + 40);
    fitted.forEach((trace, k) => {
      expect(maxOf(trace.y)).toBe(50);
      expect(minOf(trace.y)).toBe(-50);
      expect(trace.y.at(-1)).toBe(traces[k]?.y.at(-1));
    });
  });
});

describe('minMaxByStride', () => {
  it('keeps each bucket’s minimum and maximum in order, with the first and the last point', () => {
    // Buckets of 4 generations: [0..3] → min 0 (y 5 at x 0 is first), [4..7], [8, 9] (the tail).
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const y = [5, 9, 1, 4, 3, 3, 8, 2, 7, 6];
    expect(minMaxByStride(x, y, 4)).toEqual([0, 1, 2, 6, 7, 8, 9]);
  });

  it('buckets by x, not by count, so thinned points stay spread over the generations', () => {
    // Dense early points and sparse late ones: each bucket of 100 generations keeps at most two.
    const x = [...range(300), 400, 700, 1000];
    const y = x.map((g) => Math.cos(g));
    const kept = minMaxByStride(x, y, 100).map((i) => x[i] as number);
    const buckets = kept.map((g) => Math.floor(g / 100));
    for (const bucket of new Set(buckets)) expect(buckets.filter((b) => b === bucket).length).toBeLessThanOrEqual(bucket === 0 ? 3 : 2);
    expect(kept.slice(-3)).toEqual([400, 700, 1000]);
    expect(kept[0]).toBe(0);
  });

  it('keeps a gap and an isolated spike', () => {
    const x = range(1000);
    const y = x.map((g) => (g === 501 ? 1e9 : g >= 200 && g < 300 ? NaN : 1));
    const kept = minMaxByStride(x, y, 100);
    expect(kept).toContain(501);
    expect(kept).toContain(200);
    expect(y[200]).toBeNaN();
  });

  it('returns nothing for an empty series', () => {
    expect(minMaxByStride([], [], 10)).toEqual([]);
  });
});
