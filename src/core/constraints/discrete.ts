import { OptionError } from '../errors';
import type { Random } from '../random';
import type { Bounds } from '../types';
import { expectation, imposeMean, imposeSpread, imposeVariance, mean, normalize, spread, variance } from './measures';
import type { Minimizer } from './minimize';
// A static import of a solver from the constraints is safe here and only here: the solvers load
// constraints/errors and constraints/tight (which reach combinators and minimize) but nothing that reaches
// this file, so no import cycle exists at module evaluation. asConstraint (combinators.ts) is loaded by the
// solvers and so cannot default to de2 the same way; it keeps Nelder–Mead and takes de2Minimize as an option.
import { de2Minimize } from '../solvers/de2Minimize';

/**
 * Discrete measures (mystic's math.discrete): weighted point masses in one dimension, and their products in
 * several. A product measure is what the OUQ workflow optimizes, through the flat parameter layout
 * [wx1…wxM, x1…xM, wy1…wyN, y1…yN, …].
 */

/** mystic's stand-in for a missing bound (None means ±1000). */
const MISSING_BOUND = 1000;

export interface PointMass {
  readonly position: number;
  readonly weight: number;
}

export function pointMass(position: number, weight = 1): PointMass {
  return { position, weight };
}

export interface ExpectOptions {
  /** The inner optimizer's randomness. */
  readonly random: Random;
  /** Default: de2Minimize, mystic's choice (DE2, Best1Exp, CR 0.9, F 0.9, npop 200, VTR(tol²)). */
  readonly minimize?: Minimizer;
  /** Accepted deviation from the target; default 1% of |target|. */
  readonly tol?: number;
  /** [lower bounds, upper bounds] of every position, in the flat position order; default ±1000. */
  readonly bounds?: readonly [readonly number[], readonly number[]];
  /** Evaluation budget of the inner optimization. */
  readonly maxEvaluations?: number;
}

/** Split a flat list into consecutive pieces of the given sizes. */
export function nested(values: readonly number[], npts: readonly number[]): number[][] {
  let at = 0;
  return npts.map((n) => values.slice(at, (at += n)));
}

/** All combinations of one position per measure, the first coordinate varying fastest (mystic's _pack). */
export function pack(samples: readonly (readonly number[])[]): number[][] {
  let points: number[][] = [[]];
  for (const positions of samples) points = positions.flatMap((p) => points.map((point) => [...point, p]));
  // flatMap above makes the newest coordinate vary slowest, which is mystic's order.
  return points;
}

function checkNpts(npts: readonly number[]): void {
  if (npts.length === 0 || !npts.every((n) => Number.isInteger(n) && n > 0)) {
    throw new OptionError('npts', `npts must list positive integers, got [${npts.join(', ')}].`);
  }
}

/** Positions (flat, by npts) whose product measure has expectation of f within tol of m. */
function solveExpectation(m: number, f: (point: number[]) => number, npts: readonly number[], weights: readonly number[] | undefined, options: ExpectOptions): number[] {
  checkNpts(npts);
  const size = npts.reduce((a, b) => a + b, 0);
  const [lower, upper] = options.bounds ?? [Array<number>(size).fill(-MISSING_BOUND), Array<number>(size).fill(MISSING_BOUND)];
  if (lower.length !== size || upper.length !== size) {
    throw new OptionError('bounds', `bounds need ${size} entries (one per position), got ${lower.length} and ${upper.length}.`);
  }
  const tol = options.tol ?? 0.01 * Math.abs(m);
  const cost = (positions: number[]): number => (expectation(f, pack(nested(positions, npts)), weights) - m) ** 2;
  const bounds: Bounds = lower.map((lo, i) => [lo, upper[i]!]);
  const minimize = options.minimize ?? de2Minimize;
  return minimize({
    cost,
    bounds,
    target: tol * tol,
    random: options.random,
    ...(options.maxEvaluations === undefined ? {} : { maxEvaluations: options.maxEvaluations }),
  }).x;
}

/**
 * Find product-measure positions with E[f] = m ± tol by an inner optimization of (E[f] − m)², and return
 * the product's points (mystic's impose_expectation). `weights` are the product weights, in pack order.
 */
export function imposeExpectation(
  m: number,
  f: (point: number[]) => number,
  npts: readonly number[],
  options: ExpectOptions & { readonly weights?: readonly number[] },
): number[][] {
  return pack(nested(solveExpectation(m, f, npts, options.weights, options), npts));
}

/** A one-dimensional discrete measure: weighted positions. */
export class Measure {
  positions: number[];
  weights: number[];

  constructor(points: readonly PointMass[] = []) {
    this.positions = points.map((p) => p.position);
    this.weights = points.map((p) => p.weight);
  }

  static of(positions: readonly number[], weights?: readonly number[]): Measure {
    const w = weights ?? positions.map(() => 1 / positions.length);
    if (w.length !== positions.length) throw new OptionError('weights', `got ${w.length} weights for ${positions.length} positions.`);
    return new Measure(positions.map((p, i) => pointMass(p, w[i])));
  }

  get points(): PointMass[] {
    return this.positions.map((p, i) => pointMass(p, this.weights[i]));
  }

  get npts(): number {
    return this.positions.length;
  }

  /** Sum of the weights. */
  get mass(): number {
    return this.weights.reduce((a, b) => a + b, 0);
  }

  /** Weighted mean of the positions (centre of mass); setting it shifts the positions. */
  get mean(): number {
    return mean(this.positions, this.weights);
  }

  set mean(m: number) {
    this.positions = imposeMean(m, this.positions, this.weights);
  }

  /** Spread of the positions; setting it scales them about the mean. */
  get range(): number {
    return spread(this.positions);
  }

  set range(r: number) {
    this.positions = imposeSpread(r, this.positions, this.weights);
  }

  /** Weighted variance of the positions; setting it scales them about the mean. */
  get variance(): number {
    return variance(this.positions, this.weights);
  }

  set variance(v: number) {
    this.positions = imposeVariance(v, this.positions, this.weights);
  }

  /** Make the weights sum to 1, keeping the mean. */
  normalize(): void {
    const m = this.mean;
    this.weights = normalize(this.weights, 1);
    this.positions = imposeMean(m, this.positions, this.weights);
  }

  /** E[f] with f called on [position]. */
  expect(f: (point: number[]) => number): number {
    return expectation(
      f,
      this.positions.map((p) => [p]),
      this.weights,
    );
  }

  /** Move the positions so E[f] = m ± tol (weights unchanged). */
  setExpect(m: number, f: (point: number[]) => number, options: ExpectOptions): void {
    this.positions = solveExpectation(m, f, [this.npts], this.weights, options);
  }
}

/** The product of one-dimensional measures: points are all combinations, weights the products. */
export class ProductMeasure {
  readonly measures: Measure[];

  constructor(measures: readonly Measure[]) {
    this.measures = [...measures];
  }

  /** Read mystic's flat layout: for each measure its weights, then its positions. */
  static fromParams(params: readonly number[], npts: readonly number[]): ProductMeasure {
    checkNpts(npts);
    const size = 2 * npts.reduce((a, b) => a + b, 0);
    if (params.length !== size) throw new OptionError('params', `npts [${npts.join(', ')}] needs ${size} parameters, got ${params.length}.`);
    let at = 0;
    return new ProductMeasure(
      npts.map((n) => {
        const weights = params.slice(at, (at += n));
        const positions = params.slice(at, (at += n));
        return Measure.of(positions, weights);
      }),
    );
  }

  /** The flat layout fromParams reads. */
  params(): number[] {
    return this.measures.flatMap((m) => [...m.weights, ...m.positions]);
  }

  get npts(): number[] {
    return this.measures.map((m) => m.npts);
  }

  /** Every combination of positions, the first coordinate varying fastest. */
  get positions(): number[][] {
    return pack(this.measures.map((m) => m.positions));
  }

  /** The product weight of each point of `positions`. */
  get weights(): number[] {
    return pack(this.measures.map((m) => m.weights)).map((w) => w.reduce((a, b) => a * b, 1));
  }

  expect(f: (point: number[]) => number): number {
    return expectation(f, this.positions, this.weights);
  }

  /** Move the positions so E[f] = m ± tol (weights unchanged). */
  setExpect(m: number, f: (point: number[]) => number, options: ExpectOptions): void {
    const flat = solveExpectation(m, f, this.npts, this.weights, options);
    nested(flat, this.npts).forEach((positions, i) => (this.measures[i]!.positions = positions));
  }
}
