import { pythonValue, type ParameterKind } from './numberText';
import type { ConditionArg, ConditionName, TerminationView } from './types';

/** One setting of a condition, in the order of mystic's factory signature. */
export interface ConditionParameter {
  /** mystic's keyword name, also the key in the stop message. */
  readonly name: string;
  readonly kind: ParameterKind;
  /** mystic's default; `null` is None. */
  readonly defaultValue: ConditionArg;
  /** Whether None is meaningful (mystic treats it specially rather than failing). */
  readonly nullable: boolean;
}

/**
 * What a condition reads while checked: the view, with the energy history fetched at most once per check
 * because a solver may hand out a fresh copy on every read.
 */
export class TerminationReading {
  private history: readonly number[] | undefined;

  constructor(readonly view: TerminationView) {}

  get energyHistory(): readonly number[] {
    return (this.history ??= this.view.energyHistory);
  }
}

/** `true` when met; a string when the condition stops the solver with a message of its own (a warning). */
type Verdict = boolean | string;

export interface ConditionSpec {
  readonly name: ConditionName;
  /** The short name mystic's examples import it as (`COG`), accepted by the parser. */
  readonly abbreviation?: string;
  readonly parameters: readonly ConditionParameter[];
  /** Decide with every setting resolved (defaults filled in), in parameter order. */
  readonly verdict: (settings: readonly ConditionArg[], reading: TerminationReading) => Verdict;
  /**
   * How many of the latest energy-history entries the verdict reads, given the same settings (Infinity:
   * all of them); without it, the last one at most. A solver that keeps a window of its history keeps this many.
   */
  readonly lookback?: (settings: readonly ConditionArg[]) => number;
}

const float = (name: string, defaultValue: number | null, nullable = false): ConditionParameter => ({
  name,
  kind: 'float',
  defaultValue,
  nullable,
});
const count = (name: string, defaultValue: number | null, nullable = false): ConditionParameter => ({
  name,
  kind: 'int',
  defaultValue,
  nullable,
});
/** Within `tolerance` of `reference` in every coordinate; a NaN difference (∞ − ∞) is never within. */
const allWithin = (x: readonly number[], reference: readonly number[], tolerance: (j: number) => number): boolean =>
  x.every((v, j) => Math.abs(v - (reference[j] as number)) <= tolerance(j));

/** mystic's forward-difference step for approximate gradients: sqrt(machine epsilon). */
export const GRADIENT_STEP = Math.sqrt(Number.EPSILON);

/** The message mystic gives CandidateRelativeTolerance on a population of one; it stops the solver. */
export const SMALL_POPULATION_WARNING = 'Warning: Invalid termination condition (nPop < 2)';

/** `hist[-g]` as Python reads it: `hist[-0]` is the first entry. */
function generationsAgo(hist: readonly number[], g: number): number {
  return hist[g === 0 ? 0 : hist.length - g] as number;
}

function last(hist: readonly number[]): number {
  return hist[hist.length - 1] as number;
}

/** What `generationsAgo(hist, g)` reaches back to: the last g + 1 entries, or the first one (all) for g = 0. */
const reachBack = (g: number): number => (g === 0 ? Infinity : g + 1);

/** mystic's change test: history longer than g, and no more than `tolerance` gained over the last g. */
function changedLittle(hist: readonly number[], g: number, tolerance: number): boolean {
  if (hist.length <= g) return false;
  const then = generationsAgo(hist, g);
  const now = last(hist);
  return then - now <= tolerance || then === now;
}

const num = (value: ConditionArg | undefined): number => value as number;

export const conditionSpecs: Readonly<Record<ConditionName, ConditionSpec>> = {
  VTR: {
    name: 'VTR',
    parameters: [float('tolerance', 0.005), float('target', 0)],
    verdict: ([tolerance, target], { energyHistory: hist }) =>
      hist.length > 0 && Math.abs(last(hist) - num(target)) <= num(tolerance),
  },
  ChangeOverGeneration: {
    name: 'ChangeOverGeneration',
    abbreviation: 'COG',
    parameters: [float('tolerance', 1e-6), count('generations', 30)],
    verdict: ([tolerance, generations], { energyHistory: hist }) =>
      hist.length > 0 && changedLittle(hist, num(generations), num(tolerance)),
    lookback: ([, generations]) => reachBack(num(generations)),
  },
  NormalizedChangeOverGeneration: {
    name: 'NormalizedChangeOverGeneration',
    abbreviation: 'NCOG',
    parameters: [float('tolerance', 1e-4), count('generations', 10)],
    verdict: ([tolerance, generations], { energyHistory: hist }) => {
      const g = num(generations);
      if (hist.length === 0 || hist.length <= g) return false;
      const then = generationsAgo(hist, g);
      const now = last(hist);
      // The 1e-20 lets a history that approaches zero converge, where any relative change stays large.
      return then === now || 2 * (then - now) <= num(tolerance) * (Math.abs(then) + Math.abs(now)) + 1e-20;
    },
    lookback: ([, generations]) => reachBack(num(generations)),
  },
  CandidateRelativeTolerance: {
    name: 'CandidateRelativeTolerance',
    abbreviation: 'CRT',
    parameters: [float('xtol', 1e-4), float('ftol', 1e-4)],
    verdict: ([xtol, ftol], { view }) => {
      const { population, popEnergy } = view;
      if (popEnergy.length < 2) return SMALL_POPULATION_WARNING;
      const first = population[0] ?? [];
      const f0 = popEnergy[0] as number;
      const close = population.slice(1).every((member) => allWithin(member, first, () => num(xtol)));
      return close && popEnergy.slice(1).every((f) => Math.abs(f0 - f) <= num(ftol));
    },
  },
  SolutionImprovement: {
    name: 'SolutionImprovement',
    parameters: [float('tolerance', 1e-5)],
    verdict: ([tolerance], { view }) => {
      const { bestSolution, trialSolution } = view;
      if (trialSolution.length === 0) return false;
      // With a whole population of trials, mystic takes the largest change.
      const change = (trial: readonly number[]): number =>
        trial.reduce((sum, v, j) => sum + Math.abs((bestSolution[j] as number) - v), 0);
      return trialSolution.every((trial) => change(trial) <= num(tolerance));
    },
  },
  NormalizedCostTarget: {
    name: 'NormalizedCostTarget',
    parameters: [float('fval', null, true), float('tolerance', 1e-6), count('generations', 30, true)],
    verdict: ([fval, tolerance, generations], { energyHistory: hist }) => {
      if (hist.length === 0) return false;
      if (fval === null || fval === undefined) {
        // Without a target: no improvement over g generations, or (g = 0/None) stop at once.
        const g = generations ?? 0;
        return g === 0 || changedLittle(hist, g, 0);
      }
      return Math.abs(last(hist) - fval) <= Math.abs(num(tolerance) * fval);
    },
    lookback: ([fval, , generations]) => (fval === null && generations ? generations + 1 : 1),
  },
  VTRChangeOverGeneration: {
    name: 'VTRChangeOverGeneration',
    abbreviation: 'VTRCOG',
    parameters: [float('ftol', 0.005), float('gtol', 1e-6), count('generations', 30), float('target', 0)],
    verdict: ([ftol, gtol, generations, target], { energyHistory: hist }) =>
      hist.length > 0 &&
      (changedLittle(hist, num(generations), num(gtol)) || Math.abs(last(hist) - num(target)) <= num(ftol)),
    lookback: ([, , generations]) => reachBack(num(generations)),
  },
  PopulationSpread: {
    name: 'PopulationSpread',
    parameters: [float('tolerance', 1e-6)],
    verdict: ([tolerance], { view }) => {
      const first = view.population[0];
      if (!first) return false;
      return view.population.every((member) => allWithin(member, first, (j) => Math.abs(num(tolerance) * (first[j] as number))));
    },
  },
  GradientNormTolerance: {
    name: 'GradientNormTolerance',
    parameters: [float('tolerance', 1e-5), { name: 'norm', kind: 'number', defaultValue: Infinity, nullable: false }],
    verdict: ([tolerance, norm], { view }) => lnorm(approximateGradient(view), num(norm)) <= num(tolerance),
  },
  EvaluationLimits: {
    name: 'EvaluationLimits',
    parameters: [count('generations', null, true), count('evaluations', null, true)],
    verdict: ([generations, evaluations], { view }) =>
      view.generations >= (generations ?? Infinity) || view.evaluations >= (evaluations ?? Infinity),
  },
  TimeLimits: {
    name: 'TimeLimits',
    parameters: [{ name: 'seconds', kind: 'number', defaultValue: 86400, nullable: false }],
    verdict: ([seconds], { view }) => view.elapsedMs / 1000 >= num(seconds),
  },
  SolverInterrupt: {
    name: 'SolverInterrupt',
    parameters: [],
    verdict: (_settings, { view }) => view.interrupted,
  },
};

/** Forward differences at the best solution, as scipy's approx_fprime with step sqrt(machine epsilon). */
export function approximateGradient(view: TerminationView): number[] {
  const x = [...view.bestSolution];
  const f0 = view.rawCost(x);
  return x.map((v, k) => {
    const shifted = [...x];
    shifted[k] = v + GRADIENT_STEP;
    return (view.rawCost(shifted) - f0) / GRADIENT_STEP;
  });
}

/**
 * mystic's L-p norm: p = 0 counts nonzero entries, ±∞ take the largest/smallest magnitude, and any other p
 * falls back to the largest magnitude when a power overflows or is undefined (a negative base, fractional p).
 */
export function lnorm(values: readonly number[], p: number): number {
  const magnitudes = values.map(Math.abs);
  const largest = Math.max(...magnitudes);
  if (p === 0) return values.filter((v) => v !== 0).length;
  if (p === Infinity) return largest;
  if (p === -Infinity) return Math.min(...magnitudes);
  let sum = 0;
  for (const v of values) {
    const power = v ** p;
    if (Number.isFinite(v) && !Number.isFinite(power)) return largest;
    sum += Math.abs(power);
  }
  const norm = sum ** (1 / p);
  return Number.isFinite(sum) || !magnitudes.every(Number.isFinite) ? norm : largest;
}

/** Every setting, defaults filled in for the ones the data leaves out. */
export function resolveSettings(spec: ConditionSpec, args: readonly ConditionArg[]): ConditionArg[] {
  return spec.parameters.map((parameter, i) => {
    const given = args[i];
    if (given === undefined) return parameter.defaultValue;
    return given === null && !parameter.nullable ? parameter.defaultValue : given;
  });
}

/** mystic's stop message: the name and the Python dict of the settings, in the factory's keyword order. */
export function conditionMessage(spec: ConditionSpec, settings: readonly ConditionArg[]): string {
  const entries = spec.parameters.map(
    (parameter, i) => `'${parameter.name}': ${pythonValue(settings[i] ?? null, parameter.kind)}`,
  );
  return `${spec.name} with {${entries.join(', ')}}`;
}

/** Why `value` cannot be the `index`-th setting of the condition, or undefined when it can. */
export function settingProblem(spec: ConditionSpec, index: number, value: ConditionArg): string | undefined {
  const parameter = spec.parameters[index];
  if (!parameter) {
    const { length } = spec.parameters;
    const names = spec.parameters.map((p) => p.name).join(', ');
    if (length === 0) return `${spec.name} takes no arguments`;
    return `${spec.name} takes at most ${length} argument${length === 1 ? '' : 's'} (${names})`;
  }
  if (value === null) return parameter.nullable ? undefined : `${spec.name}'s ${parameter.name} cannot be None`;
  if (Number.isNaN(value)) return `${spec.name}'s ${parameter.name} cannot be NaN`;
  if (parameter.kind === 'int' && !(Number.isSafeInteger(value) && value >= 0)) {
    const orNone = parameter.nullable ? ' or None' : '';
    return `${spec.name}'s ${parameter.name} must be a whole number ≥ 0${orNone}, got ${value}`;
  }
  return undefined;
}
