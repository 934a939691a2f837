import type { PenaltyFn } from '../types';
import { callAt } from './errors';

/**
 * A penalty condition f(x): an equality is satisfied when f(x) = 0, an inequality when f(x) ≤ 0.
 */
export type Condition = (x: number[]) => number;

export const penaltyTypes = [
  'quadraticEquality',
  'linearEquality',
  'uniformEquality',
  'quadraticInequality',
  'linearInequality',
  'uniformInequality',
  'barrierInequality',
  'lagrangeInequality',
  'lagrangeEquality',
] as const;
export type PenaltyType = (typeof penaltyTypes)[number];

/** The multiplier k each type uses when none is given (mystic's defaults). */
export const defaultPenaltyK: Readonly<Record<PenaltyType, number>> = {
  quadraticEquality: 100,
  linearEquality: 100,
  uniformEquality: Infinity,
  quadraticInequality: 100,
  linearInequality: 100,
  uniformInequality: Infinity,
  barrierInequality: 100,
  lagrangeInequality: 20,
  lagrangeEquality: 20,
};

export function isInequality(ptype: PenaltyType): boolean {
  return ptype.endsWith('Inequality');
}

/**
 * A soft constraint: cost(x) + p(x). Besides being callable it carries the penalty iteration n, which scales
 * the multiplier as pk = k·hⁿ, so a run can tighten its penalties step by step (`iter()`), and the stored
 * condition values the Lagrange types accumulate their multipliers from.
 *
 * A penalty may be chained onto another (`inner`): it then adds its own term to the inner one, and iter,
 * store, clear and error reach the whole chain.
 */
export interface Penalty extends PenaltyFn {
  readonly ptype: PenaltyType;
  readonly condition: Condition;
  readonly k: number;
  readonly h: number;
  /** The penalty this one adds to, if chained. */
  readonly inner: PenaltyFn | undefined;
  /** The current penalty iteration n. */
  iteration(): number;
  /** Increment n, or set it to `n`; reaches the whole chain. */
  iter(n?: number): void;
  /** Record the condition at x for iteration i (default: the current one); used by the Lagrange types. */
  store(x: number[], i?: number): void;
  stored(): number[];
  /** Reset n to 0 and forget stored values, through the chain. */
  clear(): void;
  /** Root-mean-square violation of the conditions through the chain (0 when all hold). */
  error(x: number[]): number;
}

export interface PenaltyOptions {
  /** Multiplier; defaults per type (100, or 20 for the Lagrange types, ∞ for the uniform ones). */
  readonly k?: number;
  /** Escalation factor per iteration: pk = k·hⁿ. */
  readonly h?: number;
  /** A penalty to add this one to (mystic's decorator chaining). */
  readonly inner?: PenaltyFn;
}

export function isPenalty(value: unknown): value is Penalty {
  return typeof value === 'function' && 'error' in value && 'ptype' in value;
}

function lagrangeMultiplier(ptype: PenaltyType, k: number, h: number, n: number, stored: readonly number[]): { multiplier: number; pk: number } {
  let multiplier = 0;
  let pk = k;
  for (let i = 0; i < n; i++) {
    const value = stored[i] ?? 0;
    multiplier += ptype === 'lagrangeInequality' ? 2 * pk * Math.max(-multiplier / (2 * pk), value) : 2 * pk * value;
    pk *= h;
  }
  return { multiplier, pk };
}

/** The term one penalty type adds for condition value f at iteration n. */
function term(ptype: PenaltyType, f: number, k: number, h: number, n: number, stored: readonly number[]): number {
  // A condition that cannot be evaluated (0/0, log of a negative) counts as infinitely violated, as
  // mystic's ZeroDivisionError → ∞.
  if (Number.isNaN(f)) return Infinity;
  const pk = k * h ** n;
  switch (ptype) {
    case 'quadraticEquality':
      return pk * f * f;
    case 'linearEquality':
      return pk * Math.abs(f);
    case 'uniformEquality':
      return f !== 0 ? pk : 0;
    case 'quadraticInequality':
      return 2 * pk * Math.max(0, f) ** 2;
    case 'linearInequality':
      return 2 * pk * Math.max(0, f);
    case 'uniformInequality':
      return f > 0 ? pk : 0;
    case 'barrierInequality':
      return f > 0 ? Infinity : (-0.5 / pk) * Math.log(-f);
    case 'lagrangeInequality': {
      const { multiplier, pk: kn } = lagrangeMultiplier(ptype, k, h, n, stored);
      const mpf = Math.max(-multiplier / (2 * kn), f);
      return kn * mpf * mpf + multiplier * mpf;
    }
    case 'lagrangeEquality': {
      const { multiplier, pk: kn } = lagrangeMultiplier(ptype, k, h, n, stored);
      return kn * f * f + multiplier * f;
    }
  }
}

/** Build a penalty of the given type from a condition. */
export function createPenalty(ptype: PenaltyType, condition: Condition, options: PenaltyOptions = {}): Penalty {
  const k = options.k ?? defaultPenaltyK[ptype];
  const h = options.h ?? 5;
  const inner = options.inner;
  const chained = isPenalty(inner) ? inner : undefined;
  const inequality = isInequality(ptype);
  const lagrange = ptype.startsWith('lagrange');
  let n = 0;
  let stored: number[] = [];
  const conditionAt = (x: number[]): number => callAt('penalty condition', condition, x);

  const penalty = (x: number[]): number => {
    const own = term(ptype, conditionAt(x), k, h, n, stored);
    return inner ? own + inner(x) : own;
  };
  return Object.assign(penalty, {
    ptype,
    condition,
    k,
    h,
    inner,
    iteration: () => n,
    iter(i?: number): void {
      n = i ?? n + 1;
      chained?.iter(i);
    },
    store(x: number[], i?: number): void {
      if (lagrange) {
        const at = i ?? n;
        while (stored.length < at) stored.push(0);
        stored[at] = conditionAt(x);
      }
      chained?.store(x, i);
    },
    stored: () => [...stored],
    clear(): void {
      n = 0;
      stored = [];
      chained?.clear();
    },
    error(x: number[]): number {
      const f = conditionAt(x);
      const own = inequality ? Math.max(0, f) ** 2 : f * f;
      const rest = chained ? chained.error(x) ** 2 : 0;
      return Math.sqrt(own + rest);
    },
  });
}

type Factory = (condition: Condition, options?: PenaltyOptions) => Penalty;
const factory =
  (ptype: PenaltyType): Factory =>
  (condition, options) =>
    createPenalty(ptype, condition, options);

/** pk·f(x)² */
export const quadraticEquality = factory('quadraticEquality');
/** pk·|f(x)| */
export const linearEquality = factory('linearEquality');
/** pk when f(x) ≠ 0 */
export const uniformEquality = factory('uniformEquality');
/** 2pk·max(0, f(x))² */
export const quadraticInequality = factory('quadraticInequality');
/** 2pk·max(0, f(x)) */
export const linearInequality = factory('linearInequality');
/** pk when f(x) > 0 */
export const uniformInequality = factory('uniformInequality');
/** ∞ when f(x) > 0, else −0.5/pk·log(−f(x)) */
export const barrierInequality = factory('barrierInequality');
/** pk·m² + β·m with m = max(−β/2pk, f(x)), β accumulated from stored values */
export const lagrangeInequality = factory('lagrangeInequality');
/** pk·f(x)² + λ·f(x), λ accumulated from stored values */
export const lagrangeEquality = factory('lagrangeEquality');

export interface CouplerOptions {
  /** How the combined value is penalized (default linearEquality with k = 1, i.e. the value itself). */
  readonly ptype?: PenaltyType;
  readonly k?: number;
  readonly h?: number;
}

function coupled(value: Condition, options: CouplerOptions, ptype: PenaltyType): Penalty {
  return createPenalty(options.ptype ?? ptype, value, { k: options.k ?? 1, h: options.h ?? 5 });
}

/** All must hold: penalizes the sum of the penalties. */
export function andPenalties(penalties: readonly PenaltyFn[], options: CouplerOptions = {}): Penalty {
  return coupled((x) => penalties.reduce((sum, p) => sum + p(x), 0), options, 'linearEquality');
}

/** Any may hold: penalizes the smallest of the penalties. */
export function orPenalties(penalties: readonly PenaltyFn[], options: CouplerOptions = {}): Penalty {
  return coupled((x) => Math.min(...penalties.map((p) => p(x))), options, 'linearEquality');
}

/**
 * Penalize where the given penalty's condition holds. For inequality types the condition is negated; for
 * the others a satisfied condition (f = 0) becomes 1 and anything else 0. A plain function is taken as the
 * condition itself.
 */
export function notPenalty(penalty: PenaltyFn | Condition, options: CouplerOptions = {}): Penalty {
  const base = isPenalty(penalty) ? penalty : undefined;
  const ptype = options.ptype ?? base?.ptype ?? 'linearEquality';
  const condition = base?.condition ?? penalty;
  const inverted: Condition = isInequality(ptype) ? (x) => -condition(x) : (x) => (condition(x) === 0 ? 1 : 0);
  return createPenalty(ptype, inverted, { k: options.k ?? 1, h: options.h ?? 5 });
}
