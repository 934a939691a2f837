import type { MonitorLike } from '../monitors/monitor';
import type { Pool } from '../parallel/pool';
import type { Termination } from '../termination/types';
import type { ConstraintFn, ObjectiveFn, PenaltyFn, SolverSnapshot } from '../types';
import type { OptionSpec, OptionValues } from './options';
import type { SolverState } from '../state/schema';

export const solverIds = ['de', 'de2', 'nm', 'powell', 'buckshot', 'lattice', 'sparsity'] as const;
export type SolverId = (typeof solverIds)[number];

/**
 * The solver interface: mystic's AbstractSolver in TypeScript casing.
 *
 * Lifecycle. A solver is created for a dimension with `createSolver(id, {dim, objective, ...})`, configured
 * with the `set…` methods, then advanced by `step()` (one generation) or `solve()` (steps until a termination
 * message). Generation 0 evaluates the start point(s); `generations` is the history length − 1.
 *
 * Every setting may change between two steps: a paused solver can be reconfigured (options, termination,
 * limits, bounds, constraints, pool) and continued with the same population. Settings never change while a
 * step is running: the caller awaits `step()` before calling a setter.
 *
 * Determinism: every random draw comes from the solver's own seeded generator, whose state is saved by
 * `saveState()`; a restored solver continues bit for bit.
 */
export interface Solver {
  readonly id: SolverId;
  readonly dim: number;
  /** Population size after mystic's rule NP = max(NP, dim, 4) (1 for the direct-search solvers). */
  readonly npop: number;

  /** Advance one generation. Resolves to the termination message once terminated, else undefined. */
  step(): Promise<string | undefined>;
  /** Step until terminated; resolves to the termination message. Clears an earlier interrupt first. */
  solve(): Promise<string>;
  /** The termination message if a condition (or a limit) holds now, else ''. */
  terminated(): string;
  /** Ask the solver to stop after the current generation (SolverInterrupt). */
  interrupt(): void;

  setObjective(objective: ObjectiveFn): void;
  setInitialPoints(x0: readonly number[] | number, radius?: number | readonly number[]): void;
  setRandomInitialPoints(min?: readonly (number | null)[], max?: readonly (number | null)[]): void;
  /** Box bounds; `false` removes them. `tight`/`clip` make bounds a constraint (see docs/constraints.md). */
  setStrictRanges(min: readonly (number | null)[] | false, max?: readonly (number | null)[], mode?: BoundsMode): void;
  setEvaluationLimits(limits: { generations?: number | null; evaluations?: number | null }, options?: { relative?: boolean }): void;
  /** A condition as data or text; undefined means "evaluation limits only". */
  setTermination(termination: Termination | string | undefined): void;
  setConstraints(constraints: ConstraintFn | undefined): void;
  setPenalty(penalty: PenaltyFn | undefined): void;
  /** Adds a generation monitor; unless `replay` is false it first receives the history so far. */
  setGenerationMonitor(monitor: MonitorLike | undefined, options?: { replay?: boolean }): void;
  setEvaluationMonitor(monitor: MonitorLike | undefined): void;
  setPool(pool: Pool | undefined): void;
  /** Keep the last `generations` history entries at least, not all (undefined: all, the default). */
  setHistoryLimit(generations: number | undefined): void;
  /** Change solver-specific options (strategy, cross, scale, radius, …); validated against `meta.optionSpecs`. */
  setOptions(options: Readonly<Record<string, unknown>>): void;
  readonly options: OptionValues;

  readonly bestSolution: number[];
  /** Best cost including penalties. */
  readonly bestEnergy: number;
  /** Raw objective at `bestSolution`, without penalties (mystic users trip over fopt ≠ cost(xopt), #148). */
  readonly bestRawCost: number;
  readonly generations: number;
  readonly evaluations: number;
  /** Evaluations whose objective returned NaN or a non-number, which count as +∞. */
  readonly nanEvaluations: number;
  /** Best energy and point of each generation, from generation `historyStart` on (see setHistoryLimit). */
  readonly energyHistory: readonly number[];
  readonly solutionHistory: readonly (readonly number[])[];
  readonly historyStart: number;
  /** Generations recorded in all, generation 0 included: `historyStart` plus the history's length. */
  readonly generationsRecorded: number;
  readonly termination: Termination | undefined;
  readonly limits: { readonly generations: number; readonly evaluations: number };

  snapshot(): SolverSnapshot;
  saveState(): SolverState;
}

export interface BoundsMode {
  /** Apply the bounds concurrently with the constraints, as a constraint (mystic's `tight`). */
  readonly tight?: boolean;
  /** With tight bounds: clip at the bound (true) or resample inside the box (false). */
  readonly clip?: boolean;
}

/** Plain-data description of a solver, one per file, listed in one registry (solvers/registry.ts). */
export interface SolverMeta {
  readonly id: SolverId;
  readonly label: string;
  readonly description: string;
  readonly optionSpecs: readonly OptionSpec[];
  /** Default termination text, as mystic's one-liners choose it. */
  readonly defaultTermination: string;
  /** Whether the solver keeps a population of size npop (DE) or a fixed structure (NM, Powell). */
  readonly usesPopulation: boolean;
  /** Whether generations evaluate a batch through the pool. */
  readonly usesPool: boolean;
}
