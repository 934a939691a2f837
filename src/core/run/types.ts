import type { OptionValue } from '../solvers/options';
import type { SolverId } from '../solvers/solver';
import type { SolverState } from '../state/schema';
import type { Bounds } from '../types';

/**
 * Where a run is: `idle` (nothing loaded), `running` (generations are being computed, by solve, resume or
 * step), `paused` (stopped between two generations, can step or resume), `done` (a termination condition,
 * a limit or Stop ended it; it can still continue once reconfigured) or `error` (the objective threw, or a
 * setting was refused; the last good state is kept and resume continues from it).
 */
export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'error';

/** The limits of a run; null (or absent) keeps mystic's default for the solver and population. */
export interface RunLimits {
  readonly generations?: number | null;
  readonly evaluations?: number | null;
}

/** Everything a new run is made of, as plain data: the problem module's source and the studio's setup. */
export interface RunSetup {
  /** The problem module (DESIGN.md, "Problem module"), TypeScript or JavaScript. */
  readonly source: string;
  /** Name used in messages and for the module's line numbers. */
  readonly fileName?: string;
  readonly solverId: SolverId;
  /** Options of `solverId` (validated against its meta.optionSpecs). */
  readonly options?: Readonly<Record<string, OptionValue>>;
  readonly seed: number;
  /** Requested population size; the solver applies its own rule. */
  readonly npop?: number;
  /** Termination text; empty or absent means the solver's default termination. */
  readonly termination?: string;
  readonly limits?: RunLimits;
  /** Strict ranges overriding the module's bounds: one pair per dimension, or one pair for all. */
  readonly bounds?: Bounds;
  /** Initial point overriding the module's x0. */
  readonly x0?: readonly number[];
  /** Hard constraints as symbolic text; when not empty they replace the module's. */
  readonly constraints?: string;
  /** Soft constraints (penalties) as symbolic text; when not empty they replace the module's. */
  readonly penalties?: string;
  /** Start points read from a log (best first): the first is x0, the rest seed a population. */
  readonly restartPoints?: readonly (readonly number[])[];
  /** Workers to evaluate on, when the host can build a pool (1 = evaluate inline). */
  readonly workers?: number;
}

/**
 * Settings that may change between two generations of a live run (mystic's reconfigure-and-continue). Absent
 * fields keep their value; `source` recompiles the objective (same dimension) and keeps the population.
 */
export interface RunChanges {
  readonly source?: string;
  readonly options?: Readonly<Record<string, OptionValue>>;
  readonly termination?: string;
  readonly limits?: RunLimits;
  /** New strict ranges (one pair per dimension, or one for all); null goes back to the module's bounds. */
  readonly bounds?: Bounds | null;
  readonly constraints?: string;
  readonly penalties?: string;
}

/** Which kind of trouble a RunError reports, so the studio knows where to show it. */
export type RunErrorKind = 'objective' | 'option' | 'parse' | 'state' | 'watchdog' | 'internal';

/** An error as data (it crosses the worker boundary): one sentence plus where it points. */
export interface RunError {
  readonly kind: RunErrorKind;
  readonly message: string;
  /** The setting at fault (OptionError's option, StateError's field). */
  readonly field?: string;
  /** The point the objective (or a constraint) failed at. */
  readonly point?: readonly number[];
  /** 1-based line and column in the problem source, when known. */
  readonly line?: number;
  readonly column?: number;
}

export type RunReply = { readonly ok: true } | { readonly ok: false; readonly error: RunError };

/** Where the current solver's counts start in the run's counts (a run continued with another solver). */
export interface RunOffsets {
  /** The run generation of this solver's generation 0. */
  readonly generation: number;
  readonly evaluations: number;
  readonly elapsedMs: number;
}

/**
 * History entries produced since the previous snapshot, with their generation numbers. At most
 * `maxHistoryDelta` entries: a longer stretch is thinned evenly, always keeping its last entry, so a
 * snapshot stays small however fast generations go.
 */
export interface HistoryDelta {
  readonly generations: readonly number[];
  /** Best (penalized) cost after each of those generations. */
  readonly costs: readonly number[];
  /** Best point after each of those generations. */
  readonly points: readonly (readonly number[])[];
}

/** The current population (or simplex, or ensemble members' bests), at most `maxPopulation` members. */
export interface PopulationView {
  readonly generation: number;
  readonly points: readonly (readonly number[])[];
  readonly costs: readonly number[];
  /** Members in the solver; more than `points.length` when capped. */
  readonly size: number;
}

/** New entries of one ensemble member's trajectory since the previous snapshot (thinned like HistoryDelta). */
export interface MemberDelta {
  readonly member: number;
  readonly generations: readonly number[];
  readonly costs: readonly number[];
}

/**
 * What the run sends to the studio, at most every `snapshotIntervalMs` while running and always when the
 * status changes. Plain, structured-clone-safe data; ±∞ and NaN are kept as numbers.
 */
export interface RunSnapshot {
  /** Changes whenever a new run starts (start, restore, reset): the studio then drops its series. */
  readonly runId: number;
  readonly status: RunStatus;
  /** The solver now driving the run (it changes when the run continues with another solver). */
  readonly solverId: SolverId | undefined;
  /** Generations so far, counted over every solver of the run; -1 before generation 0. */
  readonly generation: number;
  /** Objective evaluations so far, over every solver of the run. */
  readonly evaluations: number;
  /** Best cost including penalties. */
  readonly bestCost: number;
  /** Raw objective at the best point, without penalties. */
  readonly bestRawCost: number;
  readonly bestX: readonly number[];
  /** The termination message once done, else ''. */
  readonly message: string;
  /** The current solver's limits, in the run's counts. */
  readonly limits: { readonly generations: number; readonly evaluations: number };
  /** Fraction of the nearer limit reached, 0…1 (1 once done). */
  readonly progress: number;
  /** Evaluations per second over about the last second of running; otherwise the current solver's average. */
  readonly evaluationsPerSecond: number;
  /** Time spent computing generations, over every solver of the run. */
  readonly elapsedMs: number;
  /** Evaluations whose objective returned NaN or a non-number (counted as +∞). */
  readonly nanEvaluations: number;
  /** Where the current solver's counts start; give them back to `restore` to number on in a new worker. */
  readonly offsets: RunOffsets;
  readonly history: HistoryDelta;
  readonly population?: PopulationView;
  readonly members?: readonly MemberDelta[];
  /**
   * The latest checkpoint, exactly `solver.saveState()` taken between two generations: sent at most every
   * `stateIntervalMs` (less often for long histories) and whenever the run pauses, ends or fails (then it is
   * the state the run went back to). The studio keeps it to export, autosave, and to start a fresh run worker
   * from it if this one has to be ended.
   */
  readonly state?: SolverState;
  readonly error?: RunError;
}
