import type { Bounds } from '../types';
import { decayCost } from './decay';
import * as fn from './functions';
import * as polynomial from './polynomial';

/** A closed interval [lo, hi]. */
export type Range = readonly [lo: number, hi: number];

/** A point where a model's value is known. */
export interface KnownMinimum {
  /** The minimizer; its length is the dimension it is a minimum for. */
  readonly x: readonly number[];
  /** The value there, to the precision the reference gives it. */
  readonly value: number;
}

/** A minimum in every dimension N: value = offset + perCoordinate·N at x_i = coordinate for every i. */
export interface MinimumRule {
  /** The value's constant part. */
  readonly offset: number;
  /** What each coordinate adds to the value. */
  readonly perCoordinate: number;
  /** The minimizer's coordinate, the same in every position. */
  readonly coordinate: number;
}

/** The names of the objectives described by {@link modelInfo}: test functions and ready-made fitting costs. */
export type ModelName =
  | 'sphere' | 'rosen' | 'step' | 'quartic' | 'shekel' | 'corana' | 'griewangk' | 'zimmermann' | 'fosc3d'
  | 'nmin51' | 'peaks' | 'venkat91' | 'schwefel' | 'ellipsoid' | 'rastrigin' | 'powers' | 'ackley' | 'michal'
  | 'branins' | 'easom' | 'goldstein' | 'paviani' | 'wavy1' | 'wavy2'
  | 'chebyshev2cost' | 'chebyshev4cost' | 'chebyshev6cost' | 'chebyshev8cost' | 'chebyshev16cost' | 'decayCost';

/**
 * What the gallery and the tests know about one objective. Plain, structured-clone and JSON safe data (no
 * functions, no Infinity); look the objective itself up in {@link modelObjectives}.
 */
export interface ModelInfo {
  /** The export name, as in mystic. */
  readonly name: ModelName;
  /** A human title. */
  readonly label: string;
  /** The mystic module it comes from, which names its test suite. */
  readonly family: string;
  /** 'function': a test function of a point; 'fit': a cost of model coefficients against data. */
  readonly kind: 'function' | 'fit';
  /** The formula, in plain text. */
  readonly formula: string;
  /** The default number of coordinates (mystic's ndim). */
  readonly dim: number;
  /** The fewest coordinates it accepts. */
  readonly minDim: number;
  /** The most coordinates it accepts; null when any number works. */
  readonly maxDim: number | null;
  /** The box of mystic's plotter hint for the first two coordinates. */
  readonly plotBox: readonly [Range, Range];
  /** Values held by coordinates 3, 4, … in a plot of the first two (missing ones are 0). */
  readonly plotRest: readonly number[];
  /** Per-coordinate ranges mystic's examples and tests use (the last repeats); they may exclude the minimum. */
  readonly testBounds?: readonly Range[];
  /** The global minimum in every dimension, when it follows a rule. */
  readonly minimumRule?: MinimumRule;
  /** Known global minimizers, each for the dimension of its x (several when degenerate or tabulated by N). */
  readonly globalMinima: readonly KnownMinimum[];
  /** Known local minima that are not global. */
  readonly localMinima: readonly KnownMinimum[];
  /** Caveats: degenerate minima, noise, quirks of mystic's version. */
  readonly note?: string;
}

const square = (range: Range): readonly [Range, Range] => [range, range];
const repeat = (count: number, value: number): number[] => new Array<number>(count).fill(value);
const PI = Math.PI;

const MICHAL_MINIMIZER = [2.20289811, 1.57078059, 1.28500168, 1.92305311, 1.72047194];
const michalMinimum = (dim: number, value: number): KnownMinimum => ({ x: MICHAL_MINIMIZER.slice(0, dim), value });

function chebyshevInfo(degree: 2 | 4 | 6 | 8 | 16, coeffs: readonly number[], note?: string): ModelInfo {
  const lead = coeffs[0] as number;
  return {
    name: `chebyshev${degree}cost`,
    label: `Chebyshev T${degree} fit (Storn)`,
    family: 'poly',
    kind: 'fit',
    formula: `Σ over 61 points of [−1,1] of (1 − p(x))² where |p(x)| > 1, + (p(±1.2) − T${degree}(±1.2))² where p falls short; p has coefficients x, highest power first`,
    dim: degree + 1,
    minDim: 1,
    maxDim: null,
    plotBox: [[0, 2 * lead], [-lead, lead]],
    plotRest: coeffs.slice(2),
    testBounds: [[-100, 100]],
    globalMinima: [{ x: coeffs, value: 0 }],
    localMinima: [],
    ...(note === undefined ? {} : { note }),
  };
}

/** Every built-in objective, in mystic's order (reference §7), followed by the ready-made fitting costs. */
export const modelInfo: readonly ModelInfo[] = [
  {
    name: 'sphere', label: "De Jong's sphere", family: 'dejong', kind: 'function',
    formula: 'Σ x_i²', dim: 3, minDim: 0, maxDim: null,
    plotBox: square([-5, 5]), plotRest: [],
    minimumRule: { offset: 0, perCoordinate: 0, coordinate: 0 }, globalMinima: [], localMinima: [],
  },
  {
    name: 'rosen', label: "Rosenbrock's saddle", family: 'dejong', kind: 'function',
    formula: 'Σ_{i<N−1} 100(x_{i+1} − x_i²)² + (1 − x_i)²', dim: 2, minDim: 2, maxDim: null,
    plotBox: [[-3, 3], [-1, 5]], plotRest: [1],
    minimumRule: { offset: 0, perCoordinate: 0, coordinate: 1 }, globalMinima: [], localMinima: [],
  },
  {
    name: 'step', label: "De Jong's step", family: 'dejong', kind: 'function',
    formula: '30 + Σ s(x_i); s = floor(x) for |x| ≤ 5.12, 30(x − 5.12) above, 30(5.12 − x) below',
    dim: 5, minDim: 0, maxDim: null,
    plotBox: square([-10, 10]), plotRest: [], testBounds: [[-5.12, 5.12]],
    minimumRule: { offset: 30, perCoordinate: -6, coordinate: -5.06 }, globalMinima: [], localMinima: [],
    note: 'Degenerate: the minimum 30 − 6N holds for every x_i in [−5.12, −5); every plateau is a local minimum.',
  },
  {
    name: 'quartic', label: "De Jong's quartic (noiseless)", family: 'dejong', kind: 'function',
    formula: 'Σ (i+1)·x_i⁴', dim: 30, minDim: 0, maxDim: null,
    plotBox: square([-3, 3]), plotRest: [], testBounds: [[-1.28, 1.28]],
    minimumRule: { offset: 0, perCoordinate: 0, coordinate: 0 }, globalMinima: [], localMinima: [],
    note: "mystic's quartic adds U[0,1) noise per coordinate (expected minimum N/2): use noisyQuartic(random) for that.",
  },
  {
    name: 'shekel', label: "Shekel's foxholes", family: 'dejong', kind: 'function',
    formula: '1 / (0.002 + Σ_{k=0}^{24} 1/(k + (x0 − a_k)⁶ + (x1 − b_k)⁶)), (a_k, b_k) on {−32,−16,0,16,32}²',
    dim: 2, minDim: 2, maxDim: 2,
    plotBox: square([-50, 50]), plotRest: [], testBounds: [[-65.536, 65.536]],
    globalMinima: [{ x: [-32, -32], value: 0 }], localMinima: [],
    note: 'k starts at 0, so the hole at (−32, −32) is infinitely deep; the other 24 grid points are local minima.',
  },
  {
    name: 'corana', label: "Corana's parabola", family: 'storn', kind: 'function',
    formula: 'Σ_{j<4} d_j·x_j², d = (1, 1000, 10, 100), flattened to 0.15(z − 0.05 sign z)²·d_j within 0.05 of each multiple z of 0.2',
    dim: 4, minDim: 0, maxDim: 4,
    plotBox: square([-1, 1]), plotRest: [], testBounds: [[-1000, 1000]],
    minimumRule: { offset: 0, perCoordinate: 0, coordinate: 0 }, globalMinima: [], localMinima: [],
    note: 'Degenerate: 0 on the whole plateau |x_i| < 0.05. Fewer than 4 values fill positions 0, 2, 3; more are ignored.',
  },
  {
    name: 'griewangk', label: "Griewangk's function", family: 'storn', kind: 'function',
    formula: 'Σ x_i²/4000 − Π cos(x_i/√(i+1)) + 1', dim: 10, minDim: 0, maxDim: null,
    plotBox: square([-10, 10]), plotRest: [], testBounds: [[-400, 400]],
    minimumRule: { offset: 0, perCoordinate: 0, coordinate: 0 }, globalMinima: [], localMinima: [],
  },
  {
    name: 'zimmermann', label: "Zimmermann's problem", family: 'storn', kind: 'function',
    formula: 'max(9 − x0 − x1, −100x0 if x0 < 0, −100x1 if x1 < 0, 100(q − 16) if q = (x0−3)² + (x1−2)² > 16, 100(x0x1 − 14) if x0x1 > 14)',
    dim: 2, minDim: 2, maxDim: 2,
    plotBox: square([-5, 10]), plotRest: [], testBounds: [[0, 5]],
    globalMinima: [{ x: [7, 2], value: 0 }],
    localMinima: [{ x: [2.3547765, 5.948322], value: 0.6969015 }],
    note: 'The test bounds [0, 5] are where examples start (the minimum lies outside them).',
  },
  {
    name: 'fosc3d', label: "Trott's fOsc3D", family: 'wolfram', kind: 'function',
    formula: '−4·exp(−x0² − x1²) + sin(6x0)·sin(5x1), + 100·x1² where x1 < 0', dim: 2, minDim: 2, maxDim: 2,
    plotBox: [[-5, 5], [0, 5]], plotRest: [], testBounds: [[-2, 2]],
    globalMinima: [{ x: [-0.215018, 0.240356], value: -4.501069742528923 }], localMinima: [],
  },
  {
    name: 'nmin51', label: 'NMinimize example 51', family: 'wolfram', kind: 'function',
    formula: 'exp(sin 50x0) + sin(60·e^{x1}) + sin(70 sin x0) + sin(sin 80x1) − sin(10(x0 + x1)) + (x0² + x1²)/4',
    dim: 2, minDim: 2, maxDim: 2,
    plotBox: [[-5, 5], [0, 5]], plotRest: [],
    globalMinima: [{ x: [-0.02440313, 0.21061247], value: -3.306869 }], localMinima: [],
  },
  {
    name: 'peaks', label: 'Peaks (NAG)', family: 'nag', kind: 'function',
    formula: '3(1−x0)²·e^{−x0²−(x1+1)²} − 10(x0/5 − x0³ − x1⁵)·e^{−x0²−x1²} − e^{−(x0+1)²−x1²}/3',
    dim: 2, minDim: 2, maxDim: 2,
    plotBox: square([-5, 5]), plotRest: [], testBounds: [[-3, 3]],
    globalMinima: [{ x: [0.22827892, -1.62553496], value: -6.551133332835841 }],
    localMinima: [
      { x: [-1.34739625, 0.20451886], value: -3.04985 },
      { x: [0.29644556, 0.3201962], value: -0.0649359 },
    ],
  },
  {
    name: 'venkat91', label: "Venkataraman's sinc", family: 'venkataraman', kind: 'function',
    formula: '−20·sin(r)/r, r = √((x0 − 4)² + (x1 − 4)² + 0.1)', dim: 2, minDim: 2, maxDim: 2,
    plotBox: square([-10, 10]), plotRest: [],
    globalMinima: [{ x: [4, 4], value: -19.668329370585823 }], localMinima: [],
  },
  {
    name: 'schwefel', label: "Schwefel's function", family: 'pohlheim', kind: 'function',
    formula: 'Σ −x_i·sin(√|x_i|), |x_i| ≤ 500', dim: 2, minDim: 0, maxDim: null,
    plotBox: square([-500, 500]), plotRest: [], testBounds: [[-500, 500]],
    minimumRule: { offset: 0, perCoordinate: -418.98288727243374, coordinate: 420.9687465 },
    globalMinima: [], localMinima: [],
    note: "mystic's docstring gives −(N+1)·418.98; the function's minimum is −418.98·N.",
  },
  {
    name: 'ellipsoid', label: 'Rotated hyper-ellipsoid', family: 'pohlheim', kind: 'function',
    formula: 'Σ_i (Σ_{j≤i} x_j)²', dim: 2, minDim: 0, maxDim: null,
    plotBox: square([-5, 5]), plotRest: [],
    minimumRule: { offset: 0, perCoordinate: 0, coordinate: 0 }, globalMinima: [], localMinima: [],
  },
  {
    name: 'rastrigin', label: "Rastrigin's function", family: 'pohlheim', kind: 'function',
    formula: '10N + Σ (x_i² − 10 cos 2πx_i)', dim: 2, minDim: 0, maxDim: null,
    plotBox: square([-5, 5]), plotRest: [],
    minimumRule: { offset: 0, perCoordinate: 0, coordinate: 0 }, globalMinima: [], localMinima: [],
  },
  {
    name: 'powers', label: 'Sum of different powers', family: 'pohlheim', kind: 'function',
    formula: 'Σ |x_i|^(i+2)', dim: 2, minDim: 0, maxDim: null,
    plotBox: square([-5, 5]), plotRest: [],
    minimumRule: { offset: 0, perCoordinate: 0, coordinate: 0 }, globalMinima: [], localMinima: [],
  },
  {
    name: 'ackley', label: "Ackley's path", family: 'pohlheim', kind: 'function',
    formula: '−20·exp(−0.2·√(Σx_i²/N)) − exp(Σ cos(2πx_i)/N) + 20 + e', dim: 2, minDim: 1, maxDim: null,
    plotBox: square([-10, 10]), plotRest: [],
    minimumRule: { offset: 0, perCoordinate: 0, coordinate: 0 }, globalMinima: [], localMinima: [],
  },
  {
    name: 'michal', label: "Michalewicz's function", family: 'pohlheim', kind: 'function',
    formula: '−Σ sin(x_i)·sin((i+1)·x_i²/π)^20, 0 ≤ x_i ≤ π', dim: 5, minDim: 0, maxDim: null,
    plotBox: square([0, PI]), plotRest: MICHAL_MINIMIZER.slice(2), testBounds: [[0, PI]],
    globalMinima: [
      michalMinimum(1, -0.801303),
      michalMinimum(2, -1.8013034),
      michalMinimum(3, -2.760395),
      michalMinimum(5, -4.6876582),
    ],
    localMinima: [],
    note:
      'Separable: the N-dimensional minimizer is the first N of (2.20289811, 1.57078059, 1.28500168, 1.92305311, ' +
      "1.72047194). mystic's per-coordinate minima for coordinates 4 and 5 are off (their sum is right), so N = 4 is not listed.",
  },
  {
    name: 'branins', label: "Branin's rcos", family: 'pohlheim', kind: 'function',
    formula: '(x1 − 5.1x0²/(4π²) + 5x0/π − 6)² + 10(1 − 1/(8π))·cos x0 + 10', dim: 2, minDim: 2, maxDim: 2,
    plotBox: [[-10, 20], [-5, 25]], plotRest: [],
    globalMinima: [
      { x: [PI, 2.275], value: 0.397887 },
      { x: [-PI, 12.275], value: 0.397887 },
      { x: [3 * PI, 2.475], value: 0.397887 },
    ],
    localMinima: [],
    note: 'Degenerate global minimum 0.397887 (three minimizers listed).',
  },
  {
    name: 'easom', label: "Easom's function", family: 'pohlheim', kind: 'function',
    formula: '−cos x0·cos x1·exp(−((x0 − π)² + (x1 − π)²))', dim: 2, minDim: 2, maxDim: 2,
    plotBox: square([-5, 10]), plotRest: [],
    globalMinima: [{ x: [PI, PI], value: -1 }], localMinima: [],
  },
  {
    name: 'goldstein', label: 'Goldstein–Price', family: 'pohlheim', kind: 'function',
    formula: '(1 + (x0+x1+1)²(19 − 14x0 + 3x0² − 14x1 + 6x0x1 + 3x1²))·(30 + (2x0 − 3x1)²(18 − 32x0 + 12x0² + 48x1 − 36x0x1 + 27x1²))',
    dim: 2, minDim: 2, maxDim: 2,
    plotBox: square([-5, 5]), plotRest: [],
    globalMinima: [{ x: [0, -1], value: 3 }],
    localMinima: [
      { x: [-0.6, -0.4], value: 30 },
      { x: [1.8, 0.2], value: 84 },
    ],
  },
  {
    name: 'paviani', label: "Paviani's function", family: 'schittkowski', kind: 'function',
    formula: 'Σ (ln(x_i − 2)² + ln(10 − x_i)²) − (Π x_i)^0.2, +∞ outside 2 < x_i < 10', dim: 10, minDim: 1, maxDim: null,
    plotBox: square([2, 10]), plotRest: [], testBounds: [[2, 10]],
    globalMinima: [
      { x: repeat(1, 8.501586), value: 2.133838 },
      { x: repeat(3, 8.589578), value: 7.386004 },
      { x: repeat(5, 8.740743), value: 9.730525 },
      { x: repeat(8, 9.0869), value: -3.411859 },
      { x: repeat(10, 9.350241), value: -45.77847 },
    ],
    localMinima: [],
  },
  {
    name: 'wavy1', label: 'Wavy 1 (summed)', family: 'wavy', kind: 'function',
    formula: 'Σ |x_i + 3·sin(x_i + π) + π|', dim: 2, minDim: 1, maxDim: null,
    plotBox: square([-20, 20]), plotRest: [],
    minimumRule: { offset: 0, perCoordinate: 0, coordinate: -PI }, globalMinima: [], localMinima: [],
    note: 'mystic returns one value per coordinate (wavy1Vector); this is their sum, as its plotter hint reduces it.',
  },
  {
    name: 'wavy2', label: 'Wavy 2 (summed)', family: 'wavy', kind: 'function',
    formula: 'Σ (4 sin x_i + sin 4x_i + sin 8x_i + sin 16x_i + sin 32x_i + sin 64x_i)', dim: 2, minDim: 1, maxDim: null,
    plotBox: square([-10, 10]), plotRest: [],
    minimumRule: { offset: 0, perCoordinate: -6.987594, coordinate: 4.489843526 }, globalMinima: [], localMinima: [],
    note: 'Degenerate: the minimum repeats at x_i = 4.489843526 + 2kπ. mystic returns the vector (wavy2Vector).',
  },
  chebyshevInfo(2, polynomial.chebyshev2coeffs),
  chebyshevInfo(4, polynomial.chebyshev4coeffs),
  chebyshevInfo(6, polynomial.chebyshev6coeffs),
  chebyshevInfo(8, polynomial.chebyshev8coeffs, 'The DE acceptance problem A5: 90 members, Best1Exp, CR 1, F 0.9, VTR(0.01).'),
  chebyshevInfo(16, polynomial.chebyshev16coeffs),
  {
    name: 'decayCost', label: 'Silver decay fit (Bevington)', family: 'br8', kind: 'fit',
    formula: 'Σ ((a1 + a2·e^{−t/a4} + a3·e^{−t/a5} − counts)/√counts)² over 59 counts, t = 15…885 s',
    dim: 5, minDim: 5, maxDim: 5,
    plotBox: [[0, 100], [100, 2000]], plotRest: [128.36, 34.25, 209.5],
    testBounds: [[0, 100], [100, 2000], [100, 200], [1, 200], [1, 200]],
    globalMinima: [], localMinima: [],
    note: 'Test bounds are the ranges of mystic\'s example; a good fit has χ² near its 54 degrees of freedom, with mean lives near 34 s and 210 s.',
  },
];

/** The objective each {@link ModelInfo} describes, by name. */
export const modelObjectives: { readonly [name in ModelName]: (x: readonly number[]) => number } = {
  sphere: fn.sphere, rosen: fn.rosen, step: fn.step, quartic: fn.quartic, shekel: fn.shekel, corana: fn.corana,
  griewangk: fn.griewangk, zimmermann: fn.zimmermann, fosc3d: fn.fosc3d, nmin51: fn.nmin51, peaks: fn.peaks,
  venkat91: fn.venkat91, schwefel: fn.schwefel, ellipsoid: fn.ellipsoid, rastrigin: fn.rastrigin,
  powers: fn.powers, ackley: fn.ackley, michal: fn.michal, branins: fn.branins, easom: fn.easom,
  goldstein: fn.goldstein, paviani: fn.paviani, wavy1: fn.wavy1, wavy2: fn.wavy2,
  chebyshev2cost: polynomial.chebyshev2cost, chebyshev4cost: polynomial.chebyshev4cost,
  chebyshev6cost: polynomial.chebyshev6cost, chebyshev8cost: polynomial.chebyshev8cost,
  chebyshev16cost: polynomial.chebyshev16cost, decayCost,
};

/** The description of the objective `name`. */
export function getModelInfo(name: ModelName): ModelInfo {
  const info = modelInfo.find((entry) => entry.name === name);
  if (!info) throw new RangeError(`no model info for ${name}`);
  return info;
}

/** The known global minimum of `info` in `dim` coordinates (the default dimension if omitted), if any. */
export function globalMinimum(info: ModelInfo, dim = info.dim): KnownMinimum | undefined {
  const listed = info.globalMinima.find((minimum) => minimum.x.length === dim);
  if (listed) return listed;
  const rule = info.minimumRule;
  if (!rule || dim < info.minDim || (info.maxDim !== null && dim > info.maxDim)) return undefined;
  return { x: repeat(dim, rule.coordinate), value: rule.offset + rule.perCoordinate * dim };
}

/**
 * Search bounds for `info` in `dim` coordinates: its test bounds, else its plot box (the last range repeats).
 * A starting box for solvers and plots, not a guarantee that the minimum is inside (see zimmermann).
 */
export function modelBounds(info: ModelInfo, dim = info.dim): Bounds {
  const ranges = info.testBounds ?? info.plotBox;
  return Array.from({ length: dim }, (_, i) => {
    const [lo, hi] = ranges[Math.min(i, ranges.length - 1)] as Range;
    return [lo, hi];
  });
}
