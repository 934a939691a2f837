import { OptionError } from '../errors';
import type { Bounds, ConstraintFn, PenaltyFn } from '../types';
import { callAt } from './errors';
import type { Coupling } from './constraints';

/**
 * Constraints that tie or fix coordinates (mystic's collapse constraints and tools.partial/synchronized), and
 * masking, which removes fixed coordinates from what the solver sees. All act on the input, then call
 * `inner` (x' = inner(tie(x))), and never change the caller's array.
 */

function inRange(i: number, length: number): boolean {
  return Number.isInteger(i) && i >= 0 && i < length;
}

function finish(options: Coupling, y: number[]): number[] {
  return options.inner ? callAt('constraint', options.inner, y) : y;
}

/**
 * Group tied pairs the way mystic does: pairs are read in order; a pair joins the first group that already
 * holds either of its indices, else starts a group whose representative is the pair's first index.
 */
function tiedGroups(pairs: readonly (readonly [number, number])[]): Map<number, Set<number>> {
  const groups = new Map<number, Set<number>>();
  for (const [i, j] of pairs) {
    let placed = false;
    for (const [representative, members] of groups) {
      if (i === representative || members.has(i)) {
        members.add(j);
        placed = true;
        break;
      }
      if (j === representative || members.has(j)) {
        members.add(i);
        placed = true;
        break;
      }
    }
    if (!placed) groups.set(i, new Set([j]));
  }
  return groups;
}

/**
 * How many times the offset is added to each tracked index: once for being tracked (the second member of a
 * pair), and once more for each level of pairs whose first member is itself tracked.
 */
function offsetCounts(pairs: readonly (readonly [number, number])[]): Map<number, number> {
  const counts = new Map<number, number>();
  let level = [...pairs];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > pairs.length) throw new OptionError('mask', 'an offset cannot be applied to a cyclic mask of tied indices.');
    const tracked = new Set(level.map(([, j]) => j));
    for (const j of tracked) counts.set(j, (counts.get(j) ?? 0) + 1);
    level = level.filter(([i]) => tracked.has(i));
  }
  return counts;
}

/**
 * Tie coordinates together: each pair (i, j) makes x_j equal to its group's representative. With an offset,
 * each tracked index is shifted by the offset once per level it is tracked at (mystic's accumulation), so
 * `[(0,1),(3,1),(4,5),(5,6),(5,7)]` with offset 10 turns [9,8,7,6,5,4,3,2,1] into [9,19,7,9,5,15,25,25,1].
 */
export function imposeAs(pairs: readonly (readonly [number, number])[], options: Coupling & { readonly offset?: number } = {}): ConstraintFn {
  const groups = tiedGroups(pairs);
  const counts = options.offset ? offsetCounts(pairs) : new Map<number, number>();
  const offset = options.offset ?? 0;
  return (x) => {
    const y = [...x];
    for (const [representative, members] of groups) {
      if (!inRange(representative, y.length)) continue;
      for (const k of members) if (inRange(k, y.length)) y[k] = y[representative]!;
    }
    for (const [k, n] of counts) if (inRange(k, y.length)) y[k] = y[k]! + n * offset;
    return finish(options, y);
  };
}

/** Fix the given coordinates at a target: one value for all, or one value per listed index. */
export function imposeAt(index: readonly number[], target: number | readonly number[] = 0, options: Coupling = {}): ConstraintFn {
  if (typeof target !== 'number' && target.length !== index.length) {
    throw new OptionError('target', `imposeAt got ${target.length} targets for ${index.length} indices.`);
  }
  return (x) => {
    const y = [...x];
    index.forEach((i, t) => {
      if (inRange(i, y.length)) y[i] = typeof target === 'number' ? target : target[t]!;
    });
    return finish(options, y);
  };
}

/** Fix coordinates at values: {index: value}. */
export function partial(mask: Readonly<Record<number, number>>, options: Coupling = {}): ConstraintFn {
  return (x) => {
    const y = [...x];
    for (const [key, value] of Object.entries(mask)) if (inRange(Number(key), y.length)) y[Number(key)] = value;
    return finish(options, y);
  };
}

/** How x_i follows x_j: the index j, or [j, factor], or [j, f] for x_i = f(x_j). */
export type Tracking = number | readonly [number, number | ((value: number) => number)];

/**
 * Make coordinates track others: {i: j} sets x_i = x_j; {i: [j, a]} sets x_i = a·x_j; {i: [j, f]} sets
 * x_i = f(x_j). Negative indices count from the end, as in Python ({3: -1} makes x3 follow the last).
 */
export function synchronized(mask: Readonly<Record<number, Tracking>>, options: Coupling = {}): ConstraintFn {
  return (x) => {
    const y = [...x];
    const resolve = (k: number): number => (k < 0 ? k + y.length : k);
    for (const [key, tracking] of Object.entries(mask)) {
      const i = resolve(Number(key));
      const [tracked, how] = typeof tracking === 'number' ? [tracking, 1] : tracking;
      const j = resolve(tracked);
      if (!inRange(i, y.length) || !inRange(j, y.length)) continue;
      y[i] = typeof how === 'number' ? how * y[j]! : how(y[j]!);
    }
    return finish(options, y);
  };
}

/**
 * Insert the masked values into a reduced point: `insertMissing([1,2,4], {0: 10, 3: -1})` is
 * [10, 1, 2, -1, 4]. Keys are positions in the full point, inserted in increasing order.
 */
export function insertMissing(x: readonly number[], mask: Readonly<Record<number, number>>): number[] {
  const entries = Object.entries(mask)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  const full = [...x];
  for (const [k, v] of entries) {
    if (!Number.isInteger(k) || k < 0 || k > full.length) {
      throw new OptionError('mask', `masked index ${k} does not fit a point of ${x.length + entries.length} coordinates.`);
    }
    full.splice(k, 0, v);
  }
  return full;
}

/** Wrap a function of the full point so it takes the reduced point (mystic's tools.masked). */
export function masked<T>(mask: Readonly<Record<number, number>>, fn: (x: number[]) => T): (reduced: number[]) => T {
  return (reduced) => fn(insertMissing(reduced, mask));
}

/**
 * The view of a problem with some coordinates fixed and removed: the solver works on `reducedDim`
 * coordinates, and everything it is given (objective, bounds, constraints, penalty) is wrapped so it sees
 * only those. `expand` turns a reduced solution back into the full point.
 */
export interface MaskedProblem {
  readonly dim: number;
  readonly reducedDim: number;
  /** Full point from a reduced one (the masked values inserted). */
  expand(reduced: readonly number[]): number[];
  /** Reduced point from a full one (the masked coordinates dropped). */
  reduce(full: readonly number[]): number[];
  objective<T>(f: (x: number[]) => T): (reduced: number[]) => T;
  bounds(bounds: Bounds): Bounds;
  constraint(c: ConstraintFn): ConstraintFn;
  penalty(p: PenaltyFn): PenaltyFn;
}

export function maskDimensions(dim: number, mask: Readonly<Record<number, number>>): MaskedProblem {
  const fixed = new Set(Object.keys(mask).map(Number));
  for (const i of fixed) {
    if (!inRange(i, dim)) throw new OptionError('mask', `masked index ${i} is outside a ${dim}-dimensional problem.`);
  }
  const free = Array.from({ length: dim }, (_, i) => i).filter((i) => !fixed.has(i));
  const expand = (reduced: readonly number[]): number[] => {
    if (reduced.length !== free.length) {
      throw new RangeError(`a reduced point has ${free.length} coordinates, got ${reduced.length}`);
    }
    return insertMissing(reduced, mask);
  };
  const reduce = (full: readonly number[]): number[] => free.map((i) => full[i]!);
  return {
    dim,
    reducedDim: free.length,
    expand,
    reduce,
    objective: (f) => (reduced) => f(expand(reduced)),
    bounds: (bounds) => {
      if (bounds.length !== dim) throw new OptionError('bounds', `bounds have ${bounds.length} entries for ${dim} dimensions.`);
      return free.map((i) => bounds[i]!);
    },
    constraint: (c) => (reduced) => reduce(c(expand(reduced))),
    penalty: (p) => (reduced) => p(expand(reduced)),
  };
}
