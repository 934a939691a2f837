import { ObjectiveError } from '../errors';
import { AdaptivePool } from '../parallel/adaptivePool';
import { TaskError } from '../parallel/errors';
import type { Pool } from '../parallel/pool';
import type { ObjectiveFn } from '../types';

/**
 * Evaluate a solver's batch through a pool, one chunk per worker: evaluations of one objective cost about
 * the same, so fewer, larger messages amortize their fixed cost (an AdaptivePool does the same itself).
 * A pool reports a throwing objective as a TaskError with the index of the input; the solver's user gets
 * what they would get without a pool, an ObjectiveError with the point, the objective's message and the
 * stack from where it ran (the worker).
 */
export async function mapObjective(pool: Pool, objective: ObjectiveFn, points: readonly number[][]): Promise<unknown[]> {
  if (points.length === 0) return [];
  // An AdaptivePool cuts its own chunks (and a view of one per batch would cost a generation a few µs).
  const view = pool instanceof AdaptivePool ? pool : pool.withOptions({ chunkSize: Math.ceil(points.length / Math.max(1, pool.size)) });
  try {
    return await view.map<unknown, [number[]]>(objective, points);
  } catch (error) {
    const point = error instanceof TaskError ? points[error.index] : undefined;
    if (!point) throw error;
    throw new ObjectiveError([...point], (error as TaskError).causeMessage, (error as TaskError).causeStack);
  }
}

/**
 * Whether a solver should evaluate its batches itself: without a pool, or with an AdaptivePool that has
 * decided for this thread (a decision it keeps). The solver's own loop then costs nothing per batch, which
 * matters for the objectives that made the pool decide so: the cheap ones.
 */
export function evaluatesInline(pool: Pool | undefined): pool is undefined | AdaptivePool {
  return pool === undefined || (pool instanceof AdaptivePool && pool.decision === 'inline');
}
