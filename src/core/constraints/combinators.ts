import { OptionError } from '../errors';
import type { Random } from '../random';
import type { Bounds, ConstraintFn, PenaltyFn } from '../types';
import { ConstraintError, callAt, formatPoint } from './errors';
import { nelderMeadMinimize, type Minimizer } from './minimize';
import { createPenalty, isPenalty, type Penalty, type PenaltyType } from './penalty';

export interface CombinatorOptions {
  /** Full passes over the constraints before giving up (mystic's maxiter); default 100. */
  readonly maxCycles?: number;
  /** Where the random restarts of a stuck cycle come from. Without it a stuck cycle is not perturbed. */
  readonly random?: Random;
  /** Applied to the result on success. */
  readonly onExit?: ConstraintFn;
  /**
   * What to do when the cycle budget runs out: a fallback x' = f(x) (mystic's onfail; the tight-bounds
   * helper passes the bounds here), or, by default, throw a ConstraintError naming the point.
   */
  readonly onFail?: ConstraintFn;
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function cycles(options: CombinatorOptions): number {
  const maxCycles = options.maxCycles ?? 100;
  if (!Number.isInteger(maxCycles) || maxCycles < 1) {
    throw new OptionError('maxCycles', `maxCycles must be a positive integer, got ${maxCycles}.`);
  }
  return maxCycles;
}

function succeed(x: number[], options: CombinatorOptions): number[] {
  return options.onExit ? callAt('onExit constraint', options.onExit, x) : x;
}

function fail(x: number[], options: CombinatorOptions, reason: string): number[] {
  if (options.onFail) return callAt('onFail constraint', options.onFail, x);
  throw new ConstraintError(`${reason} (last x = ${formatPoint(x)}).`, [...x]);
}

/** mystic's escape from a repeating cycle: each coordinate becomes (x_i + r)·u, r ∈ {−1, 0, 1}, u ∈ [0, 1). */
function perturb(x: readonly number[], random: Random): number[] {
  return x.map((v) => (v + random.integer(-1, 1)) * random.random());
}

/**
 * All constraints at once: apply each in turn, cycling through them until every one has been applied in a
 * row without changing x. When the point comes back to where it was one pass earlier (a cycle), it is
 * perturbed at random so the search can leave it; a perturbed point must then pass every constraint again
 * (mystic counts it as a constraint's output and can return a point that violates a constraint). After
 * `maxCycles` passes the combination has failed: `onFail`, or a ConstraintError.
 */
export function andConstraints(constraints: readonly ConstraintFn[], options: CombinatorOptions = {}): ConstraintFn {
  const n = constraints.length;
  const maxCycles = cycles(options);
  if (n === 0) return (x) => [...x];
  return (x0) => {
    let latest = [...x0];
    // Applications in a row that left x unchanged, counted from an output of a constraint (x0 and a
    // perturbed point are not outputs, hence -1).
    let streak = -1;
    const recent: number[][] = [latest];
    for (let step = 0; step < maxCycles * n; step++) {
      const next = callAt('constraint', constraints[step % n]!, [...latest]);
      streak = same(next, latest) ? streak + 1 : 0;
      latest = next;
      if (streak >= n - 1) return succeed(latest, options);
      recent.push(latest);
      if (recent.length > n + 1) recent.shift();
      if (step >= n && options.random && recent.length === n + 1 && same(latest, recent[0]!)) {
        latest = perturb(latest, options.random);
        recent[n] = latest;
        streak = -1;
      }
    }
    return fail(latest, options, `The constraints could not all be satisfied within ${maxCycles} cycles`);
  };
}

/**
 * Any one constraint: x is returned unchanged if some constraint already leaves it unchanged. Otherwise each
 * constraint is applied again to its own previous output until one reaches a fixed point, which is returned.
 * With a Random, a constraint that has not settled continues from one of the latest outputs at random.
 */
export function orConstraints(constraints: readonly ConstraintFn[], options: CombinatorOptions = {}): ConstraintFn {
  const n = constraints.length;
  const maxCycles = cycles(options);
  if (n === 0) return (x) => [...x];
  return (x0) => {
    const outputs: number[][] = [];
    for (const c of constraints) {
      const y = callAt('constraint', c, [...x0]);
      if (same(y, x0)) return succeed(y, options);
      outputs.push(y);
    }
    let latest = outputs[n - 1]!;
    for (let step = 0; step < (maxCycles - 1) * n; step++) {
      const k = step % n;
      const previous = outputs[k]!;
      const next = callAt('constraint', constraints[k]!, [...previous]);
      if (same(next, previous)) return succeed(next, options);
      // With a Random, continue from any of the latest n outputs (this one included), as mystic does.
      const from = options.random ? options.random.below(n) : k;
      latest = from === k ? next : outputs[from]!;
      outputs[k] = latest;
    }
    return fail(latest, options, `None of the constraints could be satisfied within ${maxCycles} cycles`);
  };
}

/**
 * The complement of a constraint: x is acceptable when c would change it (x violates c). Otherwise x is
 * perturbed at random until it does; without a Random, or after `maxCycles` tries, the combination fails.
 */
export function notConstraint(constraint: ConstraintFn, options: CombinatorOptions = {}): ConstraintFn {
  const maxCycles = cycles(options);
  return (x0) => {
    let x = [...x0];
    for (let attempt = 0; attempt < maxCycles; attempt++) {
      if (!same(callAt('constraint', constraint, [...x]), x)) return succeed(x, options);
      if (!options.random) break;
      x = perturb(x, options.random);
    }
    return fail(x, options, `No point violating the constraint was found within ${maxCycles} tries`);
  };
}

/** ‖c(x) − x‖₂: how far a constraint moves x (0 when x satisfies it). */
export function constraintResidual(constraint: ConstraintFn, x: readonly number[]): number {
  const y = callAt('constraint', constraint, [...x]);
  return Math.sqrt(x.reduce((sum, v, i) => sum + ((y[i] ?? NaN) - v) ** 2, 0));
}

export interface AsPenaltyOptions {
  /** Default quadraticEquality. */
  readonly ptype?: PenaltyType;
  readonly k?: number;
  readonly h?: number;
}

/** A penalty on how far the constraint moves x: ptype(‖c(x) − x‖₂). */
export function asPenalty(constraint: ConstraintFn, options: AsPenaltyOptions = {}): Penalty {
  const penaltyOptions = { ...(options.k === undefined ? {} : { k: options.k }), ...(options.h === undefined ? {} : { h: options.h }) };
  return createPenalty(options.ptype ?? 'quadraticEquality', (x) => constraintResidual(constraint, x), penaltyOptions);
}

export interface AsConstraintOptions {
  /** Randomness for the inner optimizer's restarts. */
  readonly random: Random;
  /** The inner optimizer (default: nelderMeadMinimize, started at x). */
  readonly minimize?: Minimizer;
  /** Box within which the inner optimizer searches. */
  readonly bounds?: Bounds;
  /** Evaluation budget of each inner optimization (default 20 000). */
  readonly maxEvaluations?: number;
}

/**
 * A constraint from a penalty: each call runs an inner optimization that minimizes the penalty starting at x
 * and returns the best point it finds (x itself when the penalty is already ≤ 0 there; a point that still
 * violates the penalty if the search fails, as in mystic). Slow, as in mystic: every constrained point costs
 * a whole optimization; prefer a direct constraint when one exists.
 */
export function asConstraint(penalty: PenaltyFn, options: AsConstraintOptions): ConstraintFn {
  const minimize = options.minimize ?? nelderMeadMinimize;
  return (x) => {
    if (callAt('penalty', penalty, [...x]) <= 0) return [...x];
    const result = minimize({
      cost: (y) => callAt('penalty', penalty, y),
      x0: x,
      target: 0,
      random: options.random,
      ...(options.bounds ? { bounds: options.bounds } : {}),
      ...(options.maxEvaluations === undefined ? {} : { maxEvaluations: options.maxEvaluations }),
    });
    return result.x;
  };
}

/**
 * Whether x satisfies a constraint or a penalty within tol: for a penalty its error(x) (the RMS violation of
 * its conditions), for a constraint ‖c(x) − x‖₂.
 */
export function isSolution(constraint: ConstraintFn | Penalty, x: readonly number[], tol = 1e-3): boolean {
  const error = isPenalty(constraint) ? constraint.error([...x]) : constraintResidual(constraint, x);
  return error <= tol;
}
