import { SibylError } from '../errors';

/** A task threw: keeps the index of its input and the message and stack from where it ran (e.g. a worker). */
export class TaskError extends SibylError {
  override name = 'TaskError';
  constructor(
    /** Position of the failing input in the mapped sequence (0 for pipe). */
    readonly index: number,
    /** The thrown error's own message. */
    readonly causeMessage: string,
    /** The thrown error's stack where it was thrown, if it had one. */
    readonly causeStack?: string,
  ) {
    super(`Task ${index} threw: ${causeMessage}`);
    if (causeStack !== undefined) this.stack = `${this.name}: ${this.message}\n${causeStack}`;
  }
}

/** Tasks ran past their per-task timeout (a worker running them is terminated and replaced). */
export class TaskTimeoutError extends SibylError {
  override name = 'TaskTimeoutError';
  constructor(
    /** Index of the first input of the chunk that timed out. */
    readonly index: number,
    /** Number of inputs in that chunk. */
    readonly count: number,
    readonly timeoutMs: number,
  ) {
    super(`${describeRange(index, count)} did not finish within ${count > 1 ? `${count} × ` : ''}${timeoutMs} ms.`);
  }
}

/** A worker died while running tasks, again on every retry. */
export class WorkerCrashError extends SibylError {
  override name = 'WorkerCrashError';
  constructor(
    /** Index of the first input of the chunk that was running. */
    readonly index: number,
    /** Number of inputs in that chunk. */
    readonly count: number,
    /** How many times the chunk was tried. */
    readonly attempts: number,
    /** What the runtime said about the worker's end (exit code, error). */
    readonly reason: string,
  ) {
    super(`The worker running ${describeRange(index, count).toLowerCase()} died ${attempts === 1 ? 'once' : `${attempts} times`} (${reason}).`);
  }
}

/** The pool was closed or terminated: it accepts no new work, and terminate rejects the work it had. */
export class PoolClosedError extends SibylError {
  override name = 'PoolClosedError';
}

/** `get(timeoutMs)` gave up waiting; the work itself goes on. */
export class ResultTimeoutError extends SibylError {
  override name = 'ResultTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`The result was not ready within ${timeoutMs} ms.`);
  }
}

/** A function that cannot run elsewhere than where it was defined, refused at submission. */
export class UnshippableTaskError extends SibylError {
  override name = 'UnshippableTaskError';
  constructor(
    /** The function's name, or 'anonymous'. */
    readonly functionName: string,
    message: string,
    /** Variables it uses from outside its own source, if that is the reason. */
    readonly freeVariables: readonly string[] = [],
  ) {
    super(message);
  }
}

function describeRange(index: number, count: number): string {
  return count === 1 ? `Task ${index}` : `Tasks ${index}–${index + count - 1}`;
}
