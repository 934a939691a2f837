/**
 * A termination condition is data, not a closure, so it can be printed, saved in a state file, edited in the
 * studio and parsed back. Its text form uses mystic's names and positional arguments in mystic's order:
 * `Or(VTR(0.01), ChangeOverGeneration(1e-6, 30))`. Omitted arguments take mystic's defaults when the
 * condition is checked, and are not filled in the data, so text → data → text is the identity.
 */
export const conditionNames = [
  'VTR',
  'ChangeOverGeneration',
  'NormalizedChangeOverGeneration',
  'CandidateRelativeTolerance',
  'SolutionImprovement',
  'NormalizedCostTarget',
  'VTRChangeOverGeneration',
  'PopulationSpread',
  'GradientNormTolerance',
  'EvaluationLimits',
  'TimeLimits',
  'SolverInterrupt',
] as const;

export type ConditionName = (typeof conditionNames)[number];

/** An argument: a number, or `null` for Python's None (e.g. `NormalizedCostTarget(None, 1e-6, 30)`). */
export type ConditionArg = number | null;

export type Termination =
  | { readonly type: 'condition'; readonly name: ConditionName; readonly args: readonly ConditionArg[] }
  | { readonly type: 'And' | 'Or'; readonly terms: readonly Termination[] }
  | { readonly type: 'When' | 'Not'; readonly term: Termination };

/**
 * What a condition may read of a solver: a read-only view, refreshed after every generation. Conditions
 * never mutate it.
 */
export interface TerminationView {
  /** Best energy after each generation, generation 0 included. */
  readonly energyHistory: readonly number[];
  readonly generations: number;
  readonly evaluations: number;
  /** Current population (DE members, or the Nelder–Mead simplex vertices, best first for NM). */
  readonly population: readonly (readonly number[])[];
  readonly popEnergy: readonly number[];
  readonly bestSolution: readonly number[];
  readonly bestEnergy: number;
  /** The latest trial vectors (SolutionImprovement compares them to the best solution). */
  readonly trialSolution: readonly (readonly number[])[];
  /** Solve time so far, in milliseconds, accumulated across pauses and restores. */
  readonly elapsedMs: number;
  /** Set by `solver.interrupt()`; read by SolverInterrupt. */
  readonly interrupted: boolean;
  /** The raw objective, uncounted and synchronous, for GradientNormTolerance's finite differences. */
  rawCost(x: readonly number[]): number;
}
