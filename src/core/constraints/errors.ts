import { SibylError } from '../errors';

/** Show a point compactly in messages: full precision, so the user can reproduce it. */
export function formatPoint(x: readonly number[]): string {
  return `[${x.join(', ')}]`;
}

/**
 * A constraint (or a penalty condition) that failed at a known point: it threw, or a combination of
 * constraints could not be satisfied within its cycle budget. Keeps the point so it can be reproduced.
 */
export class ConstraintError extends SibylError {
  override name = 'ConstraintError';
  constructor(
    message: string,
    /** The point at which the constraint failed. */
    readonly point: readonly number[],
  ) {
    super(message);
  }
}

/** Run a user-supplied function of x, turning anything it throws into a ConstraintError naming x. */
export function callAt<T>(what: string, fn: (x: number[]) => T, x: number[]): T {
  try {
    return fn(x);
  } catch (error) {
    if (error instanceof SibylError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConstraintError(`The ${what} threw at x = ${formatPoint(x)}: ${reason}`, [...x]);
  }
}
