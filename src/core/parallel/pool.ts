/**
 * A Pool is pathos's map, honest in JavaScript. The solver hands it one batch of points per generation; the
 * pool returns the results in input order. SerialPool evaluates in the caller's thread; WorkerPool and
 * RemotePool implement the same interface and pass the same contract suite (src/core/testing/poolContract.ts).
 *
 * Lifecycle: a pool is created with its size, used by any number of callers at once, and ended by `close()`
 * (finish the work already submitted, then release the workers) or `terminate()` (reject everything and
 * release at once). There are no hidden singletons: two pools never share workers, and an ended pool refuses
 * new work with a PoolClosedError. Options that belong to a call (chunk size, cancellation, per-task timeout)
 * are set on a view, `pool.withOptions({ … })`, which shares the pool's workers.
 *
 * Errors: a problem with the task itself (a function that cannot be shipped, a pool used after close) is
 * reported at submission: `map` and `pipe` reject before anything runs, `imap`, `uimap`, `amap` and `apipe`
 * throw. Failures of the work (a task that throws, times out or kills its worker) reject the result with the
 * index of the input (TaskError, TaskTimeoutError, WorkerCrashError); cancellation rejects with the signal's
 * reason. `map` and `amap` fail fast: the first failure rejects and no further chunk is started.
 *
 * A task is either a plain function (SerialPool calls it; WorkerPool ships it by source when it is
 * self-contained) or a `ModuleTask`: module source plus an export name, compiled once per worker.
 */
export interface ModuleTask {
  readonly kind: 'module';
  /** ES module source (TypeScript or JavaScript) whose export `exportName` is the function to run. */
  readonly source: string;
  /** Export to call, a dotted path; for a problem module's objective this is `default.objective`. */
  readonly exportName: string;
}

export type TaskFn<A extends unknown[] = unknown[], R = unknown> = (...args: A) => R | Promise<R>;
export type Task<A extends unknown[] = unknown[], R = unknown> = TaskFn<A, R> | ModuleTask;

/** Inputs are iterated lazily, synchronously or not; `map` and `amap` read them all first to size chunks. */
export type Input<T = unknown> = Iterable<T> | AsyncIterable<T>;

/** One input sequence per task argument, zipped like the built-in map (the shortest wins). */
export type Inputs<A extends unknown[]> = number extends A['length'] ? Input[] : { [K in keyof A]: Input<A[K]> };

/** The arguments of one call: checked against the task's parameters when they are known. */
export type Args<A extends unknown[]> = number extends A['length'] ? unknown[] : A;

/** The part of the standard AbortSignal a pool uses (src/core has no DOM types); any AbortSignal fits. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface MapOptions {
  /** Inputs per message; default as multiprocess: ceil(n / (4 × size)) for map and amap, 1 otherwise. */
  readonly chunkSize?: number;
  /** Cancels queued and running work (running work's worker is terminated and replaced). */
  readonly signal?: AbortSignalLike;
  /**
   * Longest time one task may run, counted from its start. A chunk of k tasks may take k × timeoutMs; past
   * that its worker is terminated and replaced and the chunk rejects with TaskTimeoutError.
   */
  readonly timeoutMs?: number;
}

/**
 * The handle of `amap` and `apipe` (multiprocess's AsyncResult), also awaitable. It never raises an
 * unhandled rejection by itself: failures surface only through `get`, `then` or `await`.
 */
export interface AsyncResult<T> extends PromiseLike<T> {
  /** The value; with a timeout, rejects with ResultTimeoutError if not ready by then (the work goes on). */
  get(timeoutMs?: number): Promise<T>;
  /** Resolves when the result is ready or the timeout has passed, whichever comes first; true if ready. */
  wait(timeoutMs?: number): Promise<boolean>;
  /** Whether the work has finished, successfully or not. */
  ready(): boolean;
  /** Whether it finished without error; throws a SibylError while not ready. */
  successful(): boolean;
}

export interface Pool {
  /** Number of workers (1 for SerialPool). */
  readonly size: number;
  /** True once `close()` or `terminate()` was called. */
  readonly closed: boolean;
  /** Ordered map: zips the inputs like the built-in map, resolves with every result, fails fast. */
  map<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): Promise<R[]>;
  /** Ordered async iterable; inputs are read lazily and only a bounded window runs ahead of the reader. */
  imap<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): AsyncIterableIterator<R>;
  /** Like imap, but yields each result as soon as it is ready (completion order). */
  uimap<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): AsyncIterableIterator<R>;
  /** Asynchronous map: a handle on the ordered list of results. */
  amap<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): AsyncResult<R[]>;
  /** One call of the task on one worker. */
  pipe<R, A extends unknown[] = never[]>(task: Task<A, R>, ...args: Args<A>): Promise<R>;
  /** One call of the task on one worker, as a handle. */
  apipe<R, A extends unknown[] = never[]>(task: Task<A, R>, ...args: Args<A>): AsyncResult<R>;
  /** A view of this pool whose calls use these options (merged over the view's own); it shares the workers. */
  withOptions(options: MapOptions): Pool;
  /** Refuse new work, let submitted work finish, then release the workers. */
  close(): Promise<void>;
  /** Reject all submitted work and release the workers at once. */
  terminate(): Promise<void>;
  /** `await using pool = …` closes the pool at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void>;
}
