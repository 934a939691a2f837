import { OptionError } from '../errors';
import type { Random } from '../random';
import type { ConstraintFn } from '../types';
import { ConstraintError, callAt, formatPoint } from './errors';
import { almostEqual, imposeMean, imposeSpread, imposeVariance, mean, normalize, spread, variance } from './measures';

/**
 * Hard constraints x' = c(x) built from parameters, after mystic's constraints module. Every factory returns
 * a ConstraintFn that copies its input (the caller's array is never changed).
 *
 * Each factory also takes an optional `inner` constraint to couple with, in the same sense as mystic's
 * decorators: the moment constraints (withMean, withVariance, withStd, withSpread, normalized) act on the
 * output, x' = impose(inner(x)); the set and type constraints (discrete, integers, rounded, imposeUnique,
 * imposeBounds, periodic, and monotonic unless `outer`) act on the input, x' = inner(transform(x)). So
 * `withSpread(5, { inner: withMean(5) })` is mystic's `@with_spread(5) @with_mean(5)`.
 */
export interface Coupling {
  /** The constraint this one is coupled with (see above for the order). */
  readonly inner?: ConstraintFn;
}

export interface IndexOption {
  /** Only these coordinates are affected (default: all). Out-of-range indices are ignored. */
  readonly index?: readonly number[];
}

function applyInner(inner: ConstraintFn | undefined, x: number[]): number[] {
  return inner ? callAt('constraint', inner, x) : x;
}

function selected(index: readonly number[] | undefined, length: number): number[] {
  if (!index) return Array.from({ length }, (_, i) => i);
  return [...new Set(index)].filter((i) => Number.isInteger(i) && i >= 0 && i < length).sort((a, b) => a - b);
}

function outerMoment(
  statistic: (x: readonly number[]) => number,
  impose: (target: number, x: readonly number[]) => number[],
  target: number,
  options: Coupling,
): ConstraintFn {
  return (x) => {
    const y = applyInner(options.inner, [...x]);
    return almostEqual(statistic(y), target) ? y : impose(target, y);
  };
}

/** x' = x shifted so mean(x') = target (range-preserving). */
export function withMean(target: number, options: Coupling = {}): ConstraintFn {
  return outerMoment(mean, imposeMean, target, options);
}

/** x' = x scaled about its mean so variance(x') = target. */
export function withVariance(target: number, options: Coupling = {}): ConstraintFn {
  return outerMoment(variance, imposeVariance, target, options);
}

/** x' = x scaled about its mean so std(x') = target. */
export function withStd(target: number, options: Coupling = {}): ConstraintFn {
  return withVariance(target * target, options);
}

/** x' = x scaled about its mean so spread(x') = max − min = target. */
export function withSpread(target: number, options: Coupling = {}): ConstraintFn {
  return outerMoment(spread, imposeSpread, target, options);
}

/** x' = x scaled so sum(x') = mass. */
export function normalized(mass = 1, options: Coupling = {}): ConstraintFn {
  const sum = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0);
  return outerMoment(sum, (m, x) => normalize(x, m), mass, options);
}

function innerTransform(transform: (x: number[], at: number[]) => void, options: Coupling & IndexOption): ConstraintFn {
  return (x) => {
    const y = [...x];
    transform(y, selected(options.index, y.length));
    return applyInner(options.inner, y);
  };
}

/** Round half to even, as numpy does (so 0.5 → 0 and 1.5 → 2). */
export function roundHalfEven(value: number, digits = 0): number {
  const scale = 10 ** digits;
  const scaled = value * scale;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  let rounded: number;
  if (fraction > 0.5) rounded = floor + 1;
  else if (fraction < 0.5) rounded = floor;
  else rounded = floor % 2 === 0 ? floor : floor + 1;
  return digits === 0 ? rounded : rounded / scale;
}

/** Map each coordinate to the nearest member of `samples` (ties go to the lower member). */
export function discrete(samples: readonly number[], options: Coupling & IndexOption = {}): ConstraintFn {
  if (samples.length === 0) throw new OptionError('samples', 'discrete needs at least one allowed value.');
  const sorted = [...samples].sort((a, b) => a - b);
  const nearest = (v: number): number => {
    const hi = sorted.findIndex((s) => s >= v);
    if (hi < 0) return sorted[sorted.length - 1]!;
    if (hi === 0) return sorted[0]!;
    const upper = sorted[hi]!;
    const lower = sorted[hi - 1]!;
    return upper - v < v - lower ? upper : lower;
  };
  return innerTransform((y, at) => at.forEach((i) => (y[i] = nearest(y[i]!))), options);
}

/** Round coordinates to integers (half to even). */
export function integers(options: Coupling & IndexOption = {}): ConstraintFn {
  return innerTransform((y, at) => at.forEach((i) => (y[i] = roundHalfEven(y[i]!))), options);
}

/** Round coordinates to `digits` decimals (half to even). */
export function rounded(digits: number, options: Coupling & IndexOption = {}): ConstraintFn {
  if (!Number.isInteger(digits)) throw new OptionError('digits', `digits must be an integer, got ${digits}.`);
  return innerTransform((y, at) => at.forEach((i) => (y[i] = roundHalfEven(y[i]!, digits))), options);
}

/** Reduce coordinates modulo `period` into [0, period) (for a positive period). */
export function periodic(period = 2 * Math.PI, options: Coupling & IndexOption = {}): ConstraintFn {
  if (!(period !== 0 && Number.isFinite(period))) throw new OptionError('period', `period must be a non-zero number, got ${period}.`);
  const wrap = (v: number): number => ((v % period) + period) % period;
  return innerTransform((y, at) => at.forEach((i) => (y[i] = wrap(y[i]!))), options);
}

export interface MonotonicOptions extends Coupling, IndexOption {
  /** Non-decreasing (default) or non-increasing. */
  readonly ascending?: boolean;
  /** Apply after `inner` instead of before. */
  readonly outer?: boolean;
}

/** Make the selected coordinates monotonic by a running maximum (or minimum when descending). */
export function monotonic(options: MonotonicOptions = {}): ConstraintFn {
  const ascending = options.ascending ?? true;
  const sweep = (y: number[]): number[] => {
    let running = ascending ? -Infinity : Infinity;
    for (const i of selected(options.index, y.length)) {
      running = ascending ? Math.max(running, y[i]!) : Math.min(running, y[i]!);
      y[i] = running;
    }
    return y;
  };
  if (options.outer) return (x) => sweep(applyInner(options.inner, [...x]));
  return (x) => applyInner(options.inner, sweep([...x]));
}

/** Where replacement values for duplicates come from. */
export type UniquePool =
  | 'int'
  | 'float'
  | { readonly min?: number; readonly max?: number; readonly type?: 'int' | 'float' }
  | readonly number[];

/** Ranges of integers longer than this are sampled rather than listed. */
const MAX_ENUMERATED = 100_000;

function pick<T>(values: T[], random: Random): T {
  const i = random.below(values.length);
  const [value] = values.splice(i, 1);
  return value!;
}

/**
 * Replace repeated values (every occurrence after the first) with values not yet present, drawn at random
 * from `pool`: 'int' or 'float' take the range min(x)…max(x) of the distinct values; {min, max, type} a
 * given range (floats by default, in [min, max)); a list takes its members. Throws a ConstraintError when
 * no unique sequence of that length exists.
 */
export function unique(x: readonly number[], pool: UniquePool | undefined, random: Random): number[] {
  const seen = new Set<number>();
  const slots = x.map((v) => (seen.has(v) ? undefined : (seen.add(v), v)));
  const missing = slots.filter((v) => v === undefined).length;
  if (missing === 0) return [...x];
  const values = [...seen];
  const fail = (reason: string): never => {
    throw new ConstraintError(`Cannot make x = ${formatPoint(x)} unique: ${reason}.`, [...x]);
  };
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  let type: 'int' | 'float';
  let members: number[] | undefined;
  if (pool === undefined) {
    type = values.every(Number.isInteger) ? 'int' : 'float';
  } else if (pool === 'int' || pool === 'float') {
    type = pool;
    if (type === 'int' && !values.every(Number.isInteger)) fail('not all values are integers');
  } else if (Array.isArray(pool)) {
    type = 'int';
    members = [...new Set(pool as readonly number[])];
    const outside = values.find((v) => !members!.includes(v));
    if (outside !== undefined) fail(`${outside} is not in the given set`);
  } else {
    const range = pool as { min?: number; max?: number; type?: 'int' | 'float' };
    lo = range.min ?? lo;
    hi = range.max ?? hi;
    type = range.type ?? 'float';
    const outside = values.find((v) => v < lo || v >= hi);
    if (outside !== undefined) fail(`${outside} is not in ${lo} <= x < ${hi}`);
  }
  if (!members && type === 'float') {
    if (lo === hi) fail(`no unique sequence of length ${x.length} lies in ${lo} <= x <= ${hi}`);
    return slots.map((v) => v ?? random.uniform(lo, hi));
  }
  if (!members) {
    const [first, last] = [Math.ceil(lo), Math.floor(hi)];
    if (last - first + 1 > MAX_ENUMERATED) {
      // A huge range: draw integers at random, skipping values already present (a few retries at most).
      const taken = new Set(values);
      return slots.map((v) => {
        if (v !== undefined) return v;
        let draw: number;
        do draw = random.integer(first, last);
        while (taken.has(draw));
        taken.add(draw);
        return draw;
      });
    }
    members = [];
    for (let v = first; v <= last; v++) members.push(v);
  }
  const unused = members.filter((v) => !seen.has(v));
  if (unused.length < missing) fail(`not enough unused values for a unique sequence of length ${x.length}`);
  return slots.map((v) => v ?? pick(unused, random));
}

/** Constraint form of `unique`. */
export function imposeUnique(pool: UniquePool | undefined, random: Random, options: Coupling = {}): ConstraintFn {
  return (x) => applyInner(options.inner, unique(x, pool, random));
}

/** An interval [lo, hi]; null stands for an open end (−∞ or +∞). */
export type Interval = readonly [number | null, number | null];
/** One interval, a union of intervals, or per-coordinate intervals ({index: interval(s)}). */
export type BoundsSpec = Interval | readonly Interval[] | Readonly<Record<number, Interval | readonly Interval[]>>;

export interface BoundedOptions extends IndexOption {
  /** Clip to the bounds (default) or draw a new value inside them. */
  readonly clip?: boolean;
  /** Use the nearest interval (default) or a randomly chosen one. */
  readonly nearest?: boolean;
  /** Needed when clip or nearest is false. */
  readonly random?: Random;
}

function toIntervals(spec: Interval | readonly Interval[]): [number, number][] {
  const list = (spec.length > 0 && !Array.isArray(spec[0]) ? [spec] : spec) as readonly Interval[];
  return list.map(([lo, hi]) => {
    const interval: [number, number] = [lo ?? -Infinity, hi ?? Infinity];
    if (!(interval[0] <= interval[1])) throw new OptionError('bounds', `each interval needs lo <= hi, got [${lo}, ${hi}].`);
    return interval;
  });
}

/** Intervals for every coordinate (key -1) or per coordinate index. */
type IntervalTable = Map<number, [number, number][]>;
const EVERY = -1;

function intervalTable(bounds: BoundsSpec): IntervalTable {
  if (Array.isArray(bounds)) return new Map([[EVERY, toIntervals(bounds as Interval | readonly Interval[])]]);
  return new Map(Object.entries(bounds).map(([key, spec]) => [Number(key), toIntervals(spec)]));
}

function checkRandom(options: BoundedOptions): void {
  if ((options.clip === false || options.nearest === false) && !options.random) {
    throw new OptionError('random', 'bounded needs a Random when clip or nearest is false.');
  }
}

function boundOne(v: number, intervals: [number, number][], options: BoundedOptions): number {
  if (intervals.length === 0 || intervals.some(([lo, hi]) => lo <= v && v <= hi)) return v;
  const random = options.random;
  const nearestIndex = (): number => {
    let best = 0;
    let distance = Infinity;
    intervals.forEach(([lo, hi], i) => {
      const d = Math.abs(v - Math.min(Math.max(v, lo), hi));
      if (d < distance) [best, distance] = [i, d];
    });
    return best;
  };
  const [lo, hi] = intervals[options.nearest === false ? random!.below(intervals.length) : nearestIndex()]!;
  // Drawing uniformly from an unbounded side means nothing; the finite end is the honest choice there.
  if (options.clip === false && Number.isFinite(lo) && Number.isFinite(hi)) return random!.uniform(lo, hi);
  return Math.min(Math.max(v, lo), hi);
}

function applyTable(x: readonly number[], table: IntervalTable, options: BoundedOptions): number[] {
  const y = [...x];
  for (const i of selected(options.index, y.length)) {
    const intervals = table.get(i) ?? table.get(EVERY);
    if (intervals) y[i] = boundOne(y[i]!, intervals, options);
  }
  return y;
}

/**
 * Bring coordinates that lie outside every interval back: clip to the nearest point of the nearest interval,
 * or (clip: false) draw uniformly inside it; with nearest: false the interval is chosen at random.
 */
export function bounded(x: readonly number[], bounds: BoundsSpec, options: BoundedOptions = {}): number[] {
  checkRandom(options);
  return applyTable(x, intervalTable(bounds), options);
}

/** Constraint form of `bounded`. */
export function imposeBounds(bounds: BoundsSpec, options: BoundedOptions & Coupling = {}): ConstraintFn {
  checkRandom(options);
  const table = intervalTable(bounds);
  return (x) => applyInner(options.inner, applyTable(x, table, options));
}
