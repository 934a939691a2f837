/**
 * A Pool is pathos's map, honest in JavaScript. The solver hands it one batch of points per generation; the
 * pool returns the results in input order. SerialPool evaluates in the caller's thread; WorkerPool and
 * RemotePool implement the same interface and pass the same contract suite (src/core/testing/poolContract.ts).
 *
 * A task is either a plain function (SerialPool calls it; WorkerPool ships it by source when it is
 * self-contained) or a `ModuleTask`: module source plus an export name, compiled once per worker.
 */
export interface ModuleTask {
  readonly kind: 'module';
  /** ES module source (TypeScript or JavaScript) whose export `exportName` is the function to run. */
  readonly source: string;
  /** Export to call; for a problem module's objective this is `default.objective`. */
  readonly exportName: string;
}

export type TaskFn<A extends unknown[] = unknown[], R = unknown> = (...args: A) => R | Promise<R>;
export type Task<A extends unknown[] = unknown[], R = unknown> = TaskFn<A, R> | ModuleTask;

export interface MapOptions {
  /** Items per message; default as multiprocess: ceil(n / (4 × size)). */
  readonly chunkSize?: number;
  readonly signal?: AbortSignal;
}

export interface Pool {
  /** Number of workers (1 for SerialPool). */
  readonly size: number;
  /** Ordered, blocking-style map: zips the iterables like the built-in map and fails fast. */
  map<R>(task: Task<never[], R>, ...iterables: Iterable<unknown>[]): Promise<R[]>;
  /** Stop accepting work, let running work finish, release workers. */
  close(): Promise<void>;
  /** Stop at once, abandoning running work. */
  terminate(): Promise<void>;
}
