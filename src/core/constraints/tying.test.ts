import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors';
import { imposeAs, imposeAt, insertMissing, maskDimensions, masked, partial, synchronized } from './tying';

const mask5 = [
  [0, 1],
  [3, 1],
  [4, 5],
  [5, 6],
  [5, 7],
] as const;

describe('tying and fixing (reference §6.2)', () => {
  it('imposeAs ties pairs to their group’s first index', () => {
    const same = imposeAs(mask5);
    expect(same([9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([9, 9, 7, 9, 5, 5, 5, 5, 1]);
    expect(same([0, 1, 0, 1])).toEqual([0, 0, 0, 0]);
    expect(same([-1, -2, -3, -4, -5, -6, -7])).toEqual([-1, -1, -3, -1, -5, -5, -5]);
  });

  it('imposeAs with an offset accumulates it along chains', () => {
    const doit = imposeAs(mask5, { offset: 10 });
    expect(doit([9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([9, 19, 7, 9, 5, 15, 25, 25, 1]);
    expect(doit([0, 1, 0, 1])).toEqual([0, 10, 0, 0]);
    expect(doit([-1, -2, -3, -4, -5, -6])).toEqual([-1, 9, -3, -1, -5, 5]);
    expect(doit([-1, -2, -3, -4, -5, -6, -7])).toEqual([-1, 9, -3, -1, -5, 5, 15]);
    expect(() => imposeAs([[0, 1], [1, 0]], { offset: 1 })).toThrow(OptionError);
  });

  it('imposeAt fixes indices at one target or one per index', () => {
    const same = imposeAt([1, 3, 4, 5, 7], -99);
    expect(same([1, 1, 1, 1, 1, 1, 1])).toEqual([1, -99, 1, -99, -99, -99, 1]);
    expect(same([1, 1])).toEqual([1, -99]);
    const doit = imposeAt([1, 3, 4, 5], [0, 2, 4, 6]);
    expect(doit([1, 1, 1, 1, 1, 1, 1])).toEqual([1, 0, 1, 2, 4, 6, 1]);
    expect(doit([1, 1])).toEqual([1, 0]);
  });

  it('partial fixes values; synchronized makes coordinates track others', () => {
    const fix = partial({ 0: 10, 3: -1 });
    expect(fix([-5, 9])).toEqual([10, 9]);
    expect(fix([0, 1, 2, 3, 4])).toEqual([10, 1, 2, -1, 4]);
    const same = synchronized({ 0: 1, 3: -1 });
    expect(same([-5, 9])).toEqual([9, 9]);
    expect(same([0, 1, 2, 3, 4])).toEqual([1, 1, 2, 4, 4]);
    expect(same([0, 9, 2, 3, 6])).toEqual([9, 9, 2, 6, 6]);
    const doit = synchronized({ 0: [1, (v) => 1 / v], 3: [1, -1] });
    expect(doit([-5, 9])).toEqual([1 / 9, 9]);
    expect(doit([0, 1, 2, 3, 4])).toEqual([1, 1, 2, -1, 4]);
    expect(doit([0, 9, 2, 3, 6])).toEqual([1 / 9, 9, 2, -9, 6]);
    const invert = synchronized({ 1: 2 }, { inner: synchronized({ 0: 1 }, { inner: (x) => x.map((v) => -v) }) });
    expect(invert([0, 1, 2, 3, 4])).toEqual([-2, -2, -2, -3, -4]);
  });

  it('masked hides fixed coordinates from the function', () => {
    expect(insertMissing([1, 2, 4], { 0: 10, 3: -1 })).toEqual([10, 1, 2, -1, 4]);
    expect(masked({ 0: 10, 3: -1 }, (x) => x)([1, 2, 3])).toEqual([10, 1, 2, -1, 3]);
    expect(masked({ 0: 10, 3: -1 }, (x) => x.reduce((a, b) => a + b, 0))([-5, 2])).toBe(6);
    expect(() => insertMissing([1], { 5: 0 })).toThrow(OptionError);
  });

  it('maskDimensions wraps objective, bounds, constraints and penalties for the reduced space', () => {
    const view = maskDimensions(4, { 1: 7 });
    expect(view.reducedDim).toBe(3);
    expect(view.expand([1, 2, 3])).toEqual([1, 7, 2, 3]);
    expect(view.reduce([1, 7, 2, 3])).toEqual([1, 2, 3]);
    const sum = view.objective((x) => x.reduce((a, b) => a + b, 0));
    expect(sum([1, 2, 3])).toBe(13);
    expect(view.bounds([[0, 1], [2, 3], [4, 5], [6, 7]])).toEqual([[0, 1], [4, 5], [6, 7]]);
    const doubleAll = view.constraint((x) => x.map((v) => 2 * v));
    expect(doubleAll([1, 2, 3])).toEqual([2, 4, 6]);
    expect(view.penalty((x) => x[1]!)([0, 0, 0])).toBe(7);
    expect(() => maskDimensions(2, { 2: 0 })).toThrow(OptionError);
  });
});
