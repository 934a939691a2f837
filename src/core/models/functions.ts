import { requireLength } from './length';

/**
 * mystic's test functions (mystic/models: dejong, storn, wolfram, nag, venkataraman, pohlheim, schittkowski,
 * wavy), as plain functions of a point. Each follows the formula mystic evaluates, including its quirks, and
 * accepts the lengths mystic's accepts: any length for the N-dimensional ones, exactly 2 for the fixed ones.
 * They are hot loops (rosen is the benchmark objective), so they index the array directly and allocate nothing.
 * Formulas, default dimensions and minima: docs/models.md and `modelInfo`.
 */

const TWO_PI = 2 * Math.PI;

// ── De Jong (Storn & Price's DE test suite) ────────────────────────────────────────────────────────────

/** De Jong's sphere: Σ x_i². Minimum 0 at the origin. */
export function sphere(x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    sum += xi * xi;
  }
  return sum;
}

/** Rosenbrock's saddle: Σ_{i<N-1} 100(x_{i+1} − x_i²)² + (1 − x_i)². Minimum 0 at x_i = 1; 0 for N < 2. */
export function rosen(x: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  let sum = 0;
  let xi = x[0] as number;
  for (let i = 1; i < n; i++) {
    const next = x[i] as number;
    const ridge = next - xi * xi;
    const offset = 1 - xi;
    // Square first, then scale, as numpy rounds it: Powell then matches mystic evaluation for evaluation.
    sum += 100 * (ridge * ridge) + offset * offset;
    xi = next;
  }
  return sum;
}

/**
 * De Jong's step function: 30 + Σ s(x_i), with s = floor(x) on [−5.12, 5.12], 30·(x − 5.12) above and
 * 30·(5.12 − x) below (as mystic codes it, so the lower wall starts at 307.2). Minimum 30 − 6N on the plateau
 * x_i ∈ [−5.12, −5).
 */
export function step(x: readonly number[]): number {
  let sum = 30;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    if (Math.abs(xi) <= 5.12) sum += Math.floor(xi);
    else if (xi > 5.12) sum += 30 * (xi - 5.12);
    else sum += 30 * (5.12 - xi);
  }
  return sum;
}

/**
 * De Jong's quartic without its noise: Σ (i+1) x_i⁴. Minimum 0 at the origin.
 *
 * mystic's `quartic` adds one uniform draw from [0, 1) per coordinate (so its expected minimum is N/2), taken
 * from Python's global `random`. Sibyl's core draws nothing implicitly, so the noisy form is
 * {@link noisyQuartic}, which takes its random source explicitly.
 */
export function quartic(x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const square = (x[i] as number) * (x[i] as number);
    sum += square * square * (i + 1);
  }
  return sum;
}

/**
 * mystic's noisy De Jong quartic: Σ ((i+1) x_i⁴ + u_i), one u_i ~ U[0, 1) drawn from `random` per coordinate
 * per call, so the expected minimum is N/2 at the origin. Pass a seeded source for reproducible runs, e.g.
 * `noisyQuartic(() => rng.random())` with `const rng = Random.fromSeed(1)` from 'sibyl'.
 */
export function noisyQuartic(random: () => number): (x: readonly number[]) => number {
  return (x) => {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const square = (x[i] as number) * (x[i] as number);
      sum += square * square * (i + 1) + random();
    }
    return sum;
  };
}

const FOXHOLE_CENTRES = [-32, -16, 0, 16, 32];

/**
 * Shekel's foxholes as mystic codes them: 1 / (0.002 + Σ_{k=0}^{24} 1 / (k + (x0 − a_k)⁶ + (x1 − b_k)⁶)), with
 * (a_k, b_k) running over the 5×5 grid {−32, −16, 0, 16, 32}² (a fastest). Because k starts at 0 the hole at
 * (−32, −32) has infinite depth, so the minimum there is exactly 0 (the classic form, k from 1, gives 0.998).
 */
export function shekel(x: readonly number[]): number {
  requireLength('shekel', x, 2);
  const x0 = x[0] as number;
  const x1 = x[1] as number;
  let sum = 0;
  for (let k = 0; k < 25; k++) {
    const d0 = x0 - (FOXHOLE_CENTRES[k % 5] as number);
    const d1 = x1 - (FOXHOLE_CENTRES[(k - (k % 5)) / 5] as number);
    const d0sq = d0 * d0;
    const d1sq = d1 * d1;
    // 1/0 is Infinity here, as mystic's explicit special case gives.
    sum += 1 / (k + d0sq * d0sq * d0sq + d1sq * d1sq * d1sq);
  }
  return 1 / (0.002 + sum);
}

// ── Storn: Corana, Griewangk, Zimmermann ──────────────────────────────────────────────────────────────

function coranaTerm(v: number, weight: number): number {
  const z = Math.floor(Math.abs(v / 0.2) + 0.49999) * Math.sign(v) * 0.2;
  if (Math.abs(v - z) < 0.05) {
    const shifted = z - 0.05 * Math.sign(z);
    return 0.15 * shifted * shifted * weight;
  }
  return weight * v * v;
}

/**
 * Corana's parabola: Σ_{j<4} d_j·c(x_j) with d = (1, 1000, 10, 100), where near each multiple z of 0.2
 * (|x − z| < 0.05) the paraboloid d·x² is replaced by the flat 0.15·(z − 0.05·sign z)²·d. Minimum 0 on the
 * plateau |x_i| < 0.05. Shorter inputs fill positions 0, 2, 3 as mystic does ((c0), (c0, ·, c1), (c0, ·, c1, c2));
 * coordinates past the fourth are ignored.
 */
export function corana(x: readonly number[]): number {
  const n = x.length;
  const c0 = n > 0 ? (x[0] as number) : 0;
  const c1 = n >= 4 ? (x[1] as number) : 0;
  const c2 = n >= 4 ? (x[2] as number) : n >= 2 ? (x[1] as number) : 0;
  const c3 = n >= 4 ? (x[3] as number) : n === 3 ? (x[2] as number) : 0;
  return coranaTerm(c0, 1) + coranaTerm(c1, 1000) + coranaTerm(c2, 10) + coranaTerm(c3, 100);
}

/** Griewangk: Σ x_i²/4000 − Π cos(x_i/√(i+1)) + 1. Minimum 0 at the origin. */
export function griewangk(x: readonly number[]): number {
  let squares = 0;
  let product = 1;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    squares += xi * xi;
    product *= Math.cos(xi / Math.sqrt(i + 1));
  }
  return squares / 4000 - product + 1;
}

/**
 * Zimmermann: max(9 − x0 − x1, penalties), each penalty 0 unless its constraint is violated: −100·x0 for
 * x0 < 0, −100·x1 for x1 < 0, 100·(q − 16) for q = (x0−3)² + (x1−2)² > 16, 100·(x0·x1 − 14) for x0·x1 > 14.
 * Minimum 0 at (7, 2); a local minimum 0.6969015 at (2.3547765, 5.948322).
 */
export function zimmermann(x: readonly number[]): number {
  requireLength('zimmermann', x, 2);
  const x0 = x[0] as number;
  const x1 = x[1] as number;
  const objective = 9 - x0 - x1;
  const negative0 = x0 < 0 ? -100 * x0 : 0;
  const negative1 = x1 < 0 ? -100 * x1 : 0;
  const distance = (x0 - 3) * (x0 - 3) + (x1 - 2) * (x1 - 2);
  const outsideDisc = distance > 16 ? 100 * (distance - 16) : 0;
  const product = x0 * x1;
  const aboveHyperbola = product > 14 ? 100 * (product - 14) : 0;
  return Math.max(objective, negative0, negative1, outsideDisc, aboveHyperbola);
}

// ── Mathematica examples (wolfram) ────────────────────────────────────────────────────────────────────

/** Trott's fOsc3D: −4·exp(−x0² − x1²) + sin(6x0)·sin(5x1), plus 100·x1² where x1 < 0. Minimum −4.50107. */
export function fosc3d(x: readonly number[]): number {
  requireLength('fosc3d', x, 2);
  const x0 = x[0] as number;
  const x1 = x[1] as number;
  const value = -4 * Math.exp(-x0 * x0 - x1 * x1) + Math.sin(6 * x0) * Math.sin(5 * x1);
  return x1 < 0 ? value + 100 * x1 * x1 : value;
}

/**
 * NMinimize example 51: exp(sin 50x0) + sin(60·e^{x1}) + sin(70·sin x0) + sin(sin 80x1) − sin(10(x0 + x1))
 * + (x0² + x1²)/4. Minimum −3.306869.
 */
export function nmin51(x: readonly number[]): number {
  requireLength('nmin51', x, 2);
  const x0 = x[0] as number;
  const x1 = x[1] as number;
  return (
    Math.exp(Math.sin(50 * x0)) +
    Math.sin(60 * Math.exp(x1)) +
    Math.sin(70 * Math.sin(x0)) +
    Math.sin(Math.sin(80 * x1)) -
    Math.sin(10 * (x0 + x1)) +
    0.25 * (x0 * x0 + x1 * x1)
  );
}

// ── NAG and Venkataraman ──────────────────────────────────────────────────────────────────────────────

/**
 * The peaks surface: 3(1−x0)²·exp(−x0² − (x1+1)²) − 10(x0/5 − x0³ − x1⁵)·exp(−x0² − x1²) − exp(−(x0+1)² − x1²)/3.
 * Minimum −6.551133332835841 at (0.22827892, −1.62553496).
 */
export function peaks(x: readonly number[]): number {
  requireLength('peaks', x, 2);
  const x0 = x[0] as number;
  const x1 = x[1] as number;
  const x0sq = x0 * x0;
  const x1sq = x1 * x1;
  const left = 1 - x0;
  const below = x1 + 1;
  const right = x0 + 1;
  return (
    3 * left * left * Math.exp(-x0sq - below * below) -
    10 * (x0 / 5 - x0sq * x0 - x1sq * x1sq * x1) * Math.exp(-x0sq - x1sq) -
    Math.exp(-right * right - x1sq) / 3
  );
}

/** Venkataraman's sinc: −20·sin(r)/r with r = √((x0−4)² + (x1−4)² + 0.1). Minimum −19.6683 at (4, 4). */
export function venkat91(x: readonly number[]): number {
  requireLength('venkat91', x, 2);
  const d0 = (x[0] as number) - 4;
  const d1 = (x[1] as number) - 4;
  const r = Math.sqrt(d0 * d0 + d1 * d1 + 0.1);
  return (-20 * Math.sin(r)) / r;
}

// ── Pohlheim's GEATbx suite ───────────────────────────────────────────────────────────────────────────

/**
 * Schwefel: Σ −x_i·sin(√|x_i|), meant for |x_i| ≤ 500 (not enforced, as in mystic). Minimum
 * −418.98288727243374·N at x_i = 420.9687465 (mystic's docstring says (N+1)·; N is what it computes).
 */
export function schwefel(x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    sum += -xi * Math.sin(Math.sqrt(Math.abs(xi)));
  }
  return sum;
}

/** Rotated hyper-ellipsoid: Σ_i (Σ_{j≤i} x_j)². Minimum 0 at the origin. */
export function ellipsoid(x: readonly number[]): number {
  let sum = 0;
  let prefix = 0;
  for (let i = 0; i < x.length; i++) {
    prefix += x[i] as number;
    sum += prefix * prefix;
  }
  return sum;
}

/** Rastrigin: 10N + Σ (x_i² − 10·cos 2πx_i). Minimum 0 at the origin. */
export function rastrigin(x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    sum += xi * xi - 10 * Math.cos(TWO_PI * xi);
  }
  return 10 * x.length + sum;
}

/** Sum of different powers: Σ |x_i|^(i+2). Minimum 0 at the origin. */
export function powers(x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i] as number) ** (i + 2);
  return sum;
}

/** Ackley's path: −20·exp(−0.2·√(Σx_i²/N)) − exp(Σcos(2πx_i)/N) + 20 + e. Minimum 0 at the origin; N ≥ 1. */
export function ackley(x: readonly number[]): number {
  const n = x.length;
  let squares = 0;
  let cosines = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    squares += xi * xi;
    cosines += Math.cos(TWO_PI * xi);
  }
  return -20 * Math.exp(-0.2 * Math.sqrt(squares / n)) + (-Math.exp(cosines / n) + 20 + Math.E);
}

/**
 * Michalewicz (steepness m = 20): −Σ sin(x_i)·sin((i+1)·x_i²/π)^20, on 0 ≤ x_i ≤ π. Separable: each coordinate
 * has its own narrow channel; N = 2 minimum −1.8013034, N = 5 minimum −4.6876582.
 */
export function michal(x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    sum += Math.sin(xi) * Math.sin(((i + 1) * xi * xi) / Math.PI) ** 20;
  }
  return -sum;
}

const BRANIN_B = 5.1 / (4 * Math.PI * Math.PI);
const BRANIN_C = 5 / Math.PI;
const BRANIN_F = 1 / (8 * Math.PI);

/**
 * Branin's rcos: (x1 − 5.1x0²/(4π²) + 5x0/π − 6)² + 10(1 − 1/(8π))·cos x0 + 10. Degenerate minimum 0.397887,
 * e.g. at (π, 2.275), (−π, 12.275), (3π, 2.475).
 */
export function branins(x: readonly number[]): number {
  requireLength('branins', x, 2);
  const x0 = x[0] as number;
  const valley = (x[1] as number) - BRANIN_B * x0 * x0 + BRANIN_C * x0 - 6;
  return valley * valley + (10 * (1 - BRANIN_F) * Math.cos(x0) + 10);
}

/** Easom: −cos x0·cos x1·exp(−((x0−π)² + (x1−π)²)). Minimum −1 at (π, π); flat 0 far away. */
export function easom(x: readonly number[]): number {
  requireLength('easom', x, 2);
  const x0 = x[0] as number;
  const x1 = x[1] as number;
  const d0 = x0 - Math.PI;
  const d1 = x1 - Math.PI;
  return -Math.cos(x0) * Math.cos(x1) * Math.exp(-(d0 * d0 + d1 * d1));
}

/**
 * Goldstein–Price: (1 + (x0+x1+1)²·(19 − 14x0 + 3x0² − 14x1 + 6x0x1 + 3x1²))
 * · (30 + (2x0 − 3x1)²·(18 − 32x0 + 12x0² + 48x1 − 36x0x1 + 27x1²)). Minimum 3 at (0, −1).
 */
export function goldstein(x: readonly number[]): number {
  requireLength('goldstein', x, 2);
  const x0 = x[0] as number;
  const x1 = x[1] as number;
  const sum = x0 + x1 + 1;
  const diff = 2 * x0 - 3 * x1;
  const first = 19 - 14 * x0 + 3 * x0 * x0 - 14 * x1 + 6 * x0 * x1 + 3 * x1 * x1;
  const second = 18 - 32 * x0 + 12 * x0 * x0 + 48 * x1 - 36 * x0 * x1 + 27 * x1 * x1;
  return (1 + sum * sum * first) * (30 + diff * diff * second);
}

// ── Hock & Schittkowski ───────────────────────────────────────────────────────────────────────────────

/**
 * Paviani (Hock–Schittkowski 110): Σ (ln(x_i − 2)² + ln(10 − x_i)²) − (Π x_i)^0.2, +∞ unless every
 * 2 < x_i < 10. N = 10 minimum −45.778470 at x_i = 9.350241; N ≥ 1.
 */
export function paviani(x: readonly number[]): number {
  let sum = 0;
  let product = 1;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    if (!(xi > 2 && xi < 10)) return Infinity;
    const low = Math.log(xi - 2);
    const high = Math.log(10 - xi);
    sum += low * low + high * high;
    product *= xi;
  }
  return sum - product ** 0.2;
}

// ── Wavy (vector-valued in mystic) ────────────────────────────────────────────────────────────────────

function wavy1Term(v: number): number {
  return Math.abs(v + 3 * Math.sin(v + Math.PI) + Math.PI);
}

function wavy2Term(v: number): number {
  return (
    4 * Math.sin(v) +
    Math.sin(4 * v) +
    Math.sin(8 * v) +
    Math.sin(16 * v) +
    Math.sin(32 * v) +
    Math.sin(64 * v)
  );
}

/** mystic's wavy1, one value per coordinate: |x_i + 3·sin(x_i + π) + π|. */
export function wavy1Vector(x: readonly number[]): number[] {
  return x.map(wavy1Term);
}

/** mystic's wavy2, one value per coordinate: 4 sin x_i + sin 4x_i + sin 8x_i + sin 16x_i + sin 32x_i + sin 64x_i. */
export function wavy2Vector(x: readonly number[]): number[] {
  return x.map(wavy2Term);
}

/**
 * wavy1 reduced to a scalar by summing its coordinates (mystic returns the vector and its examples reduce it
 * with numpy.add; the per-coordinate form is {@link wavy1Vector}). Minimum 0 at x_i = −π.
 */
export function wavy1(x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += wavy1Term(x[i] as number);
  return sum;
}

/**
 * wavy2 reduced to a scalar by summing its coordinates (see {@link wavy2Vector} for the vector mystic returns).
 * Degenerate minimum −6.987594 per coordinate at x_i = 4.489843526 + 2kπ.
 */
export function wavy2(x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += wavy2Term(x[i] as number);
  return sum;
}
