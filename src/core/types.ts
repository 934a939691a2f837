/** A point in parameter space. Plain arrays so points are structured-clone and JSON safe. */
export type Point = number[];

/** An objective: the raw cost of a point. May be asynchronous (evaluated remotely, or awaiting I/O). */
export type ObjectiveFn = (x: number[]) => number | Promise<number>;

/** A hard constraint in mystic's sense: maps any x to an x' that satisfies it (x' = c(x)). */
export type ConstraintFn = (x: number[]) => number[];

/** A soft constraint: a non-negative penalty added to the cost (cost(x) + p(x)). */
export type PenaltyFn = (x: number[]) => number;

/** Box bounds as [lo, hi] per dimension. */
export type Bounds = [number, number][];

/** A frozen view of one generation, handed to monitors and the studio (never live solver state). */
export interface SolverSnapshot {
  readonly generation: number;
  readonly evaluations: number;
  readonly bestSolution: readonly number[];
  readonly bestEnergy: number;
}
