import type { Random } from '../random';
import type { Bounds, ConstraintFn } from '../types';

/** What an inner optimization is asked to do (asConstraint, imposeExpectation, setExpect). */
export interface MinimizeProblem {
  readonly cost: (x: number[]) => number;
  /** Start point; without it the search starts at a random point of `bounds`. */
  readonly x0?: readonly number[];
  /** Box bounds [lo, hi] per dimension; required when there is no x0. */
  readonly bounds?: Bounds;
  /** Stop as soon as the cost is at or below this value. */
  readonly target?: number;
  /** Upper bound on cost evaluations. */
  readonly maxEvaluations?: number;
  /** Hard constraints applied to every candidate before it is evaluated. */
  readonly constraints?: ConstraintFn;
  /** The source of every random draw, so the outer run stays reproducible. */
  readonly random: Random;
}

export interface MinimizeResult {
  readonly x: number[];
  readonly cost: number;
  readonly evaluations: number;
}

/**
 * A synchronous optimizer. Constraints are synchronous (x' = c(x)), so whatever runs inside one must be too:
 * the lead may pass a synchronous adapter of a solver from src/core/solvers; `nelderMeadMinimize` is the
 * built-in default.
 */
export type Minimizer = (problem: MinimizeProblem) => MinimizeResult;

const DEFAULT_MAX_EVALUATIONS = 20_000;

/**
 * Nelder–Mead with random restarts, clipped to the bounds: small and dependable for the low-dimensional inner
 * problems here (driving a penalty to zero, matching an expectation). Restarts draw from `random` inside the
 * bounds (or around x0 when there are none) whenever a simplex collapses above the target.
 */
export const nelderMeadMinimize: Minimizer = (problem) => {
  const { random, bounds } = problem;
  const target = problem.target ?? -Infinity;
  const budget = problem.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  const constrain = problem.constraints ?? ((x: number[]) => x);
  const dim = problem.x0?.length ?? bounds?.length ?? 0;
  if (dim === 0) throw new RangeError('minimize needs x0 or bounds to know the dimension');

  const clip = (x: number[]): number[] =>
    bounds ? x.map((v, i) => Math.min(Math.max(v, bounds[i]![0]), bounds[i]![1])) : x;
  let evaluations = 0;
  let best = { x: [] as number[], cost: Infinity };
  const evaluate = (raw: number[]): { x: number[]; cost: number } => {
    const x = clip(constrain(clip(raw)));
    evaluations += 1;
    const value = problem.cost(x);
    const cost = Number.isNaN(value) ? Infinity : value;
    if (cost < best.cost) best = { x, cost };
    return { x, cost };
  };
  const randomPoint = (): number[] =>
    Array.from({ length: dim }, (_, i) => {
      const b = bounds?.[i];
      if (b && Number.isFinite(b[0]) && Number.isFinite(b[1])) return random.uniform(b[0], b[1]);
      const centre = problem.x0?.[i] ?? 0;
      return centre + random.uniform(-1, 1) * Math.max(1, Math.abs(centre));
    });

  let start = problem.x0 ? [...problem.x0] : randomPoint();
  while (evaluations < budget && best.cost > target) {
    const scale = start.map((v, i) => {
      const b = bounds?.[i];
      const width = b && Number.isFinite(b[1] - b[0]) ? b[1] - b[0] : Math.max(1, Math.abs(v));
      return 0.05 * width;
    });
    let simplex = [evaluate(start)];
    for (let i = 0; i < dim; i++) {
      const vertex = [...start];
      vertex[i] = vertex[i]! + scale[i]!;
      simplex.push(evaluate(vertex));
    }
    while (evaluations < budget && best.cost > target) {
      simplex.sort((a, b) => a.cost - b.cost);
      const lo = simplex[0]!;
      const hi = simplex[dim]!;
      const size = Math.max(...simplex.map((v) => Math.max(...v.x.map((c, i) => Math.abs(c - lo.x[i]!)))));
      if (size < 1e-12 || hi.cost - lo.cost < 1e-16) break;
      const centroid = lo.x.map((_, i) => simplex.slice(0, dim).reduce((s, v) => s + v.x[i]!, 0) / dim);
      const along = (t: number): number[] => centroid.map((c, i) => c + t * (hi.x[i]! - c));
      const reflected = evaluate(along(-1));
      if (reflected.cost < lo.cost) {
        const expanded = evaluate(along(-2));
        simplex[dim] = expanded.cost < reflected.cost ? expanded : reflected;
      } else if (reflected.cost < simplex[dim - 1]!.cost) {
        simplex[dim] = reflected;
      } else {
        const contracted = evaluate(along(reflected.cost < hi.cost ? -0.5 : 0.5));
        if (contracted.cost < Math.min(hi.cost, reflected.cost)) simplex[dim] = contracted;
        else simplex = simplex.map((v, k) => (k === 0 ? v : evaluate(v.x.map((c, i) => lo.x[i]! + 0.5 * (c - lo.x[i]!)))));
      }
    }
    start = randomPoint();
  }
  return { x: best.x, cost: best.cost, evaluations };
};
