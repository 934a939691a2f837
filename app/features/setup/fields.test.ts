import { describe, expect, it } from 'vitest';
import { getSolverMeta } from '../../../src/core/index';
import { checkBounds, checkInteger, checkOption, checkPoint, checkRules, checkTermination } from './fields';

describe('bounds text', () => {
  it('reads one pair per parameter, or one pair for all', () => {
    expect(checkBounds('-2:2, 0:1.5', 2)).toEqual({ ok: true, value: [[-2, 2], [0, 1.5]] });
    expect(checkBounds('-1e3:1e3', 3)).toEqual({ ok: true, value: [[-1000, 1000], [-1000, 1000], [-1000, 1000]] });
    expect(checkBounds('  ', 3)).toEqual({ ok: true, value: undefined });
  });
  it('names the entry that is wrong', () => {
    expect(checkBounds('-2:2, 3', 2)).toEqual({ ok: false, error: 'Bounds are written "lo:hi, lo:hi, …"; entry 2 is "3".' });
    expect(checkBounds('0:x', 1)).toMatchObject({ ok: false });
    expect(checkBounds('2:1', 1)).toEqual({ ok: false, error: 'Bounds entry 1 has lo > hi (2 > 1).' });
    expect(checkBounds('0:1, 0:1', 3)).toEqual({ ok: false, error: 'The bounds have 2 pairs but the problem has dim 3.' });
  });
});

describe('x0 text', () => {
  it('reads a point of the right length inside the bounds', () => {
    expect(checkPoint('1, -2.5, 3e-1', 3, undefined)).toEqual({ ok: true, value: [1, -2.5, 0.3] });
    expect(checkPoint('', 3, undefined)).toEqual({ ok: true, value: undefined });
  });
  it('refuses wrong lengths, non-numbers and points outside the bounds', () => {
    expect(checkPoint('1, 2', 3, undefined)).toEqual({ ok: false, error: 'x0 has 2 numbers but the problem has 3 parameters.' });
    expect(checkPoint('1, , 2', 3, undefined)).toEqual({ ok: false, error: 'x0 entry 2 is not a number: "".' });
    expect(checkPoint('0, 5', 2, [[-1, 1], [-2, 2]])).toEqual({ ok: false, error: 'x0 entry 2 (5) lies outside its bounds -2:2.' });
  });
});

describe('integers', () => {
  it('checks whole numbers and their range', () => {
    expect(checkInteger('12', 'Seed', 0)).toEqual({ ok: true, value: 12 });
    expect(checkInteger('1.5', 'Seed', 0)).toEqual({ ok: false, error: 'Seed must be a whole number, got "1.5".' });
    expect(checkInteger('0', 'Workers', 1, 64)).toEqual({ ok: false, error: 'Workers must be at least 1, got 0.' });
  });
});

describe('termination text', () => {
  it('accepts mystic text (empty: the default) and reports the column of a mistake', () => {
    expect(checkTermination(' ')).toEqual({ ok: true, value: '' });
    expect(checkTermination('Or(VTR(0.01), ChangeOverGeneration(1e-6, 30))')).toMatchObject({ ok: true });
    const bad = checkTermination('VTR(0.01');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/column \d+/);
  });
});

describe('constraint and penalty text', () => {
  it('reports the line and column of a mistake', () => {
    expect(checkRules('x0 + x1 <= 5', 'constraints', 2)).toMatchObject({ ok: true });
    const bad = checkRules('x0 <= 1\nx0 +* 2 >= 1', 'penalties', 2);
    expect(!bad.ok && bad.error).toMatch(/^Line 2, column \d+/);
    const outOfRange = checkRules('x3 >= 0', 'constraints', 2);
    expect(!outOfRange.ok && outOfRange.error).toMatch(/x3/);
  });
});

describe('solver options', () => {
  it('checks a value against its spec', () => {
    const de = getSolverMeta('de');
    const cross = de.optionSpecs.find((s) => s.name === 'cross')!;
    expect(checkOption(de.label, cross, '0.5')).toEqual({ ok: true, value: 0.5 });
    expect(checkOption(de.label, cross, '1.5')).toMatchObject({ ok: false });
    expect(checkOption(de.label, cross, 'abc')).toEqual({ ok: false, error: `Option 'cross' must be a number, got "abc".` });
  });
});
