import type { StateCreator } from 'zustand';
import type { OptionValue, SolverId } from '../../src/core/index';
import type { StudioState } from './index';

/** Options as the user set them, per solver id; missing names take the solver's defaults. */
export type OptionsBySolver = Readonly<Partial<Record<SolverId, Readonly<Record<string, OptionValue>>>>>;

/** How many seconds an objective may run without the run answering before the watchdog ends the worker. */
export const DEFAULT_WATCHDOG_SECONDS = 10;

export interface SetupSlice {
  readonly solverId: SolverId;
  /** Options kept per solver, so switching solvers and back keeps what was set. */
  readonly optionsBySolver: OptionsBySolver;
  /** Termination text (mystic's names); empty means the solver's default. */
  readonly termination: string;
  /** Generation limit; null keeps mystic's default for the solver and population. */
  readonly maxGenerations: number | null;
  /** Evaluation limit; null keeps mystic's default. */
  readonly maxEvaluations: number | null;
  /** Bounds overriding the module's, as "lo:hi, lo:hi, …" (or one pair for all); empty: the module's. */
  readonly bounds: string;
  /** Initial point overriding the module's, as "a, b, …"; empty: the module's (or random). */
  readonly x0: string;
  /** Hard constraints as symbolic text; when not empty they replace the module's. */
  readonly constraints: string;
  /** Penalties as symbolic text; when not empty they replace the module's. */
  readonly penalties: string;
  readonly seed: number;
  /** Requested population size; null lets the solver choose. */
  readonly npop: number | null;
  /** Workers evaluating the population (cores − 1 by default). */
  readonly workers: number;
  /** Watchdog timeout in seconds; 0 turns the watchdog off. */
  readonly watchdogSeconds: number;
  setSolverId(solverId: SolverId): void;
  setOption(solverId: SolverId, name: string, value: OptionValue): void;
  setTermination(termination: string): void;
  setLimits(limits: { readonly generations?: number | null; readonly evaluations?: number | null }): void;
  setBounds(bounds: string): void;
  setX0(x0: string): void;
  setConstraints(constraints: string): void;
  setPenalties(penalties: string): void;
  setSeed(seed: number): void;
  setNpop(npop: number | null): void;
  setWorkers(workers: number): void;
  setWatchdogSeconds(seconds: number): void;
  /** Set several fields at once (an example, a shared link, an imported state). */
  applySetup(setup: Partial<SetupFields>): void;
  /** What is wrong with the setup form, by field (written by the setup panel, which validates as you type). */
  readonly setupErrors: Readonly<Record<string, string>>;
  setSetupErrors(errors: Readonly<Record<string, string>>): void;
}

/** The setup's data fields, without the actions. */
export type SetupFields = {
  -readonly [K in keyof SetupSlice as SetupSlice[K] extends (...args: never[]) => unknown ? never : K extends 'setupErrors' ? never : K]: SetupSlice[K];
};

function defaultWorkers(): number {
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  return Math.max(1, cores - 1);
}

/** A fresh seed for a new studio; kept across reloads, so a run can be repeated. */
function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

export const createSetupSlice: StateCreator<StudioState, [], [], SetupSlice> = (set) => ({
  solverId: 'de',
  optionsBySolver: {},
  termination: '',
  maxGenerations: null,
  maxEvaluations: null,
  bounds: '',
  x0: '',
  constraints: '',
  penalties: '',
  seed: randomSeed(),
  npop: 40,
  workers: defaultWorkers(),
  watchdogSeconds: DEFAULT_WATCHDOG_SECONDS,
  setSolverId: (solverId) => set({ solverId }),
  setOption: (solverId, name, value) =>
    set((state) => ({ optionsBySolver: { ...state.optionsBySolver, [solverId]: { ...state.optionsBySolver[solverId], [name]: value } } })),
  setTermination: (termination) => set({ termination }),
  setLimits: (limits) =>
    set((state) => ({
      maxGenerations: limits.generations === undefined ? state.maxGenerations : limits.generations,
      maxEvaluations: limits.evaluations === undefined ? state.maxEvaluations : limits.evaluations,
    })),
  setBounds: (bounds) => set({ bounds }),
  setX0: (x0) => set({ x0 }),
  setConstraints: (constraints) => set({ constraints }),
  setPenalties: (penalties) => set({ penalties }),
  setSeed: (seed) => set({ seed }),
  setNpop: (npop) => set({ npop }),
  setWorkers: (workers) => set({ workers }),
  setWatchdogSeconds: (watchdogSeconds) => set({ watchdogSeconds }),
  applySetup: (setup) => set(setup),
  setupErrors: {},
  setSetupErrors: (setupErrors) => set({ setupErrors }),
});

/**
 * Why Solve is disabled, or '' when it is not: the module is still being checked, the module has an error
 * (its first compile diagnostic), or a setup field is wrong (its message). One sentence, shown beside Solve.
 */
export function selectSolveBlocker(s: StudioState): string {
  return blocker(s, () => true);
}

/** Fields a run that continues (Resume, Step) does not take: they only shape a new run, or stay in the page. */
const IGNORED_WHEN_CONTINUING = new Set(['seed', 'npop', 'x0', 'workers', 'watchdog']);

/**
 * Why Resume and Step cannot continue the current run, or '': as `selectSolveBlocker`, but a wrong field
 * blocks only if the run would take it (the source, options, termination, limits, bounds, constraints).
 */
export function selectContinueBlocker(s: StudioState): string {
  return blocker(s, (field) => !IGNORED_WHEN_CONTINUING.has(field));
}

function blocker(s: StudioState, counts: (field: string) => boolean): string {
  if (s.moduleChecking) return 'Checking the problem module…';
  const error = s.diagnostics.find((d) => d.severity === 'error' && d.source === 'compile');
  if (error) return `Problem module, line ${error.line}: ${error.message}`;
  return Object.entries(s.setupErrors).find(([field]) => counts(field))?.[1] ?? '';
}
