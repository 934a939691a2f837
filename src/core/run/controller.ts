import type { Pool } from '../parallel/pool';
import type { ProblemDefinition } from '../problem/compile';
import type { BaseSolver } from '../solvers/baseSolver';
import { EnsembleSolver } from '../solvers/ensembles';
import { validateOptions } from '../solvers/options';
import { createSolver, getSolverMeta } from '../solvers/registry';
import type { SolverId } from '../solvers/solver';
import type { SolverState } from '../state/schema';
import { toRunError } from './errors';
import { applyRunChanges, createRunSolver, restoreRunSolver } from './problem';
import type {
  HistoryDelta,
  MemberDelta,
  PopulationView,
  RunChanges,
  RunError,
  RunOffsets,
  RunReply,
  RunSetup,
  RunSnapshot,
  RunStatus,
} from './types';

/** What the controller needs from the thread it runs in; src/core itself has no timers and no clock. */
export interface RunHost {
  /** Receives every snapshot, synchronously. */
  readonly onSnapshot: (snapshot: RunSnapshot) => void;
  /**
   * Resolves on a later macrotask, so that commands waiting behind the run (pause, stop, reconfigure) are
   * read. In a worker: a MessageChannel round trip (setTimeout is clamped to 4 ms when nested).
   */
  readonly yieldToEvents: () => Promise<void>;
  /** A monotonic clock in milliseconds (performance.now). */
  readonly now: () => number;
  /**
   * The pool a run evaluates its batches through, or undefined to evaluate inline in this thread. Called
   * when a run starts; the controller terminates the pool it got when the run is replaced or reset.
   */
  readonly createPool?: (request: { readonly workers: number }) => Pool | undefined;
}

export interface RunControllerOptions {
  /** Shortest time between two snapshots while running (50 ms: at most 20 a second). */
  readonly snapshotIntervalMs?: number;
  /** Longest stretch of generations between two yields, so Pause is read within about this time. */
  readonly sliceMs?: number;
  /**
   * Largest share of the run's time spent taking checkpoints (the states a failed generation rolls back to):
   * short histories are saved nearly every generation, long ones less often.
   */
  readonly checkpointShare?: number;
  /** Shortest time between two checkpoints sent to the studio (with a snapshot); pauses and ends always send one. */
  readonly stateIntervalMs?: number;
  /** Most members a snapshot's population carries. */
  readonly maxPopulation?: number;
  /**
   * Most history entries one snapshot carries (a longer stretch is thinned evenly); default 200. At 20
   * snapshots a second that fills the studio's 2000-point series in half a second: more would only be
   * copied, sent and thinned away again on the page's main thread.
   */
  readonly maxHistoryDelta?: number;
  /** Most ensemble members whose traces are sent. */
  readonly maxMembers?: number;
  /**
   * History entries the run's solver keeps at least (setHistoryLimit): the studio has its own thinned copy
   * for the plots, and a run of a cheap objective records 10⁵ generations a second, so keeping them all would
   * fill the worker's memory within minutes and make every checkpoint slower. States and logs then carry the
   * last this many generations.
   */
  readonly historyLimit?: number;
}

const ZERO_OFFSETS: RunOffsets = { generation: 0, evaluations: 0, elapsedMs: 0 };
const EMPTY_HISTORY: HistoryDelta = { generations: [], costs: [], points: [] };

/** The figures of a snapshot when there is no run (before the first Solve, after Reset). */
export const NO_RUN_FIGURES = {
  generation: -1,
  evaluations: 0,
  bestCost: Infinity,
  bestRawCost: Infinity,
  bestX: [],
  message: '',
  limits: { generations: 0, evaluations: 0 },
  progress: 0,
  evaluationsPerSecond: 0,
  elapsedMs: 0,
  nanEvaluations: 0,
} as const satisfies Partial<RunSnapshot>;
/** How far back evaluations per second look. */
const RATE_WINDOW_MS = 1000;

/** One solver of the run. Continuing with another solver starts a new stage. */
interface Stage {
  readonly solver: BaseSolver;
  problem: ProblemDefinition;
  readonly offsets: RunOffsets;
  /** History entries already sent. */
  sentHistory: number;
  /** Per ensemble member, trajectory entries already sent. */
  sentMembers: number[];
  /** The last state known to be whole: taken between generations. A failed generation rolls back to it. */
  checkpoint: SolverState;
}

/** The loop's goal: run to the end, or a number of generations. */
type Goal = { readonly kind: 'solve' } | { kind: 'steps'; remaining: number };

/**
 * Drives one run: one solver, or a chain of them when the run continues with another solver from the best
 * point so far. Pure TypeScript with the clock, the yield and the pool handed in, so it runs the same in the
 * studio's run worker and in Node tests.
 *
 * Lifecycle. `start` (or `restore`) begins a run; `solve`/`resume` run generations until a termination, a
 * limit, `pause` or `stop`; `step` runs a given number of generations and pauses. Between two generations
 * every setting may change (`reconfigure`, `continueWith`). `reset` ends the run. Commands are answered with
 * a RunReply (errors are data); everything else the studio learns from snapshots, sent at most every
 * `snapshotIntervalMs` while running and always on a change of status.
 *
 * Errors. When a generation fails (the objective or a constraint throws), the run rolls back to its last
 * checkpoint, a state taken between generations, and reports status `error` with the message and point; a
 * resume continues from the checkpoint, bit for bit as if nothing had happened, or with the fixed source
 * after `reconfigure({ source })`.
 *
 * Commands arrive while the loop waits in `yieldToEvents`, that is between generations. With an asynchronous
 * objective they may also arrive inside one; those that touch the solver then wait for it to end.
 */
export class RunController {
  private readonly settings: Required<RunControllerOptions>;
  private status: RunStatus = 'idle';
  private runId = 0;
  private stage: Stage | undefined;
  private setup: RunSetup | undefined;
  private error: RunError | undefined;
  private pool: Pool | undefined;
  /** The running loop (solve or steps), if any. */
  private loop: Promise<void> | undefined;
  private goal: Goal = { kind: 'solve' };
  private pauseRequested = false;
  private stopRequested = false;
  /** A generation is being computed: the solver must not be touched until it ends. */
  private stepping = false;
  private readonly afterGeneration: (() => void)[] = [];
  private lastSnapshotAt = -Infinity;
  private lastCheckpointAt = -Infinity;
  /** How long the last checkpoint took, to space them so that saving stays a small share of the time. */
  private checkpointCostMs = 0;
  /** The checkpoint last sent to the studio, and when. */
  private sentState: SolverState | undefined;
  private lastStateSentAt = -Infinity;
  /** Send the current checkpoint with the next snapshot, however recent the last one. */
  private stateDue = false;
  private rateSamples: { t: number; evaluations: number }[] = [];

  constructor(
    private readonly host: RunHost,
    options: RunControllerOptions = {},
  ) {
    this.settings = {
      snapshotIntervalMs: options.snapshotIntervalMs ?? 50,
      sliceMs: options.sliceMs ?? 10,
      checkpointShare: options.checkpointShare ?? 0.05,
      stateIntervalMs: options.stateIntervalMs ?? 250,
      maxPopulation: options.maxPopulation ?? 256,
      maxHistoryDelta: options.maxHistoryDelta ?? 200,
      maxMembers: options.maxMembers ?? 64,
      historyLimit: options.historyLimit ?? 10_000,
    };
  }

  // ----- commands -----------------------------------------------------------------------------------

  /**
   * Begin a new run from a setup, replacing the current one, then solve (resolves once running) or take one
   * step (resolves once paused after generation 0). If the setup is
   * refused (the source does not compile, a setting is wrong), the current run is kept as it was and the
   * status becomes `error`.
   */
  async start(runId: number, setup: RunSetup, then: 'solve' | 'step' = 'solve'): Promise<RunReply> {
    let built: { solver: BaseSolver; problem: ProblemDefinition };
    try {
      built = createRunSolver(setup);
    } catch (error) {
      await this.halt();
      return this.refuse(toRunError(error, 'parse'));
    }
    await this.halt();
    this.setup = setup;
    this.beginRun(runId, built.solver, built.problem, ZERO_OFFSETS, setup.workers);
    if (then === 'solve') return this.go({ kind: 'solve' });
    return this.step(1);
  }

  /**
   * Make a saved state the current run, paused (or done, if it had ended). `source` replaces the problem
   * source saved in it; `offsets` continue the numbering of a run that went on in an earlier worker. A state
   * that cannot be restored changes nothing: the reply says why.
   */
  async restore(runId: number, state: SolverState, options: { source?: string; offsets?: RunOffsets; workers?: number } = {}): Promise<RunReply> {
    let built: { solver: BaseSolver; problem: ProblemDefinition };
    try {
      built = restoreRunSolver(state, options.source);
    } catch (error) {
      // An import that fails changes nothing, not even the status.
      return { ok: false, error: toRunError(error, 'state') };
    }
    await this.halt();
    this.setup = undefined;
    this.beginRun(runId, built.solver, built.problem, options.offsets ?? ZERO_OFFSETS, options.workers);
    this.status = built.solver.stopMessage ? 'done' : 'paused';
    this.emit();
    return { ok: true };
  }

  /** Run until a termination condition, a limit, pause or stop. Resolves once the run has started. */
  solve(): Promise<RunReply> {
    return this.go({ kind: 'solve' });
  }

  /** Continue a paused, done or failed run (the same as solve). */
  resume(): Promise<RunReply> {
    return this.go({ kind: 'solve' });
  }

  /** Run `count` more generations, then pause. Steps asked for while stepping add up. Resolves when done. */
  async step(count = 1): Promise<RunReply> {
    if (this.loop) {
      // While solving, a step has nothing to add; while stepping, it adds to the generations still to go.
      if (this.goal.kind === 'solve') return { ok: true };
      this.goal.remaining += count;
      await this.settled();
      return { ok: true };
    }
    const reply = await this.go({ kind: 'steps', remaining: count });
    if (this.loop) await this.loop;
    return reply;
  }

  /** Stop after the current generation; resolves once paused. */
  async pause(): Promise<RunReply> {
    await this.halt();
    return { ok: true };
  }

  /** End the run after the current generation (mystic's SolverInterrupt); it can still be resumed. */
  async stop(): Promise<RunReply> {
    if (this.loop) {
      this.stopRequested = true;
      await this.loop;
      return { ok: true };
    }
    const stage = this.stage;
    if (stage && this.status !== 'done') {
      stage.solver.interrupt();
      stage.solver.stopMessage = stage.solver.terminated();
      this.status = 'done';
      this.takeCheckpoint();
      this.stateDue = true;
      this.emit();
    }
    return { ok: true };
  }

  /** Drop the run: status idle. */
  async reset(runId: number): Promise<RunReply> {
    await this.halt();
    this.runId = runId;
    this.stage = undefined;
    this.setup = undefined;
    this.error = undefined;
    this.status = 'idle';
    this.closePool();
    this.emit();
    return { ok: true };
  }

  /** Change settings between two generations (while running: before the next one). */
  reconfigure(changes: RunChanges): Promise<RunReply> {
    return this.betweenGenerations(() => {
      const stage = this.stage;
      if (!stage) return refused('option', 'There is no run to change: start one first.');
      try {
        stage.problem = applyRunChanges(stage.solver, stage.problem, changes);
      } catch (error) {
        return { ok: false, error: toRunError(error, 'parse') };
      }
      if (changes.source !== undefined && this.setup) this.setup = { ...this.setup, source: changes.source };
      if (!this.loop && this.status === 'error') this.status = 'paused';
      this.error = undefined;
      // A checkpoint now, so that a later rollback (here or in a new worker) keeps the new settings.
      this.takeCheckpoint();
      this.stateDue = true;
      this.emit();
      return { ok: true };
    });
  }

  /**
   * Continue the run from its best point with another solver (polish a DE result with Nelder–Mead): a new
   * solver starts at the best point, in the same bounds, with the same problem code, and runs to its end.
   */
  async continueWith(solverId: SolverId, options: { options?: RunSetup['options']; npop?: number; changes?: RunChanges } = {}): Promise<RunReply> {
    await this.halt();
    const stage = this.stage;
    if (!stage) return this.refuse({ kind: 'option', message: 'There is no run to continue: start one first.' });
    const previous = stage.solver;
    let solver: BaseSolver;
    let problem = stage.problem;
    try {
      if (options.options) validateOptions(getSolverMeta(solverId).label, getSolverMeta(solverId).optionSpecs, options.options);
      solver = createSolver(solverId, {
        dim: previous.dim,
        seed: previous.seed,
        objective: stage.problem.objective,
        ...(options.options ? { options: options.options } : {}),
        ...(options.npop !== undefined ? { npop: options.npop } : {}),
      });
      solver.problem = previous.problem;
      const strict = previous.strictRanges;
      if (strict) solver.setStrictRanges(strict.min, strict.max);
      if (previous.generationsRecorded > 0) solver.setInitialPoints(previous.bestSolution);
      problem = applyRunChanges(solver, problem, options.changes ?? {});
    } catch (error) {
      return this.refuse(toRunError(error, 'option'));
    }
    const offsets: RunOffsets = {
      generation: stage.offsets.generation + previous.generationsRecorded,
      evaluations: stage.offsets.evaluations + previous.evaluations,
      elapsedMs: stage.offsets.elapsedMs + previous.elapsedMs,
    };
    this.setStage(newStage(solver, problem, offsets));
    return this.go({ kind: 'solve' });
  }

  /** The current solver's state (between generations), exactly `solver.saveState()`. */
  saveState(): Promise<SolverState | undefined> {
    return this.betweenGenerations(() => this.stage?.solver.saveState());
  }

  /** Resolves when no loop is running (tests and hosts wait for a run to settle). */
  async settled(): Promise<void> {
    while (this.loop) await this.loop;
  }

  /** Stop everything and release the pool. */
  async dispose(): Promise<void> {
    await this.halt();
    this.closePool();
  }

  // ----- the loop -------------------------------------------------------------------------------------

  private beginRun(runId: number, solver: BaseSolver, problem: ProblemDefinition, offsets: RunOffsets, workers: number | undefined): void {
    this.runId = runId;
    this.error = undefined;
    this.closePool();
    this.pool = this.host.createPool?.({ workers: workers ?? 1 });
    if (this.pool) solver.setPool(this.pool);
    this.setStage(newStage(solver, problem, offsets));
  }

  /** Make a stage current; its first checkpoint goes out with the next snapshot. */
  private setStage(stage: Stage): void {
    // The history keeps a window, but nothing the studio has not been sent yet.
    stage.solver.setHistoryLimit(this.settings.historyLimit);
    stage.solver.holdHistoryFrom(stage.sentHistory);
    this.stage = stage;
    this.stateDue = true;
    this.lastCheckpointAt = this.host.now();
  }

  /** Start the loop toward a goal, unless it is already running. */
  private async go(goal: Goal): Promise<RunReply> {
    if (this.loop) return { ok: true };
    const stage = this.stage;
    if (!stage) return refused('option', 'There is no run yet: press Solve to start one.');
    stage.solver.interrupted = false;
    this.goal = goal;
    this.pauseRequested = false;
    this.stopRequested = false;
    this.error = undefined;
    this.rateSamples = [];
    this.status = 'running';
    this.emit();
    this.loop = this.runLoop(stage).finally(() => {
      this.loop = undefined;
    });
    return { ok: true };
  }

  private async runLoop(stage: Stage): Promise<void> {
    const { host, settings } = this;
    for (;;) {
      const sliceEnd = host.now() + settings.sliceMs;
      do {
        if (this.stopRequested) {
          stage.solver.interrupt();
          stage.solver.stopMessage = stage.solver.terminated();
          return this.settle('done');
        }
        if (this.pauseRequested || (this.goal.kind === 'steps' && this.goal.remaining <= 0)) return this.settle('paused');
        const outcome = await this.generation(stage);
        if (outcome === 'failed') return this.settle('error');
        if (outcome === 'done') return this.settle('done');
        if (this.goal.kind === 'steps') this.goal.remaining--;
        this.maybeCheckpoint();
      } while (host.now() < sliceEnd);
      if (host.now() - this.lastSnapshotAt >= settings.snapshotIntervalMs) this.emit();
      await host.yieldToEvents();
    }
  }

  /** One generation; a failure rolls the stage back to its checkpoint. */
  private async generation(stage: Stage): Promise<'continue' | 'done' | 'failed'> {
    this.stepping = true;
    let outcome: 'continue' | 'done' | 'failed';
    try {
      outcome = (await stage.solver.step()) === undefined ? 'continue' : 'done';
    } catch (error) {
      this.error = toRunError(error, 'objective');
      this.rollBack(stage);
      outcome = 'failed';
    } finally {
      this.stepping = false;
    }
    for (const command of this.afterGeneration.splice(0)) command();
    return outcome;
  }

  /** Replace a solver left half-way through a generation by its last checkpoint (same problem and pool). */
  private rollBack(stage: Stage): void {
    try {
      const { solver, problem } = restoreRunSolver(stage.checkpoint, stage.solver.problem?.source);
      if (this.pool) solver.setPool(this.pool);
      const restored = newStage(solver, problem, stage.offsets);
      // The studio has the history up to the failure; entries from the checkpoint on are sent again.
      restored.sentHistory = Math.min(stage.sentHistory, solver.generationsRecorded);
      if (solver instanceof EnsembleSolver) {
        restored.sentMembers = solver.memberHistories.map((history, m) => Math.min(stage.sentMembers[m] ?? 0, history.energy.length));
      }
      this.setStage(restored);
    } catch (error) {
      const why = toRunError(error, 'internal').message;
      this.error = { ...(this.error ?? { kind: 'internal', message: '' }), message: `${this.error?.message ?? ''} The run could not go back to its last checkpoint: ${why}`.trim() };
    }
  }

  /** The loop ends: a checkpoint of where it stopped (after a failure: the one it went back to) goes out. */
  private settle(status: RunStatus): void {
    this.status = status;
    // The new status goes out at once and the checkpoint follows on its own: taking and sending the state of
    // a long run (its whole history) takes longer than Pause may take to answer.
    this.emit(false);
    if (status !== 'error') this.takeCheckpoint();
    this.stateDue = true;
    this.emit();
  }

  /** Stop the loop after its current generation and wait for it. */
  private async halt(): Promise<void> {
    if (!this.loop) return;
    this.pauseRequested = true;
    await this.settled();
  }

  private betweenGenerations<T>(command: () => T): Promise<T> {
    if (!this.stepping) return Promise.resolve(command());
    return new Promise<T>((resolve, reject) => {
      this.afterGeneration.push(() => {
        try {
          resolve(command());
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  private refuse(error: RunError): RunReply {
    this.error = error;
    this.status = 'error';
    this.emit();
    return { ok: false, error };
  }

  private closePool(): void {
    const pool = this.pool;
    this.pool = undefined;
    // Terminating rejects nothing of ours: the run that used it has stopped.
    if (pool) void pool.terminate().catch(() => undefined);
  }

  // ----- checkpoints and snapshots ----------------------------------------------------------------------

  /** Time between two checkpoints (and, at least `stateIntervalMs`, between two sent to the studio). */
  private get checkpointSpacingMs(): number {
    return this.checkpointCostMs / this.settings.checkpointShare;
  }

  private maybeCheckpoint(): void {
    if (this.host.now() - this.lastCheckpointAt >= this.checkpointSpacingMs) this.takeCheckpoint();
  }

  private takeCheckpoint(): void {
    const stage = this.stage;
    if (!stage) return;
    const started = this.host.now();
    stage.checkpoint = stage.solver.saveState();
    this.lastCheckpointAt = this.host.now();
    this.checkpointCostMs = this.lastCheckpointAt - started;
  }

  /** Send a snapshot; with the current checkpoint when one is due, unless `withState` is false. */
  private emit(withState = true): void {
    const now = this.host.now();
    this.lastSnapshotAt = now;
    const state = withState ? this.stateToSend(now) : undefined;
    this.host.onSnapshot(this.snapshot(now, state));
  }

  /** The checkpoint to send with a snapshot now, if it is new and due. */
  private stateToSend(now: number): SolverState | undefined {
    const checkpoint = this.stage?.checkpoint;
    const due = this.stateDue || now - this.lastStateSentAt >= Math.max(this.settings.stateIntervalMs, this.checkpointSpacingMs);
    if (!checkpoint || checkpoint === this.sentState || !due) return undefined;
    this.stateDue = false;
    this.sentState = checkpoint;
    this.lastStateSentAt = now;
    return checkpoint;
  }

  private snapshot(now: number, state: SolverState | undefined): RunSnapshot {
    const stage = this.stage;
    const common = { runId: this.runId, status: this.status, ...(this.error ? { error: this.error } : {}), ...(state ? { state } : {}) };
    if (!stage) {
      return {
        ...common,
        solverId: undefined,
        ...NO_RUN_FIGURES,
        offsets: ZERO_OFFSETS,
        history: EMPTY_HISTORY,
      };
    }
    const { solver, offsets } = stage;
    const limits = solver.limits;
    const evaluations = offsets.evaluations + solver.evaluations;
    const started = solver.generationsRecorded > 0;
    const population = started ? this.populationView(stage) : undefined;
    const members = this.memberDeltas(stage);
    return {
      ...common,
      solverId: solver.id,
      generation: offsets.generation + solver.generationsRecorded - 1,
      evaluations,
      bestCost: started ? solver.bestEnergy : Infinity,
      bestRawCost: started ? solver.bestRawCost : Infinity,
      bestX: started ? [...solver.bestSolution] : [],
      message: this.status === 'done' ? solver.stopMessage : '',
      limits: { generations: offsets.generation + limits.generations, evaluations: offsets.evaluations + limits.evaluations },
      progress: this.status === 'done' ? 1 : progressOf(solver),
      evaluationsPerSecond: this.rate(now, evaluations, solver),
      elapsedMs: offsets.elapsedMs + solver.elapsedMs,
      nanEvaluations: solver.nanEvaluations,
      offsets,
      history: this.historyDelta(stage),
      ...(population ? { population } : {}),
      ...(members ? { members } : {}),
    };
  }

  /**
   * While running, the rate over the last second; otherwise the current solver's average over its own time
   * (a run too short for two samples still shows how fast it went).
   */
  private rate(now: number, evaluations: number, solver: BaseSolver): number {
    if (this.status !== 'running') {
      this.rateSamples = [];
      return solver.elapsedMs > 0 ? (solver.evaluations * 1000) / solver.elapsedMs : 0;
    }
    const samples = this.rateSamples;
    samples.push({ t: now, evaluations });
    while (samples.length > 2 && now - (samples[1] as { t: number }).t >= RATE_WINDOW_MS) samples.shift();
    const first = samples[0] as { t: number; evaluations: number };
    const span = now - first.t;
    return span > 0 ? ((evaluations - first.evaluations) * 1000) / span : 0;
  }

  /** The generations recorded since the last snapshot (those still in the solver's history window). */
  private historyDelta(stage: Stage): HistoryDelta {
    const { solver } = stage;
    const costs = solver.energyHistory;
    const points = solver.solutionHistory;
    const first = solver.historyStart;
    const from = Math.max(stage.sentHistory, first);
    const to = first + costs.length;
    stage.sentHistory = to;
    if (from >= to) return EMPTY_HISTORY;
    const picked = thinnedRange(from, to, this.settings.maxHistoryDelta);
    const delta = {
      generations: picked.map((g) => stage.offsets.generation + g),
      costs: picked.map((g) => costs[g - first] as number),
      points: picked.map((g) => [...(points[g - first] as readonly number[])]),
    };
    // Sent: the solver may drop these entries now (which moves its history's indices).
    solver.holdHistoryFrom(to);
    return delta;
  }

  private populationView(stage: Stage): PopulationView | undefined {
    const { solver } = stage;
    const size = solver.population.length;
    if (size === 0) return undefined;
    const shown = Math.min(size, this.settings.maxPopulation);
    return {
      generation: stage.offsets.generation + solver.generations,
      points: solver.population.slice(0, shown).map((x) => [...x]),
      costs: solver.popEnergy.slice(0, shown),
      size,
    };
  }

  private memberDeltas(stage: Stage): MemberDelta[] | undefined {
    const { solver } = stage;
    if (!(solver instanceof EnsembleSolver)) return undefined;
    const histories = solver.memberHistories.slice(0, this.settings.maxMembers);
    const deltas: MemberDelta[] = [];
    histories.forEach((history, member) => {
      const from = stage.sentMembers[member] ?? 0;
      const length = history.energy.length;
      stage.sentMembers[member] = length;
      if (from >= length) return;
      const picked = thinnedRange(from, length, this.settings.maxHistoryDelta);
      deltas.push({
        member,
        generations: picked.map((i) => stage.offsets.generation + i),
        costs: picked.map((i) => history.energy[i] as number),
      });
    });
    return deltas.length > 0 ? deltas : undefined;
  }
}

function newStage(solver: BaseSolver, problem: ProblemDefinition, offsets: RunOffsets): Stage {
  return { solver, problem, offsets, sentHistory: 0, sentMembers: [], checkpoint: solver.saveState() };
}

function refused(kind: RunError['kind'], message: string): RunReply {
  return { ok: false, error: { kind, message } };
}

/** Fraction of the nearer limit reached. */
function progressOf(solver: BaseSolver): number {
  const { generations, evaluations } = solver.limits;
  const byGenerations = generations > 0 ? solver.generations / generations : 1;
  const byEvaluations = evaluations > 0 ? solver.evaluations / evaluations : 1;
  return Math.min(1, Math.max(0, byGenerations, byEvaluations));
}

/**
 * Indices from..to-1, thinned evenly to at most `max` (at least 2), always keeping the first and the last,
 * so plots keep the shape of a stretch that went by faster than snapshots.
 */
export function thinnedRange(from: number, to: number, max: number): number[] {
  const count = to - from;
  if (count <= max) return Array.from({ length: count }, (_, k) => from + k);
  const keep = Math.max(2, max);
  return Array.from({ length: keep }, (_, k) => from + Math.round((k * (count - 1)) / (keep - 1)));
}
