import { z } from 'zod';
import { OptionError, StateError } from '../errors';
import { toSink, type MonitorLike, type MonitorSink } from '../monitors/monitor';
import type { Pool } from '../parallel/pool';
import type { Random } from '../random';
import { solverStateSchema, type SolverState } from '../state/schema';
import { limitsMessage } from '../termination';
import type { Termination } from '../termination/types';
import type { ConstraintFn, ObjectiveFn, PenaltyFn } from '../types';
import { BaseSolver, DEFAULT_BOUND, type BaseSolverConfig } from './baseSolver';
import { DifferentialEvolutionSolver, DifferentialEvolutionSolver2, de2Meta, deMeta } from './differentialEvolution';
import { NelderMeadSolver, nelderMeadMeta } from './nelderMead';
import { validateOptions, type OptionSpec, type OptionValues } from './options';
import { evaluatesInline, mapObjective } from './poolEvaluation';
import { PowellSolver, powellMeta } from './powell';
import type { BoundsMode, SolverMeta } from './solver';

/**
 * The solvers an ensemble can nest. They are imported directly, not through the registry (which imports this
 * module), so that members can be created synchronously, also while a state is restored, and so that their
 * option specs can be part of the ensembles' meta, without an import cycle.
 */
const nestedSolvers = {
  nm: { meta: nelderMeadMeta, create: NelderMeadSolver },
  powell: { meta: powellMeta, create: PowellSolver },
  de: { meta: deMeta, create: DifferentialEvolutionSolver },
  de2: { meta: de2Meta, create: DifferentialEvolutionSolver2 },
} as const satisfies Record<string, { readonly meta: SolverMeta; readonly create: new (config: BaseSolverConfig) => BaseSolver }>;

type NestedId = keyof typeof nestedSolvers;
const nestedIds = Object.keys(nestedSolvers) as NestedId[];

/** Seeds handed to members are drawn in [0, MAX_MEMBER_SEED]. */
const MAX_MEMBER_SEED = 2 ** 31 - 1;

/** A box [min, max] per coordinate. */
export interface Box {
  readonly min: readonly number[];
  readonly max: readonly number[];
}

// ----- start points -----------------------------------------------------------------------------------

/**
 * The cell centres of a grid with `bins[j]` cells along axis j, lo + (k + 0.5)(hi − lo)/bins[j], in row-major
 * order (the last axis varies fastest, as mystic's gridpts lists them).
 */
export function latticePoints(bins: readonly number[], box: Box): number[][] {
  let points: number[][] = [[]];
  bins.forEach((cells, j) => {
    const lo = box.min[j] as number;
    const hi = box.max[j] as number;
    const centres = Array.from({ length: cells }, (_, k) => lo + ((k + 0.5) * (hi - lo)) / cells);
    points = points.flatMap((point) => centres.map((c) => [...point, c]));
  });
  return points;
}

/**
 * Split `cells` over `dim` axes: the prime factors of `cells`, largest first, each multiply the axis with the
 * fewest cells so far, ties drawn at random. mystic's randomly_bin shuffles the factors over the axes instead;
 * dealing them out keeps the grid as even as the count allows (12 cells in 2-D: 3 × 4 or 4 × 3, never 12 × 1).
 */
export function randomBins(cells: number, dim: number, rng: Random): number[] {
  const bins = new Array<number>(dim).fill(1);
  for (const factor of primeFactors(cells).reverse()) {
    const fewest = Math.min(...bins);
    const axes = bins.flatMap((b, j) => (b === fewest ? [j] : []));
    const axis = axes[rng.below(axes.length)] as number;
    bins[axis] = (bins[axis] as number) * factor;
  }
  return bins;
}

/** Prime factors in ascending order (none for 1). */
function primeFactors(n: number): number[] {
  const factors: number[] = [];
  let rest = n;
  for (let p = 2; p * p <= rest; p++) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  if (rest > 1) factors.push(rest);
  return factors;
}

/** `count` points uniform in the box, drawn point by point, coordinate by coordinate. */
export function scatterPoints(count: number, box: Box, rng: Random): number[][] {
  return Array.from({ length: count }, () => uniformPoint(box, rng));
}

function uniformPoint(box: Box, rng: Random): number[] {
  return box.min.map((lo, j) => rng.uniform(lo, box.max[j] as number));
}

/**
 * `count` points that spread out over the box (Mitchell's best-candidate sampling): each new point is the best
 * of `candidates` uniform draws, the one whose nearest neighbour among the points placed so far (`placed`
 * included) is farthest away. Distances are measured in units of the box's sides, so a wide axis does not
 * dominate. mystic's fillpts runs a small differential evolution per point for the same goal; best-of-k is
 * cheaper, needs no tuning and draws everything from the ensemble's seeded generator.
 */
export function sparsePoints(
  count: number,
  box: Box,
  rng: Random,
  candidates: number,
  placed: readonly (readonly number[])[] = [],
): number[][] {
  const inverseWidth = box.min.map((lo, j) => {
    const width = (box.max[j] as number) - lo;
    return width > 0 ? 1 / width : 0;
  });
  const squaredGap = (a: readonly number[], b: readonly number[]): number => {
    let sum = 0;
    for (let j = 0; j < a.length; j++) sum += (((a[j] as number) - (b[j] as number)) * (inverseWidth[j] as number)) ** 2;
    return sum;
  };
  const existing = [...placed];
  const points: number[][] = [];
  for (let i = 0; i < count; i++) {
    // With nothing placed yet every candidate is equally far from everything: one draw is enough.
    const draws = existing.length === 0 ? 1 : candidates;
    let best: number[] = [];
    let bestGap = -1;
    for (let k = 0; k < draws; k++) {
      const candidate = uniformPoint(box, rng);
      let nearest = Infinity;
      for (const point of existing) nearest = Math.min(nearest, squaredGap(candidate, point));
      if (nearest > bestGap) {
        best = candidate;
        bestGap = nearest;
      }
    }
    points.push(best);
    existing.push(best);
  }
  return points;
}

// ----- pooled evaluations -----------------------------------------------------------------------------

interface EvaluationRequest {
  readonly points: number[][];
  readonly resolve: (values: number[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Gathers the evaluations that members request while they step concurrently, and sends them to the pool as
 * one map each time every running member waits for one: an ensemble of eight Nelder–Mead members then
 * evaluates eight points per map instead of one at a time. Each member sees exactly the values it would see
 * stepping alone, so results do not depend on the pool.
 */
class EvaluationBatcher {
  private readonly waiting: EvaluationRequest[] = [];
  private running = 0;
  /** The first member failure; once set, further requests are refused so the other members stop too. */
  private failure: { readonly error: unknown } | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly objective: ObjectiveFn,
  ) {}

  request(points: number[][]): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ points, resolve, reject });
      this.flush();
    });
  }

  /** Run the steps concurrently; once all have settled, rethrows the first failure. */
  async run(steps: readonly (() => Promise<unknown>)[]): Promise<void> {
    this.running = steps.length;
    await Promise.allSettled(
      steps.map(async (step) => {
        try {
          await step();
        } catch (error) {
          this.failure ??= { error };
          throw error;
        } finally {
          this.running--;
          this.flush();
        }
      }),
    );
    if (this.failure) throw this.failure.error;
  }

  private flush(): void {
    if (this.waiting.length === 0) return;
    if (this.failure) {
      for (const request of this.waiting.splice(0)) request.reject(this.failure.error);
      return;
    }
    if (this.waiting.length < this.running) return;
    const batch = this.waiting.splice(0);
    Promise.resolve()
      .then(() => mapObjective(this.pool, this.objective, batch.flatMap((request) => request.points)))
      .then(
        (values) => {
          let offset = 0;
          for (const request of batch) {
            request.resolve(values.slice(offset, offset + request.points.length) as number[]);
            offset += request.points.length;
          }
        },
        (error: unknown) => {
          for (const request of batch) request.reject(error);
        },
      );
  }
}

// ----- options and meta -------------------------------------------------------------------------------

const nestedOptionSpec: OptionSpec = {
  name: 'nested',
  label: 'Nested solver',
  help: 'The solver every member runs from its own start point: nm (Nelder–Mead), powell, de or de2. Fixed when the ensemble is created.',
  type: 'choice',
  default: 'nm',
  choices: nestedIds,
};

/** Every nestable solver's options, named `<solver>.<option>` (`nm.radius`, `de.strategy`, …). */
const memberOptionSpecs: readonly OptionSpec[] = nestedIds.flatMap((id) => {
  const { meta } = nestedSolvers[id];
  return meta.optionSpecs.map((spec): OptionSpec => ({ ...spec, name: `${id}.${spec.name}`, label: `${meta.label}: ${spec.label}` }));
});

const nptsOptionSpec: OptionSpec = {
  name: 'npts',
  label: 'Members',
  help: 'Number of nested solvers, each started from its own point. Fixed once the ensemble has started.',
  type: 'integer',
  default: 8,
  min: 1,
};

/** The one-liners' default: NormalizedChangeOverGeneration(ftol = 1e-4, gtol = 10), given to every member. */
const ensembleTermination = 'NormalizedChangeOverGeneration(0.0001, 10)';

function ensembleMeta(id: 'buckshot' | 'lattice' | 'sparsity', label: string, description: string, own: readonly OptionSpec[]): SolverMeta {
  return {
    id,
    label,
    description,
    optionSpecs: [...own, nestedOptionSpec, ...memberOptionSpecs],
    defaultTermination: ensembleTermination,
    usesPopulation: false,
    usesPool: true,
  };
}

export const buckshotMeta = ensembleMeta(
  'buckshot',
  'Buckshot ensemble',
  'Runs npts nested solvers (Nelder–Mead by default) side by side from points scattered uniformly at random in the bounds; the best member wins.',
  [nptsOptionSpec],
);

export const latticeMeta = ensembleMeta(
  'lattice',
  'Lattice ensemble',
  'Runs nested solvers (Nelder–Mead by default) side by side from the centres of a grid of nbins cells over the bounds; the best member wins.',
  [
    {
      name: 'nbins',
      label: 'Grid cells',
      help: 'Number of grid cells, one member each; split over the axes at random, as evenly as its factors allow. Fixed once the ensemble has started.',
      type: 'integer',
      default: 8,
      min: 1,
    },
  ],
);

export const sparsityMeta = ensembleMeta(
  'sparsity',
  'Sparsity ensemble',
  'Runs npts nested solvers (Nelder–Mead by default) side by side from points that spread out over the bounds, each as far as it can get from the others; the best member wins.',
  [
    nptsOptionSpec,
    {
      name: 'candidates',
      label: 'Candidates per point',
      help: 'Random candidates drawn for each start point; the one farthest from the points already placed is kept (1 = plain random).',
      type: 'integer',
      default: 32,
      min: 1,
    },
  ],
);

/** The options of nested solver `id`, taken from the ensemble's `<id>.<option>` values. */
function memberOptions(id: NestedId, values: OptionValues): Record<string, unknown> {
  const prefix = `${id}.`;
  return Object.fromEntries(Object.entries(values).flatMap(([name, value]) => (name.startsWith(prefix) ? [[name.slice(prefix.length), value]] : [])));
}

/** A member's option error, renamed to the ensemble's option (`strategy` → `de.strategy`). */
function asEnsembleError(id: NestedId, error: unknown): unknown {
  if (!(error instanceof OptionError)) return error;
  if (!nestedSolvers[id].meta.optionSpecs.some((spec) => spec.name === error.option)) return error;
  return new OptionError(`${id}.${error.option}`, error.message);
}

function createNested(id: NestedId, config: BaseSolverConfig): BaseSolver {
  try {
    return new nestedSolvers[id].create(config);
  } catch (error) {
    throw asEnsembleError(id, error);
  }
}

// ----- the ensemble -----------------------------------------------------------------------------------

/** One member's trajectory: its best energy and point after each of its generations. */
export interface MemberHistory {
  readonly energy: readonly number[];
  readonly solution: readonly (readonly number[])[];
}

const savedEnsembleSchema = z.object({
  /** Every member's own state document; empty before the first step. */
  members: z.array(solverStateSchema),
  bestMember: z.number().int().nonnegative(),
  /** The start point given for member 0 (setInitialPoints), or null. */
  x0: z.array(z.number()).nullable(),
});
type SavedEnsemble = z.infer<typeof savedEnsembleSchema>;

/** Parse the algorithm part of a state, naming the first bad field. */
function parseAlgorithm<T>(schema: z.ZodType<T>, state: unknown): T {
  const parsed = schema.safeParse(state);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = ['algorithm', ...(issue?.path ?? []).map(String)].join('.');
  throw new StateError(field, `The state file has an invalid field '${field}': ${issue?.message ?? 'invalid'}.`);
}

/**
 * mystic's AbstractEnsembleSolver in its synchronised (`step=True`) form: npts members, each a nested solver
 * (Nelder–Mead by default) started from its own point; one ensemble generation steps every member that has
 * not terminated by one generation of its own, so a studio can watch every trajectory live.
 *
 * Bookkeeping (docs/solvers.md, "Ensembles"):
 * - the history holds, per ensemble generation, the best member's best point and energy; `population` and
 *   `popEnergy` hold every member's best; `bestSolution`/`bestEnergy`/`bestRawCost` are the best member's;
 * - `evaluations` counts the evaluations of all members (mystic's `_total_evals`), so the evaluation limit
 *   bounds the ensemble's total work; `bestMemberEvaluations` is mystic's `evaluations`;
 * - members run under the ensemble's termination (default NormalizedChangeOverGeneration(1e-4, 10)),
 *   limits, strict ranges, constraints and penalty; the ensemble stops on its own limits, on an interrupt,
 *   or when every member has stopped, with the best member's message;
 * - the generation monitor gets one record per ensemble generation (id = best member); the evaluation
 *   monitor every evaluation of every member (id = member index), in member order within a generation;
 *   members report only to the ensemble, so nothing is recorded twice (mystic #120).
 *
 * Determinism: at generation 0 the start points are drawn from the ensemble's generator, then one seed per
 * member, in member order; every later draw comes from the members' own generators. With a pool the members
 * step concurrently and their evaluations are batched through it; each member still sees the same values in
 * the same order, so results are the same with or without a pool.
 */
export abstract class EnsembleSolver extends BaseSolver {
  /** The option that holds the number of members (npts, or nbins for the lattice). */
  protected abstract readonly countOption: 'npts' | 'nbins';
  private readonly nestedId: NestedId;
  /** The nested solver's default limit scales (its default limits are dim × npop × scale). */
  private readonly memberScales: { readonly generations: number; readonly evaluations: number };
  private members: BaseSolver[] = [];
  private bestMember = 0;
  /** Member 0's start point, when one was given. */
  private x0: number[] | undefined;
  /** The user's evaluation monitor; members report to it through `pendingEvaluations`. */
  private evaluationRecorder: MonitorSink | undefined;
  /** The current generation's evaluations, per member, handed to the monitor in member order afterwards. */
  private pendingEvaluations: { x: number[]; y: number }[][] = [];
  /** Collects the members' evaluations into pool batches while a generation runs with a pool. */
  private batcher: EvaluationBatcher | undefined;

  /** The objective every member calls: batched through the pool during a pooled generation, else direct. */
  private readonly memberObjective: ObjectiveFn = (x) => {
    if (this.batcher) return this.batcher.request([x]).then((values) => values[0] as number);
    return (this.objective as ObjectiveFn)(x);
  };

  protected constructor(meta: SolverMeta, config: BaseSolverConfig) {
    const options = validateOptions(meta.label, meta.optionSpecs, config.options ?? {});
    const nestedId = options['nested'] as NestedId;
    // A throwaway member tells the population size (npop is passed on to members: mystic's NP, #269) and
    // the nested solver's default limits.
    const probe = createNested(nestedId, {
      dim: config.dim,
      options: memberOptions(nestedId, options),
      ...(config.npop === undefined ? {} : { npop: config.npop }),
    });
    super(meta, config, probe.npop);
    this.nestedId = nestedId;
    const scale = config.dim * probe.npop;
    this.memberScales = { generations: probe.limits.generations / scale, evaluations: probe.limits.evaluations / scale };
  }

  /**
   * Default limits: the nested solver's generation limit, and npts times its evaluation limit, so by default
   * the ensemble allows what its members would each allow themselves.
   */
  protected get limitScales(): { generations: number; evaluations: number } {
    return { generations: this.memberScales.generations, evaluations: this.memberCount * this.memberScales.evaluations };
  }

  protected get memberCount(): number {
    return this.option<number>(this.countOption);
  }

  /** Start points for `memberCount` members in the box; `x0`, when given, is member 0's. */
  protected abstract startPoints(box: Box, x0: readonly number[] | undefined): number[][];

  // ----- results ------------------------------------------------------------------------------------

  /** Every member's trajectory, one entry per member, for plotting one trace each. */
  get memberHistories(): MemberHistory[] {
    return this.members.map((member) => ({ energy: member.energyHistory, solution: member.solutionHistory }));
  }

  /** Evaluations per member; they add up to `evaluations`. */
  get memberEvaluations(): number[] {
    return this.members.map((member) => member.evaluations);
  }

  /** Index of the member holding the best point (the lowest index among equals). */
  get bestMemberIndex(): number {
    return this.bestMember;
  }

  /** The best member's evaluations: what mystic reports as an ensemble's `evaluations`. */
  get bestMemberEvaluations(): number {
    return this.members[this.bestMember]?.evaluations ?? 0;
  }

  /** The best member's generations: what mystic reports as an ensemble's `generations`. */
  get bestMemberGenerations(): number {
    return this.members[this.bestMember]?.generations ?? 0;
  }

  // ----- the loop -----------------------------------------------------------------------------------

  override terminated(): string {
    const { generations, evaluations } = this.limits;
    if (this.evaluations >= evaluations || this.generations >= generations) return limitsMessage(generations, evaluations);
    if (this.interrupted) return 'SolverInterrupt with {}';
    if (this.members.length === 0 || this.members.some((member) => !member.terminated())) return '';
    return (this.members[this.bestMember] as BaseSolver).terminated();
  }

  /** Place the members (kept if an earlier attempt at generation 0 failed) and take their generation 0. */
  protected async initialGeneration(): Promise<void> {
    if (this.members.length === 0) this.placeMembers();
    await this.stepMembers();
  }

  protected async nextGeneration(): Promise<void> {
    await this.stepMembers();
  }

  private placeMembers(): void {
    const box = this.initialRange ?? this.strictRanges ?? {
      min: new Array<number>(this.dim).fill(-DEFAULT_BOUND),
      max: new Array<number>(this.dim).fill(DEFAULT_BOUND),
    };
    this.initialRange = { min: [...box.min], max: [...box.max] };
    const starts = this.startPoints(box, this.x0);
    this.members = starts.map((start, index) => {
      const member = createNested(this.nestedId, this.memberConfig(this.rng.integer(0, MAX_MEMBER_SEED)));
      this.attach(member, index);
      member.setInitialPoints(start);
      return member;
    });
  }

  private memberConfig(seed: number): BaseSolverConfig {
    return { dim: this.dim, npop: this.npop, seed, objective: this.memberObjective, options: memberOptions(this.nestedId, this.options) };
  }

  /** Give a member its monitor and the ensemble's settings. */
  private attach(member: BaseSolver, index: number): void {
    member.setEvaluationMonitor((x, y) => {
      if (this.evaluationRecorder) this.pendingEvaluations[index]?.push({ x: [...x], y });
    });
    this.share(member);
  }

  /**
   * Members run under the ensemble's bounds, termination, limits, constraints and penalty. They get no pool:
   * with one, their evaluations reach it through `memberObjective`, batched across members.
   */
  private share(member: BaseSolver): void {
    const strict = this.strictRanges;
    if (strict) member.setStrictRanges(strict.min, strict.max, this.boundsMode);
    else member.setStrictRanges(false);
    member.setTermination(this.termination);
    member.setEvaluationLimits(this.limits);
    member.setConstraints(this.constraints);
    member.setPenalty(this.penalty);
  }

  /**
   * One generation of every member that has not terminated (a terminated member's step does nothing). A
   * member that already took this generation in an attempt that failed later is not stepped again, so a
   * failed generation is simply taken again, as with every solver.
   */
  private async stepMembers(): Promise<void> {
    const generation = this.generationsRecorded;
    const due = this.members.filter((member) => member.energyHistory.length <= generation);
    this.pendingEvaluations = this.members.map(() => []);
    try {
      if (!evaluatesInline(this.pool)) {
        this.batcher = new EvaluationBatcher(this.pool, this.objective as ObjectiveFn);
        await this.batcher.run(due.map((member) => () => member.step()));
      } else {
        for (const member of due) await member.step();
      }
    } finally {
      this.batcher = undefined;
      this.reportEvaluations();
    }
    this.recordEnsembleGeneration();
  }

  private reportEvaluations(): void {
    const recorder = this.evaluationRecorder;
    if (recorder) {
      this.pendingEvaluations.forEach((records, member) => {
        for (const { x, y } of records) recorder.record(x, y, member);
      });
    }
    this.pendingEvaluations = [];
  }

  private recordEnsembleGeneration(): void {
    const { members } = this;
    this.population = members.map((member) => [...member.bestSolution]);
    this.popEnergy = members.map((member) => member.bestEnergy);
    let best = 0;
    for (let i = 1; i < members.length; i++) if ((this.popEnergy[i] as number) < (this.popEnergy[best] as number)) best = i;
    this.bestMember = best;
    const leader = members[best] as BaseSolver;
    this.trialSolution = leader.trialSolution.map((x) => [...x]);
    this.bestRawCost = leader.bestRawCost;
    this.evaluations = members.reduce((sum, member) => sum + member.evaluations, 0);
    this.nanEvaluations = members.reduce((sum, member) => sum + member.nanEvaluations, 0);
    this.recordGeneration(leader.bestSolution, leader.bestEnergy, best);
  }

  // ----- settings, passed on to the members ---------------------------------------------------------

  /**
   * Ensembles place their own start points: x0 becomes member 0's start point (the sparsity ensemble keeps the
   * others away from it). The radius does not apply; each member spreads around its start point by its own
   * default. Before the first step only.
   */
  override setInitialPoints(x0: readonly number[] | number, _radius?: number | readonly number[]): void {
    if (this.members.length > 0) throw new OptionError('x0', 'The ensemble has started; its members keep their start points.');
    const point = typeof x0 === 'number' ? new Array<number>(this.dim).fill(x0) : [...x0];
    if (point.length !== this.dim || !point.every(Number.isFinite)) {
      throw new OptionError('x0', `x0 must be ${this.dim} finite numbers, got [${point.join(', ')}].`);
    }
    this.x0 = point;
  }

  override setStrictRanges(min: readonly (number | null)[] | false, max?: readonly (number | null)[], mode?: BoundsMode): void {
    super.setStrictRanges(min, max, mode);
    this.shareWithMembers();
  }

  override setEvaluationLimits(
    limits: { generations?: number | null; evaluations?: number | null },
    options?: { relative?: boolean },
  ): void {
    super.setEvaluationLimits(limits, options);
    this.shareWithMembers();
  }

  override setTermination(termination: Termination | string | undefined): void {
    super.setTermination(termination);
    this.shareWithMembers();
  }

  override setConstraints(constraints: ConstraintFn | undefined): void {
    super.setConstraints(constraints);
    this.shareWithMembers();
  }

  override setPenalty(penalty: PenaltyFn | undefined): void {
    super.setPenalty(penalty);
    this.shareWithMembers();
  }

  override setEvaluationMonitor(monitor: MonitorLike | undefined): void {
    super.setEvaluationMonitor(monitor);
    this.evaluationRecorder = monitor ? toSink(monitor) : undefined;
  }

  /**
   * The nested solver is fixed at creation (it decides npop); the member count once the ensemble has started.
   * Nested options (`nm.radius`, …) reach the running members at once.
   */
  override setOptions(options: Readonly<Record<string, unknown>>): void {
    const next = validateOptions(this.meta.label, this.meta.optionSpecs, options, this.options);
    if (next['nested'] !== this.nestedId) {
      throw new OptionError('nested', `The nested solver is chosen when the ${this.meta.label} is created (it decides npop); create a new one to change it.`);
    }
    if (this.members.length > 0 && next[this.countOption] !== this.memberCount) {
      throw new OptionError(this.countOption, `The ${this.meta.label} has started with ${this.memberCount} members; that number is fixed now.`);
    }
    const nested = memberOptions(this.nestedId, next);
    // Before the start a throwaway member checks what only the nested solver knows (DE: strategy vs npop).
    if (this.members.length === 0) createNested(this.nestedId, { dim: this.dim, npop: this.npop, options: nested });
    for (const member of this.members) {
      try {
        member.setOptions(nested);
      } catch (error) {
        throw asEnsembleError(this.nestedId, error);
      }
    }
    super.setOptions(options);
  }

  private shareWithMembers(): void {
    for (const member of this.members) this.share(member);
  }

  // ----- save and restore ---------------------------------------------------------------------------

  /** Every member's full state, so a restored ensemble continues bit for bit. */
  protected saveAlgorithmState(): SavedEnsemble {
    return { members: this.members.map((member) => member.saveState()), bestMember: this.bestMember, x0: this.x0 ?? null };
  }

  protected restoreAlgorithmState(state: unknown): void {
    const saved = parseAlgorithm(savedEnsembleSchema, state);
    if (this.option<string>('nested') !== this.nestedId) {
      throw new StateError('solver.options.nested', `The state nests '${this.option<string>('nested')}' but this ${this.meta.label} nests '${this.nestedId}'.`);
    }
    if (saved.members.length > 0 && saved.members.length !== this.memberCount) {
      throw new StateError('algorithm.members', `The state has ${saved.members.length} members where ${this.countOption} is ${this.memberCount}.`);
    }
    if (saved.bestMember >= Math.max(saved.members.length, 1)) {
      throw new StateError('algorithm.bestMember', `The state's best member ${saved.bestMember} does not exist.`);
    }
    saved.members.forEach((member, i) => {
      const { id, dim, npop } = member.solver;
      if (id !== this.nestedId || dim !== this.dim || npop !== this.npop) {
        throw new StateError(`algorithm.members.${i}.solver`, `Member ${i} is ${id} in ${dim} dimensions with npop ${npop}; expected ${this.nestedId}, ${this.dim}, ${this.npop}.`);
      }
    });
    this.members = saved.members.map((memberState: SolverState, index) => {
      const member = createNested(this.nestedId, this.memberConfig(memberState.settings.seed));
      member.restoreState(memberState);
      this.attach(member, index);
      return member;
    });
    this.bestMember = saved.bestMember;
    this.x0 = saved.x0 ?? undefined;
  }
}

// ----- the three ensembles ----------------------------------------------------------------------------

/** mystic's BuckshotSolver (ScattershotSolver): members start at points uniform in the bounds. */
export class BuckshotSolver extends EnsembleSolver {
  readonly meta = buckshotMeta;
  protected readonly countOption = 'npts';

  constructor(config: BaseSolverConfig) {
    super(buckshotMeta, config);
  }

  protected startPoints(box: Box, x0: readonly number[] | undefined): number[][] {
    if (!x0) return scatterPoints(this.memberCount, box, this.rng);
    return [[...x0], ...scatterPoints(this.memberCount - 1, box, this.rng)];
  }
}

/**
 * mystic's LatticeSolver (BatchGridSolver): members start at the centres of a grid of nbins cells. The grid
 * is split over the axes at random (`randomBins`) at the first step, or fixed beforehand with `setBins`.
 */
export class LatticeSolver extends EnsembleSolver {
  readonly meta = latticeMeta;
  protected readonly countOption = 'nbins';
  /** Cells per axis: fixed by `setBins`, or drawn at the first step. */
  private layout: number[] | undefined;

  constructor(config: BaseSolverConfig) {
    super(latticeMeta, config);
  }

  /** Cells per axis, once fixed (by `setBins` or at the first step). */
  get bins(): number[] | undefined {
    return this.layout ? [...this.layout] : undefined;
  }

  /** Fix the grid to `bins[j]` cells along axis j (mystic's per-axis nbins); nbins becomes their product. */
  setBins(bins: readonly number[]): void {
    if (bins.length !== this.dim || !bins.every((b) => Number.isSafeInteger(b) && b >= 1)) {
      throw new OptionError('nbins', `The grid needs ${this.dim} positive integers (cells per axis), got [${bins.join(', ')}].`);
    }
    this.setOptions({ nbins: bins.reduce((product, b) => product * b, 1) });
    this.layout = [...bins];
  }

  override setOptions(options: Readonly<Record<string, unknown>>): void {
    const before = this.memberCount;
    super.setOptions(options);
    if (this.memberCount !== before) this.layout = undefined;
  }

  protected startPoints(box: Box, x0: readonly number[] | undefined): number[][] {
    this.layout ??= randomBins(this.memberCount, this.dim, this.rng);
    const points = latticePoints(this.layout, box);
    if (x0) points[0] = [...x0];
    return points;
  }

  protected override saveAlgorithmState(): SavedEnsemble & { bins: number[] | null } {
    return { ...super.saveAlgorithmState(), bins: this.layout ? [...this.layout] : null };
  }

  protected override restoreAlgorithmState(state: unknown): void {
    super.restoreAlgorithmState(state);
    const { bins } = parseAlgorithm(z.object({ bins: z.array(z.number().int().positive()).nullable() }), state);
    if (bins && (bins.length !== this.dim || bins.reduce((product, b) => product * b, 1) !== this.memberCount)) {
      throw new StateError('algorithm.bins', `The state's grid [${bins.join(', ')}] does not have ${this.memberCount} cells in ${this.dim} dimensions.`);
    }
    this.layout = bins ?? undefined;
  }
}

/**
 * mystic's SparsitySolver: members start at points that spread out over the bounds, each placed as far as it
 * can get from those before it (`sparsePoints`, best of `candidates` random draws).
 */
export class SparsitySolver extends EnsembleSolver {
  readonly meta = sparsityMeta;
  protected readonly countOption = 'npts';

  constructor(config: BaseSolverConfig) {
    super(sparsityMeta, config);
  }

  protected startPoints(box: Box, x0: readonly number[] | undefined): number[][] {
    const candidates = this.option<number>('candidates');
    if (!x0) return sparsePoints(this.memberCount, box, this.rng, candidates);
    return [[...x0], ...sparsePoints(this.memberCount - 1, box, this.rng, candidates, [x0])];
  }
}
