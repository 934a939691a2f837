import { StateError } from '../errors';
import { decodeVector, encodeVector, type JsonNumber } from '../state/schema';
import { BaseSolver, type BaseSolverConfig } from './baseSolver';
import type { SolverMeta } from './solver';

export const nelderMeadMeta: SolverMeta = {
  id: 'nm',
  label: 'Nelder–Mead simplex',
  description:
    'Downhill simplex (scipy.optimize.fmin): reflects, expands, contracts or shrinks a simplex of dim + 1 points; uses only function values.',
  optionSpecs: [
    {
      name: 'radius',
      label: 'Initial simplex size',
      help: 'Relative offset of each initial vertex from x0 (0.05 = 5%); with bounds, the fraction of the bounded range (at most 0.5).',
      type: 'number',
      default: 0.05,
      min: 0,
      exclusiveMin: true,
    },
    {
      name: 'adaptive',
      label: 'Adaptive coefficients',
      help: 'Scale the reflection, expansion, contraction and shrink coefficients with the dimension (Gao & Han), which helps in high dimensions.',
      type: 'boolean',
      default: false,
    },
  ],
  defaultTermination: 'CandidateRelativeTolerance(0.0001, 0.0001)',
  usesPopulation: false,
  usesPool: false,
};

/** The simplex moves: reflection (rho), expansion (chi), contraction (psi) and shrink (sigma). */
interface Coefficients {
  readonly rho: number;
  readonly chi: number;
  readonly psi: number;
  readonly sigma: number;
}

function coefficients(adaptive: boolean, dim: number): Coefficients {
  if (!adaptive) return { rho: 1, chi: 2, psi: 0.5, sigma: 0.5 };
  return { rho: 1, chi: 1 + 2 / dim, psi: 0.75 - 1 / (2 * dim), sigma: 1 - 1 / dim };
}

/** A point as evaluated: after the hard constraints, with its penalized energy and raw cost. */
interface Vertex {
  readonly point: number[];
  readonly energy: number;
  readonly raw: number;
}

interface SavedSimplex {
  /** Raw cost of each vertex, in population order. */
  readonly rawCosts: JsonNumber[];
}

/**
 * mystic's NelderMeadSimplexSolver, which follows scipy.optimize.fmin step for step, so that its iteration
 * and evaluation counts are scipy's. Generation 0 evaluates x0 alone; generation 1 builds the initial simplex
 * (dim evaluations); every later generation is one simplex iteration. From generation 0 on, `population`
 * and `popEnergy` hold the dim + 1 vertices (unbuilt ones are zeros with energy +∞), sorted best first from
 * generation 1, which is what CandidateRelativeTolerance reads.
 *
 * Vertices are stored as evaluated, after the hard constraints (mystic keeps the unconstrained point and
 * constrains inside the objective), so the reported best is always a point whose cost was measured.
 */
export class NelderMeadSolver extends BaseSolver {
  readonly meta = nelderMeadMeta;
  protected readonly limitScales = { generations: 200, evaluations: 200 } as const;
  /** Raw cost of each vertex, parallel to `population`, so `bestRawCost` follows the best vertex. */
  private rawCosts: number[];

  constructor(config: BaseSolverConfig) {
    super(nelderMeadMeta, config, 1);
    this.rawCosts = this.popEnergy.map(() => Infinity);
  }

  protected async initialGeneration(): Promise<void> {
    this.ensureInitialPoints();
    const start = await this.measure(this.clipToBounds([...(this.population[0] as number[])]));
    const unbuilt = this.dim;
    this.population = [start.point, ...Array.from({ length: unbuilt }, () => new Array<number>(this.dim).fill(0))];
    this.popEnergy = [start.energy, ...new Array<number>(unbuilt).fill(Infinity)];
    this.rawCosts = [start.raw, ...new Array<number>(unbuilt).fill(Infinity)];
    this.bestRawCost = start.raw;
    this.recordGeneration(start.point, start.energy);
  }

  protected async nextGeneration(): Promise<void> {
    if (this.generationsRecorded === 1) await this.buildSimplex();
    else await this.iterate();
    this.sortVertices();
    this.bestRawCost = this.rawCosts[0] as number;
    this.recordGeneration(this.population[0] as number[], this.popEnergy[0] as number);
  }

  /** Generation 1: vertex k + 1 is x0 moved along coordinate k (scipy's initial simplex, bounds-aware). */
  private async buildSimplex(): Promise<void> {
    const x0 = this.population[0] as number[];
    const moved = this.initialOffsets(x0);
    for (let k = 0; k < this.dim; k++) {
      const y = [...x0];
      y[k] = moved[k] as number;
      this.setVertex(k + 1, await this.measure(y));
    }
  }

  /**
   * The coordinate each initial vertex moves to. Without bounds: x0·(1 + radius), or radius²/10 (scipy's
   * 0.00025) where that is 0. With bounds, on bounded coordinates: x0 + (hi − lo)·radius with the radius
   * clipped to [0, 0.5], cropped at the bounds, and stepping the other way when cropping lands back on x0.
   */
  private initialOffsets(x0: readonly number[]): number[] {
    const radius = this.option<number>('radius');
    const unbounded = x0.map((v) => (v * (1 + radius) === 0 ? radius * radius * 0.1 : v * (1 + radius)));
    const strict = this.strictRanges;
    if (!strict) return unbounded;
    const r = Math.min(Math.max(radius, 0), 0.5);
    return x0.map((v, j) => {
      const lo = strict.min[j] as number;
      const hi = strict.max[j] as number;
      const bounded = Number.isFinite(lo) && Number.isFinite(hi);
      const moved = Math.min(Math.max(bounded ? v + (hi - lo) * r : (unbounded[j] as number), lo), hi);
      if (moved !== v) return moved;
      if (bounded) return v - (hi - lo) * r;
      return v * (1 - r) === 0 ? -r : v * (1 - r);
    });
  }

  /**
   * One iteration of scipy's fmin: reflect, then expand, contract outside or inside, or shrink. The simplex
   * changes only after the last evaluation, so an iteration that throws can simply be repeated.
   */
  private async iterate(): Promise<void> {
    const n = this.dim;
    const { rho, chi, psi, sigma } = coefficients(this.option<boolean>('adaptive'), n);
    const energies = this.popEnergy;
    const worst = this.population[n] as number[];
    const centroid = this.centroid();
    const towards = (a: number, b: number): number[] => centroid.map((c, j) => a * c + b * (worst[j] as number));

    const reflected = await this.measure(towards(1 + rho, -rho));
    if (reflected.energy < (energies[0] as number)) {
      const expanded = await this.measure(towards(1 + rho * chi, -(rho * chi)));
      this.setVertex(n, expanded.energy < reflected.energy ? expanded : reflected);
      return;
    }
    if (reflected.energy < (energies[n - 1] as number)) {
      this.setVertex(n, reflected);
      return;
    }
    const worstEnergy = energies[n] as number;
    const outside = reflected.energy < worstEnergy;
    const contracted = await this.measure(outside ? towards(1 + psi * rho, -(psi * rho)) : towards(1 - psi, psi));
    if (outside ? contracted.energy <= reflected.energy : contracted.energy < worstEnergy) {
      this.setVertex(n, contracted);
      return;
    }
    const best = this.population[0] as number[];
    const shrunk: Vertex[] = [];
    for (let k = 1; k <= n; k++) {
      const vertex = this.population[k] as number[];
      shrunk.push(await this.measure(best.map((b, j) => b + sigma * ((vertex[j] as number) - b))));
    }
    shrunk.forEach((vertex, k) => this.setVertex(k + 1, vertex));
  }

  /** Mean of all vertices but the worst, summed in vertex order as numpy's reduce does. */
  private centroid(): number[] {
    const n = this.dim;
    const sum = [...(this.population[0] as number[])];
    for (let k = 1; k < n; k++) {
      const vertex = this.population[k] as number[];
      for (let j = 0; j < n; j++) sum[j] = (sum[j] as number) + (vertex[j] as number);
    }
    return sum.map((s) => s / n);
  }

  private setVertex(k: number, vertex: Vertex): void {
    this.population[k] = vertex.point;
    this.popEnergy[k] = vertex.energy;
    this.rawCosts[k] = vertex.raw;
  }

  /** Best first; a stable sort, so ties keep their order as numpy's small-array argsort does. */
  private sortVertices(): void {
    const energies = this.popEnergy;
    const order = energies.map((_, k) => k).sort((a, b) => compareEnergies(energies[a] as number, energies[b] as number));
    this.population = order.map((k) => this.population[k] as number[]);
    this.popEnergy = order.map((k) => energies[k] as number);
    this.rawCosts = order.map((k) => this.rawCosts[k] as number);
  }

  /** Constrain, then evaluate; awaits only an asynchronous objective. */
  private async measure(x: number[]): Promise<Vertex> {
    const point = this.constrain(x);
    let energy = this.evaluate(point);
    if (typeof energy !== 'number') energy = await energy;
    return { point, energy, raw: this.lastRawCost };
  }

  protected saveAlgorithmState(): SavedSimplex {
    return { rawCosts: encodeVector(this.rawCosts) };
  }

  protected restoreAlgorithmState(state: unknown): void {
    const rawCosts = (state as Partial<SavedSimplex> | null)?.rawCosts;
    const valid = (v: unknown): boolean => typeof v === 'number' || v === 'Infinity' || v === '-Infinity' || v === 'NaN';
    if (!Array.isArray(rawCosts) || rawCosts.length !== this.popEnergy.length || !rawCosts.every(valid)) {
      throw new StateError('algorithm.rawCosts', `algorithm.rawCosts must hold one cost per simplex vertex (${this.popEnergy.length}).`);
    }
    this.rawCosts = decodeVector(rawCosts as JsonNumber[]);
  }
}

/** numpy's order for energies: ascending, NaN last. */
function compareEnergies(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
}
