import { describe, expect, it } from 'vitest';
import { SibylError } from '../errors';
import { Random } from '../random';
import * as models from './index';
import {
  corana, michal, modelInfo, modelObjectives, noisyQuartic, paviani, peaks, quartic, rosen, schwefel, shekel, step,
  wavy1, wavy1Vector, wavy2, wavy2Vector, zimmermann, globalMinimum, getModelInfo, modelBounds,
  type KnownMinimum, type ModelInfo,
} from './index';

/** Reference §7's table, in its order. */
const REFERENCE_FUNCTIONS = [
  'sphere', 'rosen', 'step', 'quartic', 'shekel', 'corana', 'griewangk', 'zimmermann', 'fosc3d', 'nmin51', 'peaks',
  'venkat91', 'schwefel', 'ellipsoid', 'rastrigin', 'powers', 'ackley', 'michal', 'branins', 'easom', 'goldstein',
  'paviani', 'wavy1', 'wavy2',
] as const;

/**
 * How closely a value printed by the reference can be matched: one unit in its last printed decimal (at most
 * 1e-8, the brief's bar for values given to full precision), never tighter than 1e-10 relative.
 */
function printedTolerance(value: number): number {
  const decimals = (String(value).split('.')[1] ?? '').length;
  return Math.max(10 ** -Math.min(decimals, 8), 1e-10 * Math.abs(value));
}

/**
 * Displacements around a point: the full grid {−r, −r/2, 0, r/2, r}^N for N ≤ 3, else ±r and ±r/2 along every
 * axis plus 40 seeded random directions at both radii.
 */
function neighbourhood(dim: number, radius: number): number[][] {
  const steps = [-radius, -radius / 2, 0, radius / 2, radius];
  if (dim <= 3) {
    let grid: number[][] = [[]];
    for (let d = 0; d < dim; d++) grid = grid.flatMap((prefix) => steps.map((s) => [...prefix, s]));
    return grid;
  }
  const moves: number[][] = [];
  for (let d = 0; d < dim; d++) {
    for (const s of steps) if (s !== 0) moves.push(Array.from({ length: dim }, (_, j) => (j === d ? s : 0)));
  }
  const random = Random.fromSeed(7);
  for (let k = 0; k < 40; k++) {
    const direction = Array.from({ length: dim }, () => random.uniform(-1, 1));
    const norm = Math.hypot(...direction);
    for (const r of [radius, radius / 2]) moves.push(direction.map((v) => (v / norm) * r));
  }
  return moves;
}

/** Assert f(x) is the reference value and no point within `radius` of x is lower than it (beyond its precision). */
function expectMinimum(
  f: (x: readonly number[]) => number,
  minimum: KnownMinimum,
  tolerance = printedTolerance(minimum.value),
  radius = 1e-3,
): void {
  const at = f(minimum.x);
  expect(Math.abs(at - minimum.value), `f(${minimum.x.join(', ')}) = ${at}, expected ${minimum.value}`).toBeLessThanOrEqual(tolerance);
  let lowest = Infinity;
  let lowestAt: number[] = [];
  for (const move of neighbourhood(minimum.x.length, radius)) {
    const y = minimum.x.map((v, i) => v + (move[i] as number));
    const fy = f(y);
    if (fy < lowest) {
      lowest = fy;
      lowestAt = y;
    }
  }
  expect(lowest, `lower point near the minimum at ${lowestAt.join(', ')}`).toBeGreaterThanOrEqual(Math.min(at, minimum.value) - tolerance);
}

const functionInfo = modelInfo.filter((info) => info.kind === 'function');

describe('the exported test functions', () => {
  it('include every function of the reference table, each described once in modelInfo', () => {
    for (const name of REFERENCE_FUNCTIONS) {
      expect(typeof models[name]).toBe('function');
      expect(modelObjectives[name]).toBe(models[name]);
    }
    expect(functionInfo.map((info) => info.name)).toEqual([...REFERENCE_FUNCTIONS]);
    expect(new Set(modelInfo.map((info) => info.name)).size).toBe(modelInfo.length);
    for (const info of modelInfo) expect(modelObjectives[info.name]).toBeTypeOf('function');
  });

  it('give modelInfo as plain data that survives JSON', () => {
    expect(JSON.parse(JSON.stringify(modelInfo))).toEqual(modelInfo);
  });
});

describe.each(functionInfo.map((info): [string, ModelInfo] => [info.name, info]))('%s', (name, info) => {
  const f = modelObjectives[info.name];

  it('has a consistent description', () => {
    expect(info.dim).toBeGreaterThanOrEqual(info.minDim);
    if (info.maxDim !== null) expect(info.dim).toBeLessThanOrEqual(info.maxDim);
    for (const [lo, hi] of [...info.plotBox, ...(info.testBounds ?? [])]) expect(lo).toBeLessThan(hi);
    expect(modelBounds(info)).toHaveLength(info.dim);
    expect(globalMinimum(info) ?? info.globalMinima[0]).toBeDefined();
  });

  it('evaluates to a number at the default dimension', () => {
    const centre = modelBounds(info).map(([lo, hi]) => (lo + hi) / 2 + 0.123);
    expect(Number.isNaN(f(centre))).toBe(false);
  });

  it('takes the value the reference gives at each known global minimizer, with nothing lower nearby', () => {
    for (const minimum of info.globalMinima) expectMinimum(f, minimum);
    const rule = info.minimumRule;
    if (rule) {
      for (const dim of new Set([info.dim, info.minDim || 1, 3, 7])) {
        const minimum = globalMinimum(info, dim);
        // A rule's value is as precise as its printed parts, the per-coordinate part counted N times.
        if (minimum) expectMinimum(f, minimum, printedTolerance(rule.offset) + dim * printedTolerance(rule.perCoordinate));
      }
    }
    expect(info.globalMinima.length > 0 || rule !== undefined).toBe(true);
  });

  // Registered only where they apply, so the suite reports no skipped tests.
  if (info.localMinima.length > 0) {
    it('has its known local minima', () => {
      for (const minimum of info.localMinima) {
        expectMinimum(f, minimum);
        expect(minimum.value).toBeGreaterThan((info.globalMinima[0] as KnownMinimum).value);
      }
    });
  }

  if (info.maxDim === 2 && info.minDim === 2) {
    it('accepts exactly two coordinates, as mystic does', () => {
      expect(() => f([1, 2, 3])).toThrow(SibylError);
      expect(() => f([1])).toThrow(`${name} takes exactly 2 values, got 1.`);
    });
  }
});

describe('reference facts, function by function', () => {
  it('peaks: −6.551133332835841 at (0.22827892, −1.62553496) within 1e-8', () => {
    expect(peaks([0.22827892, -1.62553496])).toBeCloseTo(-6.551133332835841, 8);
  });

  it('schwefel: −418.98288727243374·N at 420.9687465, not the docstring\'s −(N+1)·418.98', () => {
    for (const n of [1, 2, 5, 10]) {
      expect(schwefel(new Array<number>(n).fill(420.9687465))).toBeCloseTo(-418.98288727243374 * n, 9);
    }
    expect(schwefel([420.9687465, 420.9687465])).toBeCloseTo(-837.97, 2);
  });

  it('michal: −1.8013034 for N = 2 and −4.6876582 for N = 5', () => {
    const x = [2.20289811, 1.57078059, 1.28500168, 1.92305311, 1.72047194];
    expect(michal(x.slice(0, 2))).toBeCloseTo(-1.8013034, 7);
    expect(michal(x)).toBeCloseTo(-4.6876582, 7);
  });

  it('michal: each listed coordinate is the best of its own channel on [0, π] (so the N ≤ 5 minima are global)', () => {
    const x = [2.20289811, 1.57078059, 1.28500168, 1.92305311, 1.72047194];
    x.forEach((best, i) => {
      // michal is separable and sin(0) = 0, so a point that is 0 except at i isolates coordinate i's term.
      const term = (v: number): number => michal(x.map((_, j) => (j === i ? v : 0)));
      let lowest = Infinity;
      for (let v = 0; v <= Math.PI; v += 1e-4) lowest = Math.min(lowest, term(v));
      // The minimizers are printed to 8 decimals (π/2 appears as 1.57078059), worth ~1e-8 in value.
      expect(lowest).toBeGreaterThanOrEqual(term(best) - 1e-7);
    });
  });

  it('paviani: the reference values for N = 1, 3, 5, 8, 10, and +∞ outside (2, 10)', () => {
    const table: [number, number, number][] = [
      [1, 8.501586, 2.133838], [3, 8.589578, 7.386004], [5, 8.740743, 9.730525], [8, 9.0869, -3.411859], [10, 9.350241, -45.77847],
    ];
    for (const [n, x, value] of table) expect(paviani(new Array<number>(n).fill(x))).toBeCloseTo(value, 6);
    expect(paviani([5, 10])).toBe(Infinity);
    expect(paviani([2, 5])).toBe(Infinity);
  });

  it('zimmermann: 0 at (7, 2) and the local 0.6969015 at (2.3547765, 5.948322)', () => {
    expect(zimmermann([7, 2])).toBe(0);
    expect(zimmermann([2.3547765, 5.948322])).toBeCloseTo(0.6969015, 7);
    // Each penalty switches on outside its constraint.
    expect(zimmermann([-1, 2])).toBe(100);
    expect(zimmermann([7.5, 2])).toBeCloseTo(100 * (4.5 * 4.5 - 16), 9);
  });

  it('wavy2: −6.987594 per coordinate at 4.489843526 (+2kπ); the vector form holds one value per coordinate', () => {
    const x = [4.489843526, 4.489843526 + 2 * Math.PI, 4.489843526 - 4 * Math.PI];
    for (const value of wavy2Vector(x)) expect(value).toBeCloseTo(-6.987594, 6);
    expect(wavy2(x)).toBeCloseTo(3 * -6.987594, 5);
  });

  it('wavy1: the scalar form sums the vector form, 0 at x_i = −π', () => {
    const x = [-1, 2.5, 7];
    expect(wavy1Vector(x)).toHaveLength(3);
    expect(wavy1(x)).toBeCloseTo(wavy1Vector(x).reduce((a, b) => a + b, 0), 12);
    expect(wavy1Vector([-Math.PI])[0]).toBeCloseTo(0, 15);
  });

  it('corana: 0 inside |x_i| < 0.05, a plateau value on the well at 0.2·k, and mystic\'s padding of short inputs', () => {
    expect(corana([0.01, -0.02, 0.03, -0.049])).toBe(0);
    // At x0 = 1 the nearest multiple of 0.2 is z = 1: 0.15·(1 − 0.05)²·d0.
    expect(corana([1, 0, 0, 0])).toBeCloseTo(0.15 * 0.95 * 0.95, 15);
    // Away from the wells it is the paraboloid d·x².
    expect(corana([0, 0.1, 0, 0])).toBeCloseTo(1000 * 0.01, 12);
    expect(corana([0.3])).toBe(corana([0.3, 0, 0, 0]));
    expect(corana([0.3, 0.7])).toBe(corana([0.3, 0, 0.7, 0]));
    expect(corana([0.3, 0.7, 0.9])).toBe(corana([0.3, 0, 0.7, 0.9]));
    expect(corana([0.3, 0.5, 0.7, 0.9, 123])).toBe(corana([0.3, 0.5, 0.7, 0.9]));
  });

  it('step: 30 − 6N anywhere on the plateau [−5.12, −5), walls outside ±5.12', () => {
    for (const n of [1, 5, 8]) {
      expect(step(new Array<number>(n).fill(-5.12))).toBe(30 - 6 * n);
      expect(step(new Array<number>(n).fill(-5.0001))).toBe(30 - 6 * n);
    }
    expect(step([-5, -5, -5, -5, -5])).toBe(5);
    expect(step([6.12])).toBeCloseTo(60, 9);
    // As coded, the lower wall is 30·(5.12 − x), which jumps from −6 to 307.2 at −5.12.
    expect(step([-6.12])).toBeCloseTo(30 + 30 * 11.24, 9);
  });

  it('shekel: 0 in the bottomless hole at (−32, −32), ~0.998 in the next one', () => {
    expect(shekel([-32, -32])).toBe(0);
    // One grid step away the k = 1 hole dominates: 1/(0.002 + 1/1 + far terms) ≈ 0.998.
    expect(shekel([-16, -32])).toBeCloseTo(0.998, 3);
  });

  it('rosen: 0 for fewer than two coordinates (mystic sums an empty range)', () => {
    expect(rosen([])).toBe(0);
    expect(rosen([5])).toBe(0);
    expect(rosen([0, 0])).toBe(1);
  });

  it('quartic: the noiseless part is Σ(i+1)x⁴; noisyQuartic adds one draw per coordinate from its source', () => {
    expect(quartic([1, 1, 1])).toBe(6);
    let draws = 0;
    const half = noisyQuartic(() => {
      draws++;
      return 0.5;
    });
    expect(half([1, 1, 1])).toBe(6 + 1.5);
    expect(draws).toBe(3);
    const random = Random.fromSeed(3);
    const noisy = noisyQuartic(() => random.random());
    const zeros = new Array<number>(30).fill(0);
    let mean = 0;
    for (let k = 0; k < 400; k++) mean += noisy(zeros) / 400;
    // The expected minimum is N/2 = 15; the mean of 400 samples has a standard deviation of ~0.08.
    expect(mean).toBeCloseTo(15, 0);
  });
});

describe('modelInfo helpers', () => {
  it('scale rule-based minima with the dimension and list tabulated ones', () => {
    expect(globalMinimum(getModelInfo('step'), 5)).toEqual({ x: [-5.06, -5.06, -5.06, -5.06, -5.06], value: 0 });
    expect(globalMinimum(getModelInfo('paviani'), 3)?.value).toBe(7.386004);
    expect(globalMinimum(getModelInfo('paviani'), 4)).toBeUndefined();
    expect(globalMinimum(getModelInfo('corana'), 5)).toBeUndefined();
    expect(globalMinimum(getModelInfo('rosen'))).toEqual({ x: [1, 1], value: 0 });
  });

  it('give bounds per coordinate, repeating the last range', () => {
    expect(modelBounds(getModelInfo('griewangk'), 3)).toEqual([[-400, 400], [-400, 400], [-400, 400]]);
    expect(modelBounds(getModelInfo('fosc3d'))).toEqual([[-2, 2], [-2, 2]]);
    expect(modelBounds(getModelInfo('branins'))).toEqual([[-10, 20], [-5, 25]]);
  });
});
