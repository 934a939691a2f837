import { ConstraintError, callAt, formatPoint } from '../constraints/errors';
import { tightBounds } from '../constraints/tight';
import { ObjectiveError, OptionError, SibylError, errorMessage } from '../errors';
import { toSink, type MonitorLike, type MonitorSink } from '../monitors/monitor';
import type { Pool } from '../parallel/pool';
import { Random } from '../random';
import {
  STATE_FORMAT,
  STATE_VERSION,
  decodeNumber,
  decodeVector,
  encodeNumber,
  encodeVector,
  type ProblemRecord,
  type SolverState,
} from '../state/schema';
import { checkTermination, historyNeeded, limitsMessage, parseTermination, printTermination } from '../termination';
import type { Termination, TerminationView } from '../termination/types';
import type { ConstraintFn, ObjectiveFn, PenaltyFn, SolverSnapshot } from '../types';
import { validateOptions, type OptionValue, type OptionValues } from './options';
import { evaluatesInline, mapObjective } from './poolEvaluation';
import type { BoundsMode, Solver, SolverId, SolverMeta } from './solver';

/** mystic's stand-in for a missing bound: None means ±1000, not ±∞. */
export const DEFAULT_BOUND = 1000;

export interface BaseSolverConfig {
  readonly dim: number;
  /** Requested population size; solvers apply their own rule (DE: max(NP, dim, 4)). */
  readonly npop?: number;
  readonly seed?: number;
  readonly objective?: ObjectiveFn;
  readonly options?: Readonly<Record<string, unknown>>;
}

const identity: ConstraintFn = (x) => x;

/**
 * The values of a list of rows, kept in one reused buffer: a step checkpoint then allocates nothing in the
 * common case where the generation succeeds, which matters for cheap objectives (DE at millions of
 * evaluations per second). Restoring, on the rare failure, builds fresh rows.
 */
class RowsSnapshot {
  private values = new Float64Array(0);
  private readonly lengths: number[] = [];

  take(rows: readonly (readonly number[])[]): void {
    let total = 0;
    for (let i = 0; i < rows.length; i++) total += (rows[i] as readonly number[]).length;
    if (this.values.length < total) this.values = new Float64Array(total);
    this.lengths.length = rows.length;
    let k = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as readonly number[];
      this.lengths[i] = row.length;
      for (let j = 0; j < row.length; j++) this.values[k++] = row[j] as number;
    }
  }

  restore(): number[][] {
    let k = 0;
    return this.lengths.map((length) => Array.from(this.values.subarray(k, (k += length))));
  }
}

/** What a step restores when its generation fails part way (scalars; rows live in RowsSnapshots). */
interface Checkpoint {
  rng: number[];
  bestSolution: number[];
  bestEnergy: number;
  bestRawCost: number;
  evaluations: number;
  nanEvaluations: number;
  /** Generations recorded in all (the history window's start plus its length). */
  historyTotal: number;
  initialRange: { min: number[]; max: number[] } | undefined;
  algorithm: unknown;
}

/**
 * Shared bookkeeping of every solver: population, history, counters, limits, termination, monitors, the
 * evaluation wrapper and save/restore. Subclasses implement one generation (`initialGeneration` for
 * generation 0, `nextGeneration` afterwards) and finish it by calling `recordGeneration`.
 *
 * The evaluation wrapper reproduces mystic's decoration order (reference §2.3): out-of-box points cost +∞
 * without being evaluated or counted; otherwise the raw cost is counted and reported to the evaluation
 * monitor with the point actually evaluated; NaN and non-numbers count as +∞; the penalty is added last.
 */
export abstract class BaseSolver implements Solver, TerminationView {
  abstract readonly meta: SolverMeta;
  readonly dim: number;
  readonly npop: number;
  readonly seed: number;

  population: number[][];
  popEnergy: number[];
  trialSolution: number[][];
  bestSolution: number[];
  bestEnergy = Infinity;
  bestRawCost = Infinity;
  evaluations = 0;
  nanEvaluations = 0;
  elapsedMs = 0;
  interrupted = false;

  protected rng: Random;
  protected objective: ObjectiveFn | undefined;
  protected constraints: ConstraintFn = identity;
  protected penalty: PenaltyFn | undefined;
  protected pool: Pool | undefined;
  protected strictMin: number[] | undefined;
  protected strictMax: number[] | undefined;
  protected boundsMode: Required<BoundsMode> = { tight: false, clip: false };
  /**
   * With tight bounds: the constraints and the bounds as one constraint, built for the generator it draws from
   * (resampling, breaking cycles). A rollback or restore replaces `rng`, which rebuilds it, so those draws
   * come from the solver's saved stream and a resumed run continues bit for bit.
   */
  private tight: { rng: Random; constraint: ConstraintFn } | undefined;
  /** The range the initial population was drawn from (random start, or x0 ± radius). */
  protected initialRange: { min: number[]; max: number[] } | undefined;
  /** Problem source, kept so a saved state can rebuild the objective anywhere. */
  problem: ProblemRecord | undefined;
  /** The message with which the last step ended, or ''. */
  stopMessage = '';

  private optionValues: Record<string, OptionValue>;
  private terminationCondition: Termination | undefined;
  private maxGenerations: number | undefined;
  private maxEvaluations: number | undefined;
  private readonly historyX: number[][] = [];
  private readonly rowSnapshots = { population: new RowsSnapshot(), popEnergy: new RowsSnapshot(), trialSolution: new RowsSnapshot() };
  private readonly historyY: number[] = [];
  /** The generation of the first history entry kept: entries before it were dropped (setHistoryLimit). */
  private historyFirst = 0;
  private historyLimit: number | undefined;
  /** Entries from this generation on are kept whatever the limit (holdHistoryFrom). */
  private historyHold = Infinity;
  private readonly generationSinks: MonitorSink[] = [];
  private evaluationSink: MonitorSink | undefined;
  /** What a failing step restores (see takeCheckpoint). */
  private readonly stepCheckpoint: Checkpoint = {
    rng: [],
    bestSolution: [],
    bestEnergy: Infinity,
    bestRawCost: Infinity,
    evaluations: 0,
    nanEvaluations: 0,
    historyTotal: 0,
    initialRange: undefined,
    algorithm: null,
  };

  protected constructor(meta: SolverMeta, config: BaseSolverConfig, npop: number) {
    if (!Number.isInteger(config.dim) || config.dim < 1) {
      throw new OptionError('dim', `dim must be a positive integer, got ${config.dim}.`);
    }
    if (config.npop !== undefined && (!Number.isInteger(config.npop) || config.npop < 1)) {
      throw new OptionError('npop', `npop must be a positive integer, got ${config.npop}.`);
    }
    const seed = config.seed ?? 0;
    if (!Number.isSafeInteger(seed)) throw new OptionError('seed', `seed must be an integer, got ${seed}.`);
    this.dim = config.dim;
    this.npop = npop;
    this.seed = seed;
    this.rng = Random.fromSeed(seed);
    this.population = Array.from({ length: npop }, () => new Array<number>(config.dim).fill(0));
    this.popEnergy = new Array<number>(npop).fill(Infinity);
    this.trialSolution = [];
    this.bestSolution = new Array<number>(config.dim).fill(0);
    this.objective = config.objective;
    this.optionValues = validateOptions(meta.label, meta.optionSpecs, config.options ?? {});
    this.terminationCondition = parseTermination(meta.defaultTermination);
  }

  get id(): SolverId {
    return this.meta.id;
  }

  // ----- the iteration loop -------------------------------------------------------------------------

  async step(): Promise<string | undefined> {
    const stopped = this.stoppedBeforeStep();
    if (stopped !== undefined) return stopped;
    const started = this.beginStep();
    try {
      await (this.generationsRecorded === 0 ? this.initialGeneration() : this.nextGeneration());
    } catch (error) {
      throw this.failStep(started, error);
    }
    return this.endStep(started);
  }

  /**
   * `step()` without a promise, for callers that must stay synchronous (a constraint that runs an inner
   * solve). Same bookkeeping and the same draws, so it gives exactly what `step()` gives; it needs a
   * synchronous objective, no pool, and a solver that implements the synchronous generation hooks (DE).
   */
  stepSync(): string | undefined {
    if (!evaluatesInline(this.pool)) {
      throw new OptionError('pool', `${this.meta.label} cannot step synchronously with a pool: remove the pool or use step().`);
    }
    const stopped = this.stoppedBeforeStep();
    if (stopped !== undefined) return stopped;
    const started = this.beginStep();
    try {
      if (this.generationsRecorded === 0) this.initialGenerationSync();
      else this.nextGenerationSync();
    } catch (error) {
      throw this.failStep(started, error);
    }
    return this.endStep(started);
  }

  /** The termination message when the run already stopped, checked before a step starts anything. */
  private stoppedBeforeStep(): string | undefined {
    if (this.generationsRecorded > 0) {
      const already = this.terminated();
      if (already) return (this.stopMessage = already);
    }
    if (!this.objective) throw new OptionError('objective', 'The solver has no objective: call setObjective first.');
    return undefined;
  }

  /** Takes the step's checkpoint and returns its start time. */
  private beginStep(): number {
    this.takeCheckpoint();
    return Date.now();
  }

  /**
   * A generation is all or nothing: after an objective error the solver is exactly as before the step, so
   * the run can be fixed and resumed as if the failed generation never started. Returns the error to throw.
   */
  private failStep(started: number, error: unknown): unknown {
    this.elapsedMs += Date.now() - started;
    this.rollback(this.stepCheckpoint);
    return error;
  }

  private endStep(started: number): string | undefined {
    this.elapsedMs += Date.now() - started;
    this.stopMessage = this.terminated();
    return this.stopMessage || undefined;
  }

  /** Overwrites the one checkpoint object in place: a step allocates as little as a cheap generation costs. */
  private takeCheckpoint(): void {
    this.checkpointRows();
    const checkpoint = this.stepCheckpoint;
    checkpoint.rng = this.rng.getState();
    checkpoint.bestSolution = this.bestSolution;
    checkpoint.bestEnergy = this.bestEnergy;
    checkpoint.bestRawCost = this.bestRawCost;
    checkpoint.evaluations = this.evaluations;
    checkpoint.nanEvaluations = this.nanEvaluations;
    checkpoint.historyTotal = this.generationsRecorded;
    checkpoint.initialRange = this.initialRange;
    checkpoint.algorithm = this.checkpointAlgorithmState();
  }

  private rollback(checkpoint: Checkpoint): void {
    this.rng = Random.fromState(checkpoint.rng);
    this.rollbackRows();
    this.bestSolution = checkpoint.bestSolution;
    this.bestEnergy = checkpoint.bestEnergy;
    this.bestRawCost = checkpoint.bestRawCost;
    this.evaluations = checkpoint.evaluations;
    this.nanEvaluations = checkpoint.nanEvaluations;
    // Entries dropped during the failed step were older than its start: the window still reaches back to it.
    this.historyX.length = checkpoint.historyTotal - this.historyFirst;
    this.historyY.length = checkpoint.historyTotal - this.historyFirst;
    this.initialRange = checkpoint.initialRange;
    this.restoreAlgorithmState(checkpoint.algorithm);
  }

  /**
   * Keep what a failed step must restore of the population, its energies and the trials. The default copies
   * their values; a solver that knows which rows a generation changes (DE) keeps a cheaper undo log, since
   * copying every row costs as much as evaluating a cheap objective.
   */
  protected checkpointRows(): void {
    this.rowSnapshots.population.take(this.population);
    this.rowSnapshots.popEnergy.take([this.popEnergy]);
    this.rowSnapshots.trialSolution.take(this.trialSolution);
  }

  protected rollbackRows(): void {
    this.population = this.rowSnapshots.population.restore();
    this.popEnergy = this.rowSnapshots.popEnergy.restore()[0] as number[];
    this.trialSolution = this.rowSnapshots.trialSolution.restore();
  }

  /**
   * The solver-specific part of a step checkpoint. Defaults to the saved algorithm state; a solver whose saved
   * state grows with the run (an ensemble's member histories) overrides it with something cheaper.
   */
  protected checkpointAlgorithmState(): unknown {
    return this.saveAlgorithmState();
  }

  async solve(): Promise<string> {
    this.interrupted = false;
    for (;;) {
      const message = await this.step();
      if (message) return message;
    }
  }

  /** `solve()` through `stepSync()`: the same run, returned at once (see stepSync for what it needs). */
  solveSync(): string {
    this.interrupted = false;
    for (;;) {
      const message = this.stepSync();
      if (message) return message;
    }
  }

  terminated(): string {
    const message = this.terminationCondition ? checkTermination(this.terminationCondition, this.terminationView()) : '';
    const generations = this.generationLimit();
    const evaluations = this.evaluationLimit();
    if (this.evaluations >= evaluations || this.generations >= generations) {
      return limitsMessage(generations, evaluations);
    }
    if (this.interrupted) return 'SolverInterrupt with {}';
    return message;
  }

  interrupt(): void {
    this.interrupted = true;
  }

  /** What termination conditions read: the solver itself, unless its conditions see a different history. */
  protected terminationView(): TerminationView {
    return this;
  }

  /** Generation 0: evaluate the start point(s), then `recordGeneration`. */
  protected abstract initialGeneration(): Promise<void>;
  /** One later generation, ending with `recordGeneration`. */
  protected abstract nextGeneration(): Promise<void>;

  /** `initialGeneration` for `stepSync`, evaluating through `evaluateSync`; solvers without one refuse. */
  protected initialGenerationSync(): void {
    throw this.noSyncGenerations();
  }

  /** `nextGeneration` for `stepSync`, evaluating through `evaluateSync`; solvers without one refuse. */
  protected nextGenerationSync(): void {
    throw this.noSyncGenerations();
  }

  private noSyncGenerations(): SibylError {
    return new SibylError(`${this.meta.label} cannot step synchronously: use step() or solve(), or the de or de2 solver.`);
  }

  /** Solver-specific state needed to continue bit for bit; plain JSON data. */
  protected abstract saveAlgorithmState(): unknown;
  protected abstract restoreAlgorithmState(state: unknown): void;
  /** mystic's default limit scales (limits = dim × npop × scale): DE 10/1000, NM 200/200, Powell 1000/1000. */
  protected abstract readonly limitScales: { readonly generations: number; readonly evaluations: number };

  /** Append the generation's best to the history and tell the generation monitors. */
  protected recordGeneration(x: readonly number[], y: number, id?: number): void {
    const copy = [...x];
    this.bestSolution = copy;
    this.bestEnergy = y;
    this.historyX.push(copy);
    this.historyY.push(y);
    for (const sink of this.generationSinks) sink.record(copy, y, id);
    this.dropHistoryOverLimit();
  }

  /**
   * Keep a window of the history, not all of it: the last `generations` entries at least (more when the
   * termination looks further back; see historyNeeded), or all of it (undefined, the default, as mystic).
   * A long run of a cheap objective records a hundred thousand generations a second, which no memory holds
   * for long; the studio keeps a window. `generations` and the counters still count every generation, and
   * the stops are the same either way. Entries are dropped in batches, when the window has doubled.
   */
  setHistoryLimit(generations: number | undefined): void {
    if (generations !== undefined && (!Number.isInteger(generations) || generations < 1)) {
      throw new OptionError('historyLimit', `The history limit must be a positive whole number of generations, got ${String(generations)}.`);
    }
    this.historyLimit = generations;
    this.dropHistoryOverLimit();
  }

  /**
   * Keep every history entry from `generation` on, whatever the limit, until told a later one: for a reader
   * that has not yet taken them (the studio's run loop, between two snapshots). Infinity releases the hold.
   */
  holdHistoryFrom(generation: number): void {
    this.historyHold = generation;
    this.dropHistoryOverLimit();
  }

  /** The generation of `energyHistory[0]`: 0 unless a history limit dropped older entries. */
  get historyStart(): number {
    return this.historyFirst;
  }

  /** Once the history has grown to twice its limit, drop the oldest entries down to the limit. */
  private dropHistoryOverLimit(): void {
    const limit = this.historyLimit;
    if (limit === undefined || this.historyY.length < 2 * limit || this.historyHold <= this.historyFirst) return;
    const keep = Math.max(limit, 2, historyNeeded(this.terminationCondition));
    const dropped = Math.min(this.historyY.length - keep, this.historyHold - this.historyFirst);
    if (dropped <= 0) return;
    this.historyX.splice(0, dropped);
    this.historyY.splice(0, dropped);
    this.historyFirst += dropped;
    this.historyDropped(dropped);
  }

  /** The oldest `count` history entries were dropped: a solver with a history of its own drops as many. */
  protected historyDropped(_count: number): void {}

  // ----- evaluation -----------------------------------------------------------------------------------

  /** Whether x lies in the strict box (always true without strict ranges). */
  protected inBounds(x: readonly number[]): boolean {
    const min = this.strictMin;
    const max = this.strictMax;
    if (min === undefined || max === undefined) return true;
    for (let j = 0; j < x.length; j++) {
      const v = x[j] as number;
      if (v < (min[j] as number) || v > (max[j] as number)) return false;
    }
    return true;
  }

  /**
   * The hard constraints, applied to a candidate before it is evaluated; with tight bounds, the constraints
   * and the bounds together (mystic's and_(constraints, bounds, onfail=bounds)). A constraint that throws,
   * or returns something other than `dim` numbers, ends the step with a ConstraintError naming the point.
   */
  protected constrain(x: number[]): number[] {
    const constraint = this.activeConstraint();
    if (constraint === identity) return x;
    const y: unknown = callAt('constraints', constraint, x);
    if (!Array.isArray(y) || y.length !== this.dim) {
      const got = Array.isArray(y) ? `${y.length} value${y.length === 1 ? '' : 's'}` : String(y);
      throw new ConstraintError(`The constraints returned ${got} instead of ${this.dim} numbers at x = ${formatPoint(x)}.`, [...x]);
    }
    return y as number[];
  }

  private activeConstraint(): ConstraintFn {
    const { strictMin: min, strictMax: max } = this;
    if (!this.boundsMode.tight || !min || !max) return this.constraints;
    if (this.tight?.rng !== this.rng) {
      const user = this.constraints === identity ? undefined : this.constraints;
      const constraint = tightBounds(user, min, max, { clip: this.boundsMode.clip, random: this.rng });
      this.tight = { rng: this.rng, constraint };
    }
    return this.tight.constraint;
  }

  /**
   * Evaluate one point (already constrained): synchronous when the objective is, so tight loops pay no
   * promise per evaluation. Returns the penalized energy; `lastRawCost` holds the raw cost.
   */
  protected evaluate(x: number[], id?: number): number | Promise<number> {
    if (!this.inBounds(x)) return this.outOfBox();
    const raw = this.callObjective(x);
    if (typeof raw === 'number' || !isThenable(raw)) return this.account(x, raw, id);
    return Promise.resolve(raw).then(
      (value) => this.account(x, value, id),
      (error: unknown) => {
        throw objectiveError(x, error);
      },
    );
  }

  /** `evaluate` for the synchronous generations: an objective that answers with a promise is refused. */
  protected evaluateSync(x: number[], id?: number): number {
    if (!this.inBounds(x)) return this.outOfBox();
    const raw = this.callObjective(x);
    if (!isThenable(raw)) return this.account(x, raw, id);
    // Nobody will await this evaluation; its failure must not surface later as an unhandled rejection.
    Promise.resolve(raw).catch(() => undefined);
    throw new OptionError('objective', `${this.meta.label} cannot step synchronously: the objective returned a promise at x = ${formatPoint(x)}.`);
  }

  /** Out-of-box points cost +∞ without being evaluated or counted. */
  private outOfBox(): number {
    this.lastRawCost = Infinity;
    return Infinity;
  }

  private callObjective(x: number[]): unknown {
    try {
      return (this.objective as ObjectiveFn)(x);
    } catch (error) {
      throw objectiveError(x, error);
    }
  }

  /** `evaluateBatch` without a pool, for the synchronous generations. */
  protected evaluateBatchSync(points: number[][], raw: number[] = []): number[] {
    raw.length = points.length;
    return points.map((x, i) => {
      const energy = this.evaluateSync(x);
      raw[i] = this.lastRawCost;
      return energy;
    });
  }

  /** Raw cost of the last `evaluate` or `evaluateBatch` point, for best-point bookkeeping. */
  protected lastRawCost = Infinity;

  /**
   * Evaluate a batch (already constrained) in one map through the pool, or inline without one. Out-of-box
   * points are not sent. Fills `raw` with raw costs and returns penalized energies, in input order. The
   * evaluation monitor hears every point and cost either way, in input order, once the batch is back.
   */
  protected async evaluateBatch(points: number[][], raw: number[] = []): Promise<number[]> {
    const energies = new Array<number>(points.length);
    raw.length = points.length;
    const pool = this.pool;
    if (evaluatesInline(pool)) {
      for (let i = 0; i < points.length; i++) {
        let e = this.evaluate(points[i] as number[]);
        if (typeof e !== 'number') e = await e;
        energies[i] = e;
        raw[i] = this.lastRawCost;
      }
      return energies;
    }
    const inside: number[] = [];
    for (let i = 0; i < points.length; i++) {
      if (this.inBounds(points[i] as number[])) inside.push(i);
      else {
        energies[i] = Infinity;
        raw[i] = Infinity;
      }
    }
    const values = await mapObjective(pool, this.objective as ObjectiveFn, inside.map((i) => points[i] as number[]));
    for (let k = 0; k < inside.length; k++) {
      const i = inside[k] as number;
      energies[i] = this.account(points[i] as number[], values[k] as number);
      raw[i] = this.lastRawCost;
    }
    return energies;
  }

  private account(x: number[], value: unknown, id?: number): number {
    let cost: number;
    // value === value is false only for NaN.
    if (typeof value === 'number' && value === value) cost = value;
    else {
      this.nanEvaluations++;
      cost = Infinity;
    }
    this.evaluations++;
    this.lastRawCost = cost;
    if (this.evaluationSink !== undefined) this.evaluationSink.record(x, cost, id);
    return this.penalty === undefined ? cost : cost + callAt('penalty', this.penalty, x);
  }

  rawCost(x: readonly number[]): number {
    const value = (this.objective as ObjectiveFn)([...x]);
    if (typeof value !== 'number') {
      throw new OptionError('termination', 'GradientNormTolerance needs a synchronous objective.');
    }
    return value;
  }

  // ----- initial points and bounds --------------------------------------------------------------------

  setObjective(objective: ObjectiveFn): void {
    this.objective = objective;
  }

  setInitialPoints(x0: readonly number[] | number, radius: number | readonly number[] = 0.05): void {
    const point = typeof x0 === 'number' ? new Array<number>(this.dim).fill(x0) : [...x0];
    if (point.length !== this.dim || !point.every(Number.isFinite)) {
      throw new OptionError('x0', `x0 must be ${this.dim} finite numbers, got [${point.join(', ')}].`);
    }
    const radii = typeof radius === 'number' ? new Array<number>(this.dim).fill(radius) : [...radius];
    if (radii.length !== this.dim || !radii.every(Number.isFinite)) {
      throw new OptionError('radius', `radius must be a number or ${this.dim} numbers.`);
    }
    const lo = point.map((v, j) => (v === 0 ? -(radii[j] as number) : v * (1 - (radii[j] as number))));
    const hi = point.map((v, j) => (v === 0 ? (radii[j] as number) : v * (1 + (radii[j] as number))));
    this.setRandomInitialPoints(lo, hi);
    this.population[0] = point;
  }

  setRandomInitialPoints(min?: readonly (number | null)[], max?: readonly (number | null)[]): void {
    const lo = fillBounds(this.dim, min, -DEFAULT_BOUND, 'min');
    const hi = fillBounds(this.dim, max, DEFAULT_BOUND, 'max');
    // Fresh rows, never writes into the old ones: a solver may share rows between its population and its
    // last trials (DE does), and a paused run may be given new start points.
    for (let i = 0; i < this.population.length; i++) {
      const member: number[] = [];
      for (let j = 0; j < this.dim; j++) member.push(this.rng.uniform(lo[j] as number, hi[j] as number));
      this.population[i] = member;
    }
    this.initialRange = { min: lo, max: hi };
  }

  setStrictRanges(min: readonly (number | null)[] | false, max?: readonly (number | null)[], mode: BoundsMode = {}): void {
    if (min === false) {
      this.strictMin = this.strictMax = undefined;
      this.boundsMode = { tight: false, clip: false };
      return;
    }
    const lo = fillBounds(this.dim, min, -DEFAULT_BOUND, 'min');
    const hi = fillBounds(this.dim, max, DEFAULT_BOUND, 'max');
    for (let j = 0; j < this.dim; j++) {
      if ((lo[j] as number) > (hi[j] as number)) {
        throw new OptionError('bounds', `Bound ${j} has lo > hi (${lo[j]} > ${hi[j]}).`);
      }
    }
    this.strictMin = lo;
    this.strictMax = hi;
    this.boundsMode = { tight: mode.tight ?? mode.clip !== undefined, clip: mode.clip ?? true };
    this.tight = undefined;
  }

  /** The strict box and how it is applied (tight/clip), or undefined without strict ranges. */
  get strictRanges(): ({ min: number[]; max: number[] } & Required<BoundsMode>) | undefined {
    if (!this.strictMin || !this.strictMax) return undefined;
    return { min: [...this.strictMin], max: [...this.strictMax], ...this.boundsMode };
  }

  /** Clip a point into the strict box (used on start points, as mystic does when it wraps the objective). */
  protected clipToBounds(x: number[]): number[] {
    const min = this.strictMin;
    const max = this.strictMax;
    if (!min || !max) return x;
    return x.map((v, j) => Math.min(Math.max(v, min[j] as number), max[j] as number));
  }

  /** Draw the start population when nobody set initial points: uniform in the bounds (or ±1000). */
  protected ensureInitialPoints(): void {
    if (this.initialRange) return;
    this.setRandomInitialPoints(this.strictMin, this.strictMax);
  }

  // ----- settings -------------------------------------------------------------------------------------

  get limits(): { generations: number; evaluations: number } {
    return { generations: this.generationLimit(), evaluations: this.evaluationLimit() };
  }

  private generationLimit(): number {
    return this.maxGenerations ?? this.dim * this.npop * this.limitScales.generations;
  }

  private evaluationLimit(): number {
    return this.maxEvaluations ?? this.dim * this.npop * this.limitScales.evaluations;
  }

  setEvaluationLimits(
    limits: { generations?: number | null; evaluations?: number | null },
    options: { relative?: boolean } = {},
  ): void {
    const defaults = { generations: this.dim * this.npop * this.limitScales.generations, evaluations: this.dim * this.npop * this.limitScales.evaluations };
    const resolve = (name: 'generations' | 'evaluations', value: number | null | undefined, current: number): number | undefined => {
      if (value !== undefined && value !== null && (!Number.isFinite(value) || value < 0 || !Number.isInteger(value))) {
        throw new OptionError(`max-${name}`, `The ${name} limit must be a non-negative integer, got ${value}.`);
      }
      if (!options.relative) return value ?? undefined;
      return (value ?? defaults[name]) + current;
    };
    if ('generations' in limits || options.relative) this.maxGenerations = resolve('generations', limits.generations, this.generations);
    if ('evaluations' in limits || options.relative) this.maxEvaluations = resolve('evaluations', limits.evaluations, this.evaluations);
  }

  get termination(): Termination | undefined {
    return this.terminationCondition;
  }

  setTermination(termination: Termination | string | undefined): void {
    this.terminationCondition = typeof termination === 'string' ? parseTermination(termination) : termination;
  }

  setConstraints(constraints: ConstraintFn | undefined): void {
    this.constraints = constraints ?? identity;
    this.tight = undefined;
  }

  setPenalty(penalty: PenaltyFn | undefined): void {
    this.penalty = penalty;
  }

  setGenerationMonitor(monitor: MonitorLike | undefined, options: { replay?: boolean } = {}): void {
    if (!monitor) {
      this.generationSinks.length = 0;
      return;
    }
    const sink = toSink(monitor);
    if (options.replay !== false) {
      for (let i = 0; i < this.historyY.length; i++) sink.record(this.historyX[i] as number[], this.historyY[i] as number);
    }
    this.generationSinks.push(sink);
  }

  setEvaluationMonitor(monitor: MonitorLike | undefined): void {
    this.evaluationSink = monitor ? toSink(monitor) : undefined;
  }

  setPool(pool: Pool | undefined): void {
    this.pool = pool;
  }

  get options(): OptionValues {
    return { ...this.optionValues };
  }

  setOptions(options: Readonly<Record<string, unknown>>): void {
    this.optionValues = validateOptions(this.meta.label, this.meta.optionSpecs, options, this.optionValues);
  }

  protected option<T extends OptionValue>(name: string): T {
    return this.optionValues[name] as T;
  }

  // ----- results --------------------------------------------------------------------------------------

  get generations(): number {
    return Math.max(0, this.generationsRecorded - 1);
  }

  /**
   * The live history, read-only: termination checks read it every generation, so it is never copied. With a
   * history limit, the window from generation `historyStart` on.
   */
  get energyHistory(): readonly number[] {
    return this.historyY;
  }

  get solutionHistory(): readonly (readonly number[])[] {
    return this.historyX;
  }

  /** Generations recorded in all, generation 0 included (the history window may hold fewer). */
  get generationsRecorded(): number {
    return this.historyFirst + this.historyY.length;
  }

  snapshot(): SolverSnapshot {
    return { generation: this.generations, evaluations: this.evaluations, bestSolution: [...this.bestSolution], bestEnergy: this.bestEnergy };
  }

  // ----- save and restore -----------------------------------------------------------------------------

  saveState(): SolverState {
    const strict = this.strictRanges;
    return {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      savedAt: new Date().toISOString(),
      problem: this.problem ?? null,
      solver: { id: this.id, dim: this.dim, npop: this.npop, options: { ...this.optionValues } },
      settings: {
        seed: this.seed,
        termination: this.terminationCondition ? printTermination(this.terminationCondition) : null,
        limits: this.limits,
        limitsExplicit: { generations: this.maxGenerations !== undefined, evaluations: this.maxEvaluations !== undefined },
        strictRanges: strict ?? null,
        initialRange: this.initialRange ? { min: [...this.initialRange.min], max: [...this.initialRange.max] } : null,
      },
      rng: this.rng.getState(),
      population: this.population.map(encodeVector),
      popEnergy: encodeVector(this.popEnergy),
      trialSolution: this.trialSolution.map(encodeVector),
      best: { x: encodeVector(this.bestSolution), energy: encodeNumber(this.bestEnergy), rawCost: encodeNumber(this.bestRawCost) },
      counters: { evaluations: this.evaluations, nanEvaluations: this.nanEvaluations, elapsedMs: this.elapsedMs },
      history: { x: this.historyX.map(encodeVector), y: encodeVector(this.historyY), ...(this.historyFirst > 0 ? { start: this.historyFirst } : {}) },
      stopMessage: this.stopMessage,
      algorithm: this.saveAlgorithmState(),
    };
  }

  /** Restore everything but the objective, constraints, penalty, pool and monitors (those are code). */
  restoreState(state: SolverState): void {
    const { settings } = state;
    this.optionValues = validateOptions(this.meta.label, this.meta.optionSpecs, state.solver.options);
    this.terminationCondition = settings.termination === null ? undefined : parseTermination(settings.termination);
    this.maxGenerations = settings.limitsExplicit.generations ? settings.limits.generations : undefined;
    this.maxEvaluations = settings.limitsExplicit.evaluations ? settings.limits.evaluations : undefined;
    if (settings.strictRanges) {
      this.setStrictRanges(settings.strictRanges.min, settings.strictRanges.max, {
        tight: settings.strictRanges.tight,
        clip: settings.strictRanges.clip,
      });
    } else this.setStrictRanges(false);
    this.initialRange = settings.initialRange ?? undefined;
    this.rng = Random.fromState(state.rng);
    this.population = state.population.map(decodeVector);
    this.popEnergy = decodeVector(state.popEnergy);
    this.trialSolution = state.trialSolution.map(decodeVector);
    this.bestSolution = decodeVector(state.best.x);
    this.bestEnergy = decodeNumber(state.best.energy);
    this.bestRawCost = decodeNumber(state.best.rawCost);
    this.evaluations = state.counters.evaluations;
    this.nanEvaluations = state.counters.nanEvaluations;
    this.elapsedMs = state.counters.elapsedMs;
    this.historyX.length = 0;
    this.historyY.length = 0;
    for (const x of state.history.x) this.historyX.push(decodeVector(x));
    for (const y of state.history.y) this.historyY.push(decodeNumber(y));
    this.historyFirst = state.history.start ?? 0;
    this.stopMessage = state.stopMessage;
    this.problem = state.problem ?? undefined;
    this.restoreAlgorithmState(state.algorithm);
  }
}

function fillBounds(dim: number, given: readonly (number | null)[] | undefined, fallback: number, name: string): number[] {
  if (given === undefined) return new Array<number>(dim).fill(fallback);
  if (given.length !== dim) {
    throw new OptionError('bounds', `The ${name} bounds have ${given.length} entries but the problem has dim ${dim}.`);
  }
  return given.map((v, j) => {
    if (v === null) return fallback;
    if (typeof v !== 'number' || Number.isNaN(v)) throw new OptionError('bounds', `The ${name} bound ${j} is not a number.`);
    return v;
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function objectiveError(x: readonly number[], error: unknown): ObjectiveError {
  if (error instanceof ObjectiveError) return error;
  return new ObjectiveError([...x], errorMessage(error), error instanceof Error ? error.stack : undefined);
}
