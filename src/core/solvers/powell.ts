import { SibylError, StateError } from '../errors';
import { decodeNumber, decodeVector, encodeNumber, encodeVector, type JsonNumber } from '../state/schema';
import type { TerminationView } from '../termination/types';
import { BaseSolver, type BaseSolverConfig } from './baseSolver';
import type { SolverMeta } from './solver';

export const powellMeta: SolverMeta = {
  id: 'powell',
  label: 'Powell directional search',
  description:
    "Powell's conjugate-direction method (scipy.optimize.fmin_powell): Brent line searches along a set of directions, renewed by extrapolation; uses only function values.",
  optionSpecs: [
    {
      name: 'xtol',
      label: 'Line-search tolerance',
      help: 'Relative tolerance of each line search is 100 × xtol.',
      type: 'number',
      default: 1e-4,
      min: 0,
    },
    {
      name: 'imax',
      label: 'Line-search iterations',
      help: "Most iterations of Brent's method in one line search.",
      type: 'integer',
      default: 500,
      min: 1,
    },
  ],
  defaultTermination: 'NormalizedChangeOverGeneration(0.0001, 2)',
  usesPopulation: false,
  usesPool: false,
};

/** One finished line search. */
interface LineMinimum {
  /** The minimizing point as evaluated (after the hard constraints). */
  readonly point: number[];
  readonly energy: number;
  readonly raw: number;
  /** The step taken: alpha times the search direction. */
  readonly step: number[];
}

interface SavedDirections {
  readonly directions: JsonNumber[][];
  readonly origin: JsonNumber[] | null;
  readonly terminationHistory: JsonNumber[];
  readonly largestDecrease: JsonNumber;
  readonly largestDecreaseIndex: number;
}

/**
 * mystic's PowellDirectionalSolver. Generation 0 evaluates x0; every later generation is one Powell
 * iteration: first (from generation 2 on) the extrapolation test on the previous sweep, which may replace
 * the direction of largest decrease by the sweep's net displacement, then a sweep of line searches along
 * every direction. Line searches are the Brent method of scipy 0.6 that mystic ships, bracket and all, so
 * iterations and evaluations follow mystic's. Points are constrained before each evaluation and the
 * solver continues from the point evaluated, so the best is always a point whose cost was measured.
 *
 * The recorded history holds the point after each sweep. Termination conditions see mystic's Powell
 * history instead, in which every generation but the last is represented by the start of the following
 * sweep: NormalizedChangeOverGeneration(tol, 2) then compares one sweep's start and end, as fmin_powell's
 * own test does, and iteration counts match mystic's.
 */
export class PowellSolver extends BaseSolver {
  readonly meta = powellMeta;
  protected readonly limitScales = { generations: 1000, evaluations: 1000 } as const;
  /** The direction set, one row per direction; starts as the identity. */
  private directions: number[][];
  /** Where the last sweep's net displacement is measured from (Powell's x1); undefined before sweep 1. */
  private origin: number[] | undefined;
  /** mystic's Powell energy history: the energy at the start of every sweep, then the latest energy. */
  private terminationHistory: number[] = [];
  /** The largest decrease of one line search in the last sweep, and the index of its direction. */
  private largestDecrease = 0;
  private largestDecreaseIndex = 0;

  constructor(config: BaseSolverConfig) {
    super(powellMeta, config, 1);
    this.directions = Array.from({ length: this.dim }, (_, i) => Array.from({ length: this.dim }, (_, j) => (i === j ? 1 : 0)));
  }

  protected async initialGeneration(): Promise<void> {
    this.ensureInitialPoints();
    const x = this.constrain(this.clipToBounds([...(this.population[0] as number[])]));
    let energy = this.evaluate(x);
    if (typeof energy !== 'number') energy = await energy;
    this.bestRawCost = this.lastRawCost;
    this.terminationHistory = [energy];
    this.settle(x, energy);
  }

  /** Works on copies and commits at the end, so a generation that throws leaves the solver as it was. */
  protected async nextGeneration(): Promise<void> {
    let x = this.population[0] as number[];
    let energy = this.popEnergy[0] as number;
    let raw = this.bestRawCost;
    const directions = [...this.directions];
    if (this.origin) {
      const found = await this.extrapolate(x, energy, directions);
      if (found) ({ point: x, energy, raw } = found);
    }
    // Powell's x1: the next displacement is measured from where this generation started.
    const origin = [...(this.population[0] as number[])];

    const sweepStart = energy;
    let largestDecrease = 0;
    let largestDecreaseIndex = 0;
    for (let i = 0; i < this.dim; i++) {
      const before = energy;
      ({ point: x, energy, raw } = await this.lineSearch(x, directions[i] as number[]));
      const bothInfinite = isInfinite(before) && isInfinite(energy);
      if (!bothInfinite && before - energy > largestDecrease) {
        largestDecrease = before - energy;
        largestDecreaseIndex = i;
      }
    }

    this.directions = directions;
    this.origin = origin;
    this.largestDecrease = largestDecrease;
    this.largestDecreaseIndex = largestDecreaseIndex;
    this.terminationHistory[this.terminationHistory.length - 1] = sweepStart;
    this.terminationHistory.push(energy);
    this.bestRawCost = raw;
    this.settle(x, energy);
  }

  /** Its termination history is one entry per generation, like the solver's: it keeps the same window. */
  protected override historyDropped(count: number): void {
    this.terminationHistory.splice(0, count);
  }

  protected override terminationView(): TerminationView {
    return {
      energyHistory: this.terminationHistory,
      generations: this.generations,
      evaluations: this.evaluations,
      population: this.population,
      popEnergy: this.popEnergy,
      bestSolution: this.bestSolution,
      bestEnergy: this.bestEnergy,
      trialSolution: this.trialSolution,
      elapsedMs: this.elapsedMs,
      interrupted: this.interrupted,
      rawCost: (x) => this.rawCost(x),
    };
  }

  /**
   * Powell's test on the last sweep: if the point extrapolated along its net displacement is lower and the
   * curvature test passes, search along that displacement and let it replace, in `directions`, the
   * direction of largest decrease. Returns the new point, or undefined when the direction set stays.
   */
  private async extrapolate(x: number[], energy: number, directions: number[][]): Promise<LineMinimum | undefined> {
    const origin = this.origin as number[];
    const displacement = x.map((v, j) => v - (origin[j] as number));
    const extrapolated = this.constrain(x.map((v, j) => 2 * v - (origin[j] as number)));
    let extrapolatedEnergy = this.evaluate(extrapolated);
    if (typeof extrapolatedEnergy !== 'number') extrapolatedEnergy = await extrapolatedEnergy;

    const start = this.terminationHistory[this.terminationHistory.length - 2] as number;
    const delta = this.largestDecrease;
    if (!(start > extrapolatedEnergy)) return undefined;
    let t = 2 * (start + extrapolatedEnergy - 2 * energy);
    const drop = start - energy - delta;
    t *= drop * drop;
    const gap = start - extrapolatedEnergy;
    t -= delta * gap * gap;
    if (!(t < 0)) return undefined;

    const found = await this.lineSearch(x, displacement);
    const last = this.dim - 1;
    directions[this.largestDecreaseIndex] = directions[last] as number[];
    directions[last] = found.step;
    return found;
  }

  /** Minimize along x + alpha·direction with mystic's Brent search; awaits only an asynchronous objective. */
  private async lineSearch(x: readonly number[], direction: readonly number[]): Promise<LineMinimum> {
    const search = brentSearch(this.option<number>('xtol') * 100, this.option<number>('imax'));
    const evaluated = new Map<number, { point: number[]; raw: number }>();
    let request = search.next();
    while (!request.done) {
      const alpha = request.value;
      const point = this.constrain(x.map((v, j) => v + alpha * (direction[j] as number)));
      let energy = this.evaluate(point);
      if (typeof energy !== 'number') energy = await energy;
      evaluated.set(alpha, { point, raw: this.lastRawCost });
      request = search.next(energy);
    }
    const { alpha, energy } = request.value;
    const at = evaluated.get(alpha) as { point: number[]; raw: number };
    return { point: at.point, energy, raw: at.raw, step: direction.map((d) => alpha * d) };
  }

  private settle(x: number[], energy: number): void {
    this.population[0] = x;
    this.popEnergy[0] = energy;
    this.recordGeneration(x, energy);
  }

  protected saveAlgorithmState(): SavedDirections {
    return {
      directions: this.directions.map(encodeVector),
      origin: this.origin ? encodeVector(this.origin) : null,
      terminationHistory: encodeVector(this.terminationHistory),
      largestDecrease: encodeNumber(this.largestDecrease),
      largestDecreaseIndex: this.largestDecreaseIndex,
    };
  }

  protected restoreAlgorithmState(state: unknown): void {
    const saved = (state ?? {}) as Partial<Record<keyof SavedDirections, unknown>>;
    const fail = (field: string, what: string): never => {
      throw new StateError(`algorithm.${field}`, `algorithm.${field} must be ${what}.`);
    };
    const n = this.dim;
    const { directions, origin, terminationHistory, largestDecrease, largestDecreaseIndex } = saved;
    if (!Array.isArray(directions) || directions.length !== n || !directions.every((row) => isVector(row, n))) {
      fail('directions', `${n} directions of ${n} numbers`);
    }
    if (origin !== null && !isVector(origin, n)) fail('origin', `null or ${n} numbers`);
    const kept = this.energyHistory.length;
    if (!isVector(terminationHistory, kept)) fail('terminationHistory', `${kept} numbers, one per history entry`);
    if (!isJsonNumber(largestDecrease)) fail('largestDecrease', 'a number');
    if (!Number.isInteger(largestDecreaseIndex) || (largestDecreaseIndex as number) < 0 || (largestDecreaseIndex as number) >= n) {
      fail('largestDecreaseIndex', `an integer from 0 to ${n - 1}`);
    }
    this.directions = (directions as JsonNumber[][]).map(decodeVector);
    this.origin = origin === null ? undefined : decodeVector(origin as JsonNumber[]);
    this.terminationHistory = decodeVector(terminationHistory as JsonNumber[]);
    this.largestDecrease = decodeNumber(largestDecrease as JsonNumber);
    this.largestDecreaseIndex = largestDecreaseIndex as number;
  }
}

function isInfinite(v: number): boolean {
  return v === Infinity || v === -Infinity;
}

function isJsonNumber(v: unknown): v is JsonNumber {
  return typeof v === 'number' || v === 'Infinity' || v === '-Infinity' || v === 'NaN';
}

function isVector(v: unknown, length: number): v is JsonNumber[] {
  return Array.isArray(v) && v.length === length && v.every(isJsonNumber);
}

/** Golden ratio used to grow the bracket, and the golden-section fraction used by Brent's method. */
const GOLD = 1.618034;
const GOLDEN_SECTION = 0.381966;
/** Largest factor by which one parabolic bracket step may grow the interval. */
const GROW_LIMIT = 110;
const BRACKET_MAX_ITERATIONS = 1000;
/** Absolute floor of Brent's tolerance, so a search near alpha = 0 still ends. */
const BRENT_MIN_TOLERANCE = 1e-11;

/**
 * Brent's line minimization as scipy 0.6 (and so mystic) implements it, as a generator: it yields each
 * alpha to evaluate, receives the energy there, and returns the minimizing alpha with its energy. Keeping
 * the method free of evaluation makes it indifferent to synchronous and asynchronous objectives.
 *
 * The bracket starts from alpha = 0 and 1 and walks downhill; Brent's method then evaluates the bracket's
 * middle point once more (scipy 0.6 does, which is why mystic counts more evaluations than newer scipy).
 */
export function* brentSearch(tol: number, maxIterations: number): Generator<number, { alpha: number; energy: number }, number> {
  const [lower, middle, upper] = yield* bracket();
  let x = middle;
  let w = middle;
  let v = middle;
  let fx = yield middle;
  let fw = fx;
  let fv = fx;
  let a = lower < upper ? lower : upper;
  let b = lower < upper ? upper : lower;
  let deltax = 0;
  let rat = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const tol1 = tol * Math.abs(x) + BRENT_MIN_TOLERANCE;
    const tol2 = 2 * tol1;
    const xmid = 0.5 * (a + b);
    if (Math.abs(x - xmid) < tol2 - 0.5 * (b - a)) break;
    if (Math.abs(deltax) <= tol1) {
      deltax = x >= xmid ? a - x : b - x;
      rat = GOLDEN_SECTION * deltax;
    } else {
      const tmp1 = (x - w) * (fx - fv);
      let tmp2 = (x - v) * (fx - fw);
      let p = (x - v) * tmp2 - (x - w) * tmp1;
      tmp2 = 2 * (tmp2 - tmp1);
      if (tmp2 > 0) p = -p;
      tmp2 = Math.abs(tmp2);
      const previousStep = deltax;
      deltax = rat;
      if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.abs(p) < Math.abs(0.5 * tmp2 * previousStep)) {
        rat = p / tmp2;
        const u = x + rat;
        if (u - a < tol2 || b - u < tol2) rat = xmid - x >= 0 ? tol1 : -tol1;
      } else {
        deltax = x >= xmid ? a - x : b - x;
        rat = GOLDEN_SECTION * deltax;
      }
    }
    const u = Math.abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
    const fu = yield u;
    if (fu > fx) {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        w = u;
        fv = fw;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    } else {
      if (u >= x) a = x;
      else b = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    }
  }
  return { alpha: x, energy: fx };
}

/** Downhill bracketing from alpha = 0 and 1 (scipy 0.6's `bracket`): returns [xa, xb, xc] with f(xb) lowest. */
function* bracket(): Generator<number, [number, number, number], number> {
  let xa = 0;
  let xb = 1;
  let fa = yield xa;
  let fb = yield xb;
  if (fa < fb) {
    [xa, xb] = [xb, xa];
    [fa, fb] = [fb, fa];
  }
  let xc = xb + GOLD * (xb - xa);
  let fc = yield xc;
  for (let iteration = 0; fc < fb; iteration++) {
    const tmp1 = (xb - xa) * (fb - fc);
    const tmp2 = (xb - xc) * (fb - fa);
    const val = tmp2 - tmp1;
    const denom = Math.abs(val) < 1e-21 ? 2e-21 : 2 * val;
    let w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
    const wlim = xb + GROW_LIMIT * (xc - xb);
    if (iteration > BRACKET_MAX_ITERATIONS) {
      throw new SibylError('A Powell line search found no minimum: the objective keeps decreasing along a direction (is it bounded below?).');
    }
    let fw: number;
    if ((w - xc) * (xb - w) > 0) {
      fw = yield w;
      if (fw < fc) return [xb, w, xc];
      if (fw > fb) return [xa, xb, w];
      w = xc + GOLD * (xc - xb);
      fw = yield w;
    } else if ((w - wlim) * (wlim - xc) >= 0) {
      w = wlim;
      fw = yield w;
    } else if ((w - wlim) * (xc - w) > 0) {
      fw = yield w;
      if (fw < fc) {
        xb = xc;
        xc = w;
        w = xc + GOLD * (xc - xb);
        fb = fc;
        fc = fw;
        fw = yield w;
      }
    } else {
      w = xc + GOLD * (xc - xb);
      fw = yield w;
    }
    [xa, xb, xc] = [xb, xc, w];
    [fa, fb, fc] = [fb, fc, fw];
  }
  return [xa, xb, xc];
}
