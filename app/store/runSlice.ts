import type { StateCreator } from 'zustand';
import { NO_RUN_FIGURES, type PopulationView, type RunError, type RunSnapshot, type RunStatus, type SolverId } from '../../src/core/index';
import type { StudioState } from './index';
import { EMPTY_SERIES, appendMemberSeries, appendSeries, type MemberSeries, type RunSeries } from './series';

/**
 * The run as the studio shows it: the latest snapshot's numbers, plus series for the plots. The run worker
 * sends snapshots (src/core/run RunSnapshot) at most 20 times a second; `applySnapshot` folds each in.
 *
 * For plots: `series` (best cost and best point per generation, min/max-decimated to at most 2000 points
 * each, see series.ts), `population` (the current population, at most 256 members, replaced by every snapshot that
 * carries one) and `members` (per-member best cost, for ensembles). `runId` changes when a new run starts:
 * plots that draw incrementally start over then.
 */
export interface RunSlice {
  /** Changes with every new run (solve, import, restore, reset). */
  readonly runId: number;
  readonly status: RunStatus;
  /** The solver driving the run; undefined when there is no run. */
  readonly runSolverId: SolverId | undefined;
  /** A new run is being started (Solve or Step with no run): until it is, Solve and Step wait. */
  readonly starting: boolean;
  /** Generations so far (-1 before generation 0). */
  readonly generation: number;
  readonly evaluations: number;
  readonly bestCost: number;
  readonly bestRawCost: number;
  readonly bestX: readonly number[];
  /** The termination message once done. */
  readonly message: string;
  readonly limits: { readonly generations: number; readonly evaluations: number };
  /** 0…1 against the nearer limit. */
  readonly progress: number;
  readonly evaluationsPerSecond: number;
  readonly elapsedMs: number;
  readonly nanEvaluations: number;
  /** Why the run stopped with status error, or why a command was refused. */
  readonly error: RunError | undefined;
  readonly series: RunSeries;
  readonly population: PopulationView | undefined;
  readonly members: readonly MemberSeries[];
  /** Fold one snapshot in (its state, if any, is runActions' business). */
  applySnapshot(snapshot: SnapshotFields): void;
  /** Show an error (or clear it) without a snapshot: a refused setting, the watchdog, a crashed worker. */
  setRunError(error: RunError | undefined, status?: RunStatus): void;
  /** Forget the run (status idle) and start numbering runs from `runId`. */
  clearRun(runId: number): void;
  setStarting(starting: boolean): void;
}

export type RunFields = Omit<RunSlice, 'applySnapshot' | 'setRunError' | 'clearRun' | 'setStarting'>;

/** What the slice reads from a snapshot: everything but the state. */
export type SnapshotFields = Omit<RunSnapshot, 'state'>;

export const initialRun: RunFields = {
  runId: 0,
  status: 'idle',
  runSolverId: undefined,
  starting: false,
  ...NO_RUN_FIGURES,
  error: undefined,
  series: EMPTY_SERIES,
  population: undefined,
  members: [],
};

export const createRunSlice: StateCreator<StudioState, [], [], RunSlice> = (set) => ({
  ...initialRun,
  applySnapshot: (snapshot) => set((state) => foldSnapshot(state, snapshot)),
  setRunError: (error, status) => set((state) => ({ error, status: status ?? state.status })),
  clearRun: (runId) => set({ ...initialRun, runId }),
  setStarting: (starting) => set({ starting }),
});

/** The run fields after a snapshot; a snapshot of another run starts the series over. */
export function foldSnapshot(state: RunFields, snapshot: SnapshotFields): RunFields {
  const sameRun = snapshot.runId === state.runId;
  const series = appendSeries(sameRun ? state.series : EMPTY_SERIES, snapshot.history);
  let members = sameRun ? state.members : [];
  if (snapshot.members) {
    const byId = new Map(members.map((m) => [m.member, m]));
    for (const delta of snapshot.members) byId.set(delta.member, appendMemberSeries(byId.get(delta.member), delta.member, delta));
    members = [...byId.values()].sort((a, b) => a.member - b.member);
  }
  return {
    runId: snapshot.runId,
    status: snapshot.status,
    runSolverId: snapshot.solverId,
    starting: state.starting,
    generation: snapshot.generation,
    evaluations: snapshot.evaluations,
    bestCost: snapshot.bestCost,
    bestRawCost: snapshot.bestRawCost,
    bestX: snapshot.bestX,
    message: snapshot.message,
    limits: snapshot.limits,
    progress: snapshot.progress,
    evaluationsPerSecond: snapshot.evaluationsPerSecond,
    elapsedMs: snapshot.elapsedMs,
    nanEvaluations: snapshot.nanEvaluations,
    error: snapshot.error,
    series,
    population: snapshot.population ?? (sameRun ? state.population : undefined),
    members,
  };
}
