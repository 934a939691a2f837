import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors';
import { Random } from '../random';
import {
  bounded,
  discrete,
  imposeBounds,
  imposeUnique,
  integers,
  monotonic,
  normalized,
  periodic,
  roundHalfEven,
  rounded,
  unique,
  withMean,
  withSpread,
  withStd,
  withVariance,
} from './constraints';
import { ConstraintError } from './errors';
import { mean, spread, std, variance } from './measures';

const lastIsFirst = (x: number[]): number[] => {
  x[x.length - 1] = x[0]!;
  return x;
};
const squares = (x: number[]): number[] => x.map((v) => v * v);

describe('moment constraints (reference §6.2)', () => {
  it('withMean(5) on x[-1] = x[0] gives [4.25, 5.25, 6.25, 4.25]', () => {
    expect(withMean(5, { inner: lastIsFirst })([1, 2, 3, 4])).toEqual([4.25, 5.25, 6.25, 4.25]);
  });

  it('withSpread(10) on squares gives [3.1667, 5.1667, 8.5, 13.1667]', () => {
    const x = withSpread(10, { inner: squares })([1, 2, 3, 4]);
    [3.1666666666666665, 5.166666666666666, 8.5, 13.166666666666666].forEach((v, i) => expect(x[i]).toBeCloseTo(v, 14));
    expect(spread(x)).toBeCloseTo(10, 14);
  });

  it('withVariance(1) and withStd(1) on x[-1] = x[0] give [0.62623, 2.74755, 0.62623]', () => {
    for (const c of [withVariance(1, { inner: lastIsFirst }), withStd(1, { inner: lastIsFirst })]) {
      const x = c([1, 2, 3]);
      [0.6262265521467858, 2.747546895706428, 0.6262265521467858].forEach((v, i) => expect(x[i]).toBeCloseTo(v, 14));
      expect(variance(x)).toBeCloseTo(1, 14);
    }
  });

  it('normalized() gives [1/6, 1/3, 1/2] and leaves a normalized point alone', () => {
    expect(normalized()([1, 2, 3])).toEqual([1 / 6, 1 / 3, 1 / 2]);
    expect(normalized()([0.5, 0.5])).toEqual([0.5, 0.5]);
    expect(normalized(3)([1, 2, 3])).toEqual([0.5, 1, 1.5]);
  });

  it('couples in mystic’s decorator order: withSpread(5, withMean(5)) gives both (test A12)', () => {
    const x = withSpread(5, { inner: withMean(5) })([1, 2, 3, 4, 5]);
    expect(mean(x)).toBeCloseTo(5, 14);
    expect(spread(x)).toBeCloseTo(5, 14);
    expect(std([1, 2])).toBe(0.5);
  });

  it('never changes the caller’s array', () => {
    const x = [1, 2, 3];
    withMean(10)(x);
    integers()(x.map((v) => v + 0.4));
    expect(x).toEqual([1, 2, 3]);
  });
});

describe('set and type constraints', () => {
  it('discrete maps to the nearest member, ties low', () => {
    expect(discrete([1, 2])([0.123, 1.789, 4])).toEqual([1, 2, 2]);
    expect(discrete([1, 3, 5, 7], { index: [0, 3], inner: squares })([0, 2, 4, 6, 8, 10])).toEqual([1, 4, 16, 25, 64, 100]);
  });

  it('integers rounds half to even, optionally at chosen indices', () => {
    expect(integers()([0.123, 1.789, 4])).toEqual([0, 2, 4]);
    const x = integers({ index: [0, 3, 4], inner: squares })([0.12, 0.12, 4.01, 4.01, 8, 8]);
    [0, 0.0144, 16.080099999999998, 16, 64, 64].forEach((v, i) => expect(x[i]).toBeCloseTo(v, 12));
    expect([0.5, 1.5, 2.5, -0.5, -1.5].map((v) => roundHalfEven(v))).toEqual([0, 2, 2, 0, -2]);
  });

  it('rounded rounds to digits; periodic wraps into [0, period)', () => {
    expect(rounded(2)([1.234, 5.678])).toEqual([1.23, 5.68]);
    const wrapped = periodic(2)([-0.5, 2.5, 4]);
    expect(wrapped[0]).toBeCloseTo(1.5, 15);
    expect(wrapped[1]).toBeCloseTo(0.5, 15);
    expect(wrapped[2]).toBe(0);
    expect(() => rounded(1.5)).toThrow(OptionError);
  });

  it('monotonic takes a running maximum (or minimum), before or after the inner constraint', () => {
    expect(monotonic()([3, 1, 4, 1, 5])).toEqual([3, 3, 4, 4, 5]);
    expect(monotonic({ ascending: false })([3, 1, 4, 1, 5])).toEqual([3, 1, 1, 1, 1]);
    expect(monotonic({ index: [1, 3] })([3, 2, 4, 1, 5])).toEqual([3, 2, 4, 2, 5]);
    const negate = (x: number[]): number[] => x.map((v) => -v);
    expect(monotonic({ inner: negate })([1, 3, 2])).toEqual([-1, -3, -3]);
    expect(monotonic({ inner: negate, outer: true })([1, 3, 2])).toEqual([-1, -1, -1]);
  });

  it('unique replaces repeats with unused values from the pool, reproducibly', () => {
    const draw = (x: number[], pool: Parameters<typeof unique>[1], seed = 1): number[] => unique(x, pool, Random.fromSeed(seed));
    const range11 = Array.from({ length: 11 }, (_, i) => i);
    for (let seed = 1; seed <= 20; seed++) {
      const y = draw([1, 2, 3, 1, 2, 4], range11, seed);
      expect(y.slice(0, 3)).toEqual([1, 2, 3]);
      expect(y[5]).toBe(4);
      expect(new Set(y).size).toBe(6);
      expect(y.every((v) => range11.includes(v))).toBe(true);
      const z = draw([1, 2, 3, 1, 2, 10], 'int', seed);
      expect(new Set(z).size).toBe(6);
      expect(z.every((v) => Number.isInteger(v) && v >= 1 && v <= 10)).toBe(true);
      const f = draw([1, 2, 3, 1, 2, 4], { min: 0, max: 11 }, seed);
      expect(new Set(f).size).toBe(6);
      expect(f.every((v) => v >= 0 && v < 11)).toBe(true);
    }
    expect(draw([1, 2, 3, 1, 2, 4], range11, 7)).toEqual(draw([1, 2, 3, 1, 2, 4], range11, 7));
    expect(() => draw([1, 2, 3, 1, 2, 13], range11)).toThrow(ConstraintError);
    expect(() => draw([1, 2, 3, 1, 2, 4], 'int')).toThrow('not enough unused values');
    expect(imposeUnique(undefined, Random.fromSeed(3))([5, 5, 5, 9]).length).toBe(4);
    const wide = draw([0, 0, 0, 1e9], 'int');
    expect(new Set(wide).size).toBe(4);
    expect(wide.every((v) => Number.isInteger(v) && v >= 0 && v <= 1e9)).toBe(true);
  });
});

describe('bounded (reference §6.2, mystic’s impose_bounds docstring)', () => {
  const sequence = [0.123, 1.244, -4.755, 10.731, 6.207];

  it('clips to the nearest point of the nearest interval', () => {
    expect(bounded(sequence, [0, 5])).toEqual([0.123, 1.244, 0, 5, 5]);
    expect(bounded(sequence, [0, 5], { index: [0, 2, 4] })).toEqual([0.123, 1.244, 0, 10.731, 5]);
    expect(bounded(sequence, [[0, 5], [7, 10]])).toEqual([0.123, 1.244, 0, 10, 7]);
    const perIndex = { 0: [0, 5], 2: [0, 5], 4: [[0, 5], [7, 10]] } as const;
    expect(imposeBounds(perIndex)(sequence)).toEqual([0.123, 1.244, 0, 10.731, 7]);
    expect(imposeBounds(perIndex, { index: [0, 2] })(sequence)).toEqual([0.123, 1.244, 0, 10.731, 6.207]);
    expect(bounded([-5, 5], [null, 1])).toEqual([-5, 1]);
  });

  it('resamples inside an interval when clip is false, reproducibly', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const y = bounded(sequence, [[0, 5], [7, 10]], { clip: false, random: Random.fromSeed(seed) });
      expect(y.slice(0, 2)).toEqual([0.123, 1.244]);
      expect(y.slice(2).every((v) => (v >= 0 && v <= 5) || (v >= 7 && v <= 10))).toBe(true);
      const z = bounded(sequence, [[0, 5], [7, 10]], { nearest: false, random: Random.fromSeed(seed) });
      expect(z.slice(2).every((v) => [0, 5, 7, 10].includes(v))).toBe(true);
    }
    expect(() => bounded(sequence, [0, 5], { clip: false })).toThrow(OptionError);
    expect(() => imposeBounds([5, 0])).toThrow(OptionError);
  });
});
