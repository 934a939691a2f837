import { OptionError } from '../errors';
import { BaseSolver, type BaseSolverConfig } from './baseSolver';
import { validateOptions, type OptionSpec } from './options';
import type { SolverMeta } from './solver';
import { TrialBuilder, minimumPopulation, strategies, strategyNames, type StrategyName, type TrialSettings } from './strategies';

const deOptionSpecs: readonly OptionSpec[] = [
  {
    name: 'strategy',
    label: 'Strategy',
    help: 'How a trial is built: the donor (Best1, Rand1, RandToBest1, Best2, Rand2) and the crossover (Bin = binomial, Exp = exponential).',
    type: 'choice',
    default: 'Best1Bin',
    choices: strategyNames,
  },
  {
    name: 'cross',
    label: 'Crossover probability (CR)',
    help: 'Chance that a coordinate of the trial comes from the donor; low values suit separable problems.',
    type: 'number',
    default: 0.9,
    min: 0,
    max: 1,
  },
  {
    name: 'scale',
    label: 'Scaling factor (F)',
    help: 'Weight of the difference vectors in the donor; 0.5 to 1 is usual.',
    type: 'number',
    default: 0.8,
    min: 0,
    exclusiveMin: true,
  },
];

const defaultTermination = 'VTRChangeOverGeneration(0.005)';

export const deMeta: SolverMeta = {
  id: 'de',
  label: 'Differential evolution',
  description: 'Storn & Price differential evolution; each trial replaces its member at once, so later trials of a generation see the improvements.',
  optionSpecs: deOptionSpecs,
  defaultTermination,
  usesPopulation: true,
  usesPool: false,
};

export const de2Meta: SolverMeta = {
  id: 'de2',
  label: 'Differential evolution (synchronous)',
  description: 'Differential evolution that builds every trial from the same generation and evaluates them as one batch, in parallel through a pool.',
  optionSpecs: deOptionSpecs,
  defaultTermination,
  usesPopulation: true,
  usesPool: true,
};

/** mystic's population rule: NP = max(NP, dim, 4), NP defaulting to 4. */
function populationSize(config: BaseSolverConfig): number {
  return Math.max(config.npop ?? 4, config.dim, 4);
}

/**
 * What both DE variants share: options, the population rule, generation 0, trial construction and the
 * best-point bookkeeping. The variants differ only in how a later generation evaluates and selects.
 */
abstract class DifferentialEvolutionBase extends BaseSolver {
  protected readonly limitScales = { generations: 10, evaluations: 1000 } as const;
  /** One trial buffer per member, overwritten every generation (scratch, not state). */
  protected trialBuffers: number[][];
  /**
   * Two sets of trial buffers used in turn: the trials of the last completed generation (`trialSolution`)
   * live in one set while the next generation writes the other, so a failed generation cannot spoil them.
   *
   * Selection copies nothing: an accepted trial's buffer becomes the member's row, and the row it replaces
   * takes the buffer's place in the set. A row is never written in place, so `trialSolution` may share rows
   * with the population; the set a replaced row joins is written again only two generations later, when
   * neither the population, the last trials nor a rollback can still refer to it.
   */
  private readonly bufferSets: readonly [number[][], number[][]];
  /** The current generation's undo log: members replaced so far, with their old rows and energies. */
  private readonly undo = { members: [] as number[], rows: [] as number[][], energies: [] as number[], count: 0 };
  /** The population and energies as the current generation began (their rows come back from the undo log). */
  private readonly before = { population: [] as number[][], popEnergy: [] as number[] };
  /**
   * The array the next generation writes its trials into: `trialSolution` and this one take turns, so the
   * last generation's trials survive a failed one without being copied.
   */
  private spareTrials: number[][] = [];
  protected readonly trialBuilder: TrialBuilder;
  /** The best point during a generation, seen by later trials (scratch: rebuilt from the recorded best). */
  protected readonly bestScratch: number[];
  private bestScratchEnergy = Infinity;
  private bestScratchRawCost = Infinity;

  protected constructor(meta: SolverMeta, config: BaseSolverConfig) {
    super(meta, config, populationSize(config));
    const bufferSet = () => Array.from({ length: this.npop }, () => scratchVector(this.dim));
    this.bufferSets = [bufferSet(), bufferSet()];
    this.trialBuffers = this.bufferSets[0];
    this.bestScratch = scratchVector(this.dim);
    this.trialBuilder = new TrialBuilder(this.dim);
    this.checkStrategyFits(this.option<string>('strategy') as StrategyName);
  }

  override setOptions(options: Readonly<Record<string, unknown>>): void {
    const next = validateOptions(this.meta.label, this.meta.optionSpecs, options, this.options);
    this.checkStrategyFits(next['strategy'] as StrategyName);
    super.setOptions(options);
  }

  private checkStrategyFits(name: StrategyName): void {
    const needed = minimumPopulation(name);
    if (this.npop < needed) {
      throw new OptionError('strategy', `Strategy ${name} needs a population of at least ${needed}, but npop is ${this.npop}.`);
    }
  }

  protected trialSettings(): TrialSettings {
    return {
      strategy: strategies[this.option<string>('strategy') as StrategyName],
      scale: this.option<number>('scale'),
      cross: this.option<number>('cross'),
    };
  }

  /** Generation 0: the (clipped, constrained) start population is evaluated as it is; no mutation. */
  protected async initialGeneration(): Promise<void> {
    const start = this.startPoints();
    const raw: number[] = [];
    this.acceptStart(start, await this.evaluatePoints(start, raw), raw);
  }

  /** Without a pool, de's one-by-one and de2's batch evaluation of the start are the same calls in order. */
  protected override initialGenerationSync(): void {
    const start = this.startPoints();
    const raw: number[] = [];
    this.acceptStart(start, this.evaluateBatchSync(start, raw), raw);
  }

  private startPoints(): number[][] {
    this.ensureInitialPoints();
    return this.population.map((member) => this.constrain(this.clipToBounds(member)));
  }

  private acceptStart(start: number[][], energies: number[], raw: number[]): void {
    let best = 0;
    for (let k = 1; k < energies.length; k++) if ((energies[k] as number) < (energies[best] as number)) best = k;
    this.population = start.map(packedCopy);
    this.popEnergy = energies;
    this.trialSolution = start;
    this.bestRawCost = raw[best] as number;
    this.recordGeneration(start[best] as number[], energies[best] as number);
  }

  /** Evaluate the generation-0 population: one by one (de) or as one batch through the pool (de2). */
  protected abstract evaluatePoints(points: number[][], raw: number[]): Promise<number[]>;

  /**
   * A step checkpoint without copying the population: DE changes only the members it replaces, so it logs
   * those (see `select`) and keeps references to the rest; copying every row would cost as much as a
   * generation of a cheap objective.
   */
  protected override checkpointRows(): void {
    this.undo.count = 0;
    this.before.population = this.population;
    this.before.popEnergy = this.popEnergy;
    this.swapTrialArrays();
    this.trialBuffers = this.bufferSets[this.generationsRecorded % 2] as number[][];
  }

  protected override rollbackRows(): void {
    this.population = this.before.population;
    this.popEnergy = this.before.popEnergy;
    this.swapTrialArrays();
    const { members, rows, energies } = this.undo;
    for (let k = this.undo.count - 1; k >= 0; k--) {
      const i = members[k] as number;
      this.trialBuffers[i] = this.population[i] as number[];
      this.population[i] = rows[k] as number[];
      this.popEnergy[i] = energies[k] as number;
    }
    this.undo.count = 0;
  }

  private swapTrialArrays(): void {
    const last = this.trialSolution;
    this.trialSolution = this.spareTrials;
    this.spareTrials = last;
  }

  /**
   * Greedy selection of trial i (strict <), whose buffer is `trialBuffers[i]`; a new best is seen at once by
   * the trials built after it.
   */
  protected select(i: number, energy: number, rawCost: number): void {
    const { population, trialBuffers, undo } = this;
    if (!(energy < (this.popEnergy[i] as number))) return;
    const k = undo.count++;
    undo.members[k] = i;
    undo.rows[k] = population[i] as number[];
    undo.energies[k] = this.popEnergy[i] as number;
    const x = trialBuffers[i] as number[];
    trialBuffers[i] = population[i] as number[];
    population[i] = x;
    this.popEnergy[i] = energy;
    if (energy < this.bestScratchEnergy) {
      copyInto(this.bestScratch, x);
      this.bestScratchEnergy = energy;
      this.bestScratchRawCost = rawCost;
    }
  }

  /**
   * Trial i, built from the live population and best and constrained, in its buffer: a constraint that
   * answers with another array has its values copied back, so the buffer can become the member's row.
   */
  protected buildTrial(i: number, settings: TrialSettings): number[] {
    const buffer = this.trialBuffers[i] as number[];
    this.trialBuilder.build(buffer, i, this.population, this.bestScratch, settings, this.rng);
    const constrained = this.constrain(buffer);
    if (constrained !== buffer) copyInto(buffer, constrained);
    return buffer;
  }

  /**
   * The working best starts as the recorded best, so a failed generation leaves the recorded one intact.
   * Returns the generation's trial settings.
   */
  protected beginGeneration(): TrialSettings {
    copyInto(this.bestScratch, this.bestSolution);
    this.bestScratchEnergy = this.bestEnergy;
    this.bestScratchRawCost = this.bestRawCost;
    if (this.trialSolution.length !== this.npop) this.trialSolution.length = this.npop;
    return this.trialSettings();
  }

  protected endGeneration(): void {
    this.bestRawCost = this.bestScratchRawCost;
    this.recordGeneration(this.bestScratch, this.bestScratchEnergy);
  }

  /** Trial buffers and the working best are scratch; everything else lives in the base state. */
  protected saveAlgorithmState(): null {
    return null;
  }

  /**
   * Nothing to restore, but a state whose strategy does not fit its population is refused here; the decoded
   * rows are repacked as the trial loop expects (see scratchVector).
   */
  protected restoreAlgorithmState(): void {
    this.checkStrategyFits(this.option<string>('strategy') as StrategyName);
    this.population = this.population.map(packedCopy);
  }
}

/**
 * mystic's DifferentialEvolutionSolver: members are processed in order, each trial built from the live
 * population and best, and accepted at once (asynchronous updates).
 */
export class DifferentialEvolutionSolver extends DifferentialEvolutionBase {
  readonly meta = deMeta;

  constructor(config: BaseSolverConfig) {
    super(deMeta, config);
  }

  protected async evaluatePoints(points: number[][], raw: number[]): Promise<number[]> {
    const energies = new Array<number>(points.length);
    for (let k = 0; k < points.length; k++) {
      let energy = this.evaluate(points[k] as number[]);
      if (typeof energy !== 'number') energy = await energy;
      energies[k] = energy;
      raw[k] = this.lastRawCost;
    }
    return energies;
  }

  protected async nextGeneration(): Promise<void> {
    const settings = this.beginGeneration();
    for (let i = 0; i < this.npop; i++) {
      const x = this.buildTrial(i, settings);
      let energy = this.evaluate(x);
      if (typeof energy !== 'number') energy = await energy;
      this.acceptTrial(i, x, energy);
    }
    this.endGeneration();
  }

  protected override nextGenerationSync(): void {
    const settings = this.beginGeneration();
    for (let i = 0; i < this.npop; i++) {
      const x = this.buildTrial(i, settings);
      this.acceptTrial(i, x, this.evaluateSync(x));
    }
    this.endGeneration();
  }

  /** Selection right after the evaluation, so the next trial sees this one's outcome. */
  private acceptTrial(i: number, x: number[], energy: number): void {
    this.trialSolution[i] = x;
    this.select(i, energy, this.lastRawCost);
  }
}

/**
 * mystic's DifferentialEvolutionSolver2: all trials are built from the frozen generation, evaluated as one
 * batch (through the pool when one is set), then selected (synchronous updates, Storn & Price's scheme).
 */
export class DifferentialEvolutionSolver2 extends DifferentialEvolutionBase {
  readonly meta = de2Meta;
  /** Raw costs of the last batch (scratch). */
  private readonly rawCosts: number[] = [];

  constructor(config: BaseSolverConfig) {
    super(de2Meta, config);
  }

  protected evaluatePoints(points: number[][], raw: number[]): Promise<number[]> {
    return this.evaluateBatch(points, raw);
  }

  protected async nextGeneration(): Promise<void> {
    this.selectTrials(await this.evaluateBatch(this.buildTrials(), this.rawCosts));
  }

  protected override nextGenerationSync(): void {
    this.selectTrials(this.evaluateBatchSync(this.buildTrials(), this.rawCosts));
  }

  /** Every trial of the generation, built from the frozen population (constrained). */
  private buildTrials(): number[][] {
    const settings = this.beginGeneration();
    const { trialSolution } = this;
    for (let i = 0; i < this.npop; i++) trialSolution[i] = this.buildTrial(i, settings);
    return trialSolution;
  }

  private selectTrials(energies: readonly number[]): void {
    const { rawCosts } = this;
    for (let i = 0; i < this.npop; i++) this.select(i, energies[i] as number, rawCosts[i] as number);
    this.endGeneration();
  }
}

function copyInto(target: number[], source: readonly number[]): void {
  for (let j = 0; j < source.length; j++) target[j] = source[j] as number;
}

/** A copy of x as the trial loop wants every row: packed doubles (see scratchVector). */
function packedCopy(x: readonly number[]): number[] {
  const v = scratchVector(x.length);
  copyInto(v, x);
  return v;
}

/**
 * A vector to be overwritten, created packed and holding doubles (NaN) from the start: arrays of small
 * integers change their element kind at the first fractional write, which throws the optimized trial loop
 * back to the interpreter in every new solver.
 */
function scratchVector(n: number): number[] {
  const v: number[] = [];
  for (let j = 0; j < n; j++) v.push(NaN);
  return v;
}
