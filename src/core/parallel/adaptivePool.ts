import { OptionError } from '../errors';
import { TaskError, TaskTimeoutError, WorkerCrashError } from './errors';
import { evaluateCalls } from './evaluate';
import { now } from './host';
import { readInputs } from './inputs';
import { checkTimeout, mergeOptions } from './options';
import type { Args, AsyncResult, Inputs, MapOptions, Pool, Task, TaskFn } from './pool';
import { resolveTask } from './task';

/** Where AdaptivePool evaluates a map: measured ('auto'), always through the pool, or always in this thread. */
export type Dispatch = 'auto' | 'pool' | 'inline';

export interface AdaptivePoolOptions {
  /** Default 'auto'. */
  readonly dispatch?: Dispatch;
  /** How long the first batch is evaluated inline before the rest goes to the pool, in ms (default 2). */
  readonly probeMs?: number;
  /**
   * The least one batch's trip through the pool costs, in ms (default 0.05: a message each way). When the
   * whole first batch ran inline in less than the pool could save on it (its time × (1 − 1/size)) plus
   * this, the pool is never tried: its workers are not even started. 0 always tries the pool.
   */
  readonly roundTripMs?: number;
}

/** What the measurements say; shared by an AdaptivePool and its option views. */
interface Measurements {
  /** Milliseconds per call, evaluated in this thread, best of the batches timed so far, and how many were timed. */
  inlinePerCall?: number;
  inlineSamples: number;
  /** Milliseconds per call through the pool, best of the batches timed so far, and how many were timed. */
  poolPerCall?: number;
  poolSamples: number;
  decision?: 'inline' | 'pool';
}

/** Batches timed through the pool before deciding: the first one pays for starting workers and compiling. */
const POOL_SAMPLES = 2;
/** Whole batches timed inline before the pool is tried: the first one pays for compiling the objective. */
const INLINE_SAMPLES = 2;

/**
 * A pool that evaluates a map in the caller's thread when that is faster. When one evaluation costs less
 * than a message, sending a batch to workers is slower than calling the objective inline; this pool
 * measures instead of guessing. In 'auto', the first batch is evaluated inline for up to `probeMs` (the
 * rest goes to the pool; a batch that fits is timed inline once more), the next batches go to the pool,
 * and from then on every map goes where it was cheaper per evaluation. A batch so cheap inline that the
 * pool could not win back one round trip on it (`roundTripMs`) decides 'inline' at once, so a cheap
 * objective never pays for starting workers. Through the pool, a map is sent as one chunk per worker (evaluations of one
 * objective cost about the same, so fewer, larger messages win).
 *
 * Only `map` adapts; the other verbs go to the wrapped pool. The inline path runs the task itself (a
 * function, or a module task compiled in this thread) like a SerialPool of synchronous tasks: `signal` is
 * checked before it starts, and `timeoutMs` does not apply. Closing this pool closes the wrapped one.
 */
export class AdaptivePool implements Pool {
  readonly dispatch: Dispatch;
  private readonly probeMs: number;
  private readonly roundTripMs: number;
  /** Shared with the views made by withOptions, which measure for the same pool. */
  private measured: Measurements = { inlineSamples: 0, poolSamples: 0 };
  private options: MapOptions = {};

  constructor(
    /** The pool to dispatch to. */
    readonly pool: Pool,
    options: AdaptivePoolOptions = {},
  ) {
    const dispatch = options.dispatch ?? 'auto';
    if (dispatch !== 'auto' && dispatch !== 'pool' && dispatch !== 'inline') {
      throw new OptionError('dispatch', `dispatch must be 'auto', 'pool' or 'inline', got '${String(dispatch)}'.`);
    }
    const probeMs = options.probeMs ?? 2;
    checkTimeout('probeMs', probeMs);
    const roundTripMs = options.roundTripMs ?? 0.05;
    checkTimeout('roundTripMs', roundTripMs);
    this.dispatch = dispatch;
    this.probeMs = probeMs;
    this.roundTripMs = roundTripMs;
  }

  get size(): number {
    return this.pool.size;
  }

  get closed(): boolean {
    return this.pool.closed;
  }

  /** Where maps go now: the forced choice, the measured one, or undefined while still measuring. */
  get decision(): 'inline' | 'pool' | undefined {
    return this.dispatch === 'auto' ? this.measured.decision : this.dispatch;
  }

  async map<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): Promise<R[]> {
    const loose = task as unknown as Task<never[]>;
    if (this.pool.closed) return this.pool.map(task, ...inputs);
    const calls = await readInputs(inputs);
    if (calls.length === 0) return [];
    const where = this.decision;
    if (where === 'inline') return (await this.inline(resolveTask(loose), calls, 0)) as R[];
    if (where === 'pool') return (await this.dispatched(loose, calls, 0)) as R[];
    return (await this.probe(loose, calls)) as R[];
  }

  imap<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): AsyncIterableIterator<R> {
    return this.pool.withOptions(this.options).imap(task, ...inputs);
  }

  uimap<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): AsyncIterableIterator<R> {
    return this.pool.withOptions(this.options).uimap(task, ...inputs);
  }

  amap<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): AsyncResult<R[]> {
    return this.pool.withOptions(this.options).amap(task, ...inputs);
  }

  pipe<R, A extends unknown[] = never[]>(task: Task<A, R>, ...args: Args<A>): Promise<R> {
    return this.pool.withOptions(this.options).pipe(task, ...args);
  }

  apipe<R, A extends unknown[] = never[]>(task: Task<A, R>, ...args: Args<A>): AsyncResult<R> {
    return this.pool.withOptions(this.options).apipe(task, ...args);
  }

  withOptions(options: MapOptions): Pool {
    const view = new AdaptivePool(this.pool, { dispatch: this.dispatch, probeMs: this.probeMs, roundTripMs: this.roundTripMs });
    view.measured = this.measured;
    view.options = mergeOptions(this.options, options);
    return view;
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  terminate(): Promise<void> {
    return this.pool.terminate();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * Undecided: time inline calls (up to probeMs) and the pool, then decide once both are known. Whole
   * batches that fit in probeMs are timed inline twice (the first pays for compiling the objective here)
   * before any goes to the pool; a batch that does not fit sends its rest to the pool at once.
   */
  private async probe(task: Task<never[]>, calls: unknown[][]): Promise<unknown[]> {
    const measured = this.measured;
    if (measured.inlineSamples >= INLINE_SAMPLES) {
      const started = now();
      const results = await this.dispatched(task, calls, 0);
      this.recordPool(now() - started, calls.length);
      return results;
    }
    const signal = this.options.signal;
    if (signal?.aborted) throw signal.reason;
    const fn = resolveTask(task);
    const started = now();
    let done = 0;
    const results: unknown[] = [];
    // Calls in runs of 1, 1, 2, 4, 8, … with no promise per call unless the task returns one, and the clock
    // read between runs: it must time the objective, not the loop around it (a run may pass probeMs by
    // as much as the runs before it took).
    for (let run = 1; done < calls.length && (done === 0 || now() - started < this.probeMs); run = done) {
      let values = evaluateCalls(fn, calls.slice(done, done + run), done);
      if (!Array.isArray(values)) values = await values;
      for (const value of values) results.push(value);
      done += values.length;
    }
    const elapsed = now() - started;
    measured.inlinePerCall = Math.min(measured.inlinePerCall ?? Infinity, elapsed / done);
    if (done === calls.length) {
      measured.inlineSamples++;
      // However many workers, the pool saves at most this much on the batch, and spends a round trip.
      if (elapsed * (1 - 1 / this.pool.size) < this.roundTripMs) measured.decision = 'inline';
      return results;
    }
    measured.inlineSamples = INLINE_SAMPLES;
    const rest = calls.slice(done);
    const restStarted = now();
    const restResults = await this.dispatched(task, rest, done);
    this.recordPool(now() - restStarted, rest.length);
    return results.concat(restResults);
  }

  private recordPool(elapsed: number, count: number): void {
    const measured = this.measured;
    const perCall = elapsed / count;
    measured.poolPerCall = Math.min(measured.poolPerCall ?? Infinity, perCall);
    measured.poolSamples++;
    if (measured.poolSamples >= POOL_SAMPLES && measured.inlinePerCall !== undefined) {
      measured.decision = measured.poolPerCall < measured.inlinePerCall ? 'pool' : 'inline';
    }
  }

  private inline(fn: TaskFn<unknown[]>, calls: unknown[][], first: number): Promise<unknown[]> {
    const signal = this.options.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    try {
      return Promise.resolve(evaluateCalls(fn, calls, first));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** One chunk per worker; indices in errors are shifted back to the caller's. */
  private async dispatched(task: Task<never[]>, calls: unknown[][], first: number): Promise<unknown[]> {
    const arity = calls[0]?.length ?? 0;
    const inputs = Array.from({ length: arity }, (_, j) => calls.map((call) => call[j]));
    const chunkSize = Math.ceil(calls.length / this.pool.size);
    try {
      return await this.pool.withOptions({ ...this.options, chunkSize }).map(task, ...inputs);
    } catch (error) {
      throw first === 0 ? error : shiftIndex(error, first);
    }
  }
}

/** The same failure, with its input index counted from `offset` inputs earlier. */
function shiftIndex(error: unknown, offset: number): unknown {
  if (error instanceof TaskError) return new TaskError(error.index + offset, error.causeMessage, error.causeStack);
  if (error instanceof TaskTimeoutError) return new TaskTimeoutError(error.index + offset, error.count, error.timeoutMs);
  if (error instanceof WorkerCrashError) return new WorkerCrashError(error.index + offset, error.count, error.attempts, error.reason);
  return error;
}
