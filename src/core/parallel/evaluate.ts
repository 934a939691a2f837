import { TaskError } from './errors';
import type { TaskFn } from './pool';

/** A TaskError for input `index` from whatever the task threw. */
export function taskError(index: number, thrown: unknown): TaskError {
  if (thrown instanceof Error) return new TaskError(index, thrown.message, thrown.stack);
  return new TaskError(index, String(thrown));
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Call `fn` on each argument list, in order, one after the other. Synchronous results stay synchronous, so a
 * cheap task costs no promise per call; the first asynchronous result switches to awaiting, through `wait`
 * (where a caller adds its timeout and cancellation). A throw becomes a TaskError with the input's index.
 */
export function evaluateCalls(
  fn: TaskFn<unknown[]>,
  calls: readonly (readonly unknown[])[],
  first: number,
  wait: (pending: PromiseLike<unknown>, index: number) => PromiseLike<unknown> = (pending) => pending,
): unknown[] | Promise<unknown[]> {
  const results = new Array<unknown>(calls.length);
  for (let i = 0; i < calls.length; i++) {
    const args = calls[i] as unknown[];
    let value: unknown;
    try {
      value = args.length === 1 ? fn(args[0]) : fn(...args);
    } catch (thrown) {
      throw taskError(first + i, thrown);
    }
    if (isThenable(value)) return finishAsync(fn, calls, first, wait, results, i, value);
    results[i] = value;
  }
  return results;
}

async function finishAsync(
  fn: TaskFn<unknown[]>,
  calls: readonly (readonly unknown[])[],
  first: number,
  wait: (pending: PromiseLike<unknown>, index: number) => PromiseLike<unknown>,
  results: unknown[],
  from: number,
  pending: PromiseLike<unknown>,
): Promise<unknown[]> {
  let value: unknown = pending;
  for (let i = from; i < calls.length; i++) {
    const index = first + i;
    if (i > from) {
      try {
        value = fn(...(calls[i] as unknown[]));
      } catch (thrown) {
        throw taskError(index, thrown);
      }
    }
    if (!isThenable(value)) {
      results[i] = value;
      continue;
    }
    const settled = Promise.resolve(value).then(undefined, (thrown: unknown) => {
      throw taskError(index, thrown);
    });
    results[i] = await wait(settled, index);
  }
  return results;
}
