import { SibylError } from '../errors';
import { PromiseResult } from './asyncResult';
import { Cancellation } from './cancellation';
import { PoolClosedError } from './errors';
import { chunkInputs, readInputs, sliceCalls, type Chunk, type ChunkSource } from './inputs';
import { defaultChunkSize, mergeOptions } from './options';
import type { Args, AsyncResult, Input, Inputs, MapOptions, Pool, Task } from './pool';
import { Collector, ResultStream, type RunSink } from './results';

/** One chunk handed to an implementation. */
export interface ChunkJob<P> {
  /** The task, as the implementation prepared it at submission. */
  readonly task: P;
  readonly chunk: Chunk;
  /** Per-task timeout, counted from the task's start; undefined for none. */
  readonly timeoutMs: number | undefined;
  /** Fires when the call is cancelled or the pool terminated: drop the chunk, stop whatever runs it. */
  readonly cancellation: Cancellation;
}

/** Looser task type used inside the pool, where argument types no longer matter. */
type AnyTask = Task<never[]>;

/** How many chunks an iterator may have in flight or unread, per unit of capacity. */
const STREAM_WINDOW_PER_SLOT = 2;

/** One submitted call: where its chunks come from and where their results go. */
class Run<P> {
  /** Chunks being executed. */
  inFlight = 0;
  /** Chunks dispatched and not yet read (iterators only; bounded by `window`). */
  ahead = 0;
  /** A chunk is being read from an asynchronous input. */
  pulling = false;
  /** No more chunks to cut. */
  exhausted = false;
  /** Failed, cancelled or abandoned: no more chunks are dispatched. */
  stopped = false;

  constructor(
    readonly task: P,
    readonly source: ChunkSource,
    readonly sink: RunSink,
    readonly window: number,
    readonly timeoutMs: number | undefined,
    readonly cancellation: Cancellation,
    readonly unlink: () => void,
  ) {}

  get wantsWork(): boolean {
    return !this.stopped && !this.exhausted && !this.pulling && this.ahead < this.window;
  }

  get done(): boolean {
    return (this.stopped || this.exhausted) && this.inFlight === 0 && !this.pulling;
  }
}

/**
 * The verbs of a Pool over one primitive, `execute(chunk)`: inputs are zipped and cut into chunks lazily,
 * at most `capacity` chunks run at once across all calls (served round-robin), results are delivered in
 * the order each verb promises, and failures and cancellation follow the Pool contract (pool.ts).
 * Implementations decide where a chunk runs, and enforce timeouts, cancellation and crash recovery there.
 */
export abstract class BasePool<P> implements Pool {
  abstract readonly size: number;
  /** Chunks the implementation accepts at once. */
  protected abstract readonly capacity: number;
  /** Turn a task into the implementation's form; throw to refuse it at submission. */
  protected abstract prepare(task: AnyTask): P;
  /**
   * Run one chunk; resolve with its results in order, or reject with TaskError, TaskTimeoutError or
   * WorkerCrashError, or with the cancellation's reason once it fires.
   */
  protected abstract execute(job: ChunkJob<P>): Promise<ArrayLike<unknown>>;
  /** Release the workers: after the last call finished (close) or at once (terminate). */
  protected abstract release(): Promise<void>;

  private readonly runs: Run<P>[] = [];
  private readonly live = new Set<Run<P>>();
  private busy = 0;
  private isClosed = false;
  private ending: Promise<void> | undefined;
  private drained: (() => void) | undefined;

  get closed(): boolean {
    return this.isClosed;
  }

  map<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): Promise<R[]> {
    return this.mapWith({}, loose(task), inputs) as Promise<R[]>;
  }

  imap<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): AsyncIterableIterator<R> {
    return this.streamWith({}, loose(task), inputs, true) as AsyncIterableIterator<R>;
  }

  uimap<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): AsyncIterableIterator<R> {
    return this.streamWith({}, loose(task), inputs, false) as AsyncIterableIterator<R>;
  }

  amap<R, A extends unknown[] = never[]>(task: Task<A, R>, ...inputs: Inputs<A>): AsyncResult<R[]> {
    return this.amapWith({}, loose(task), inputs) as AsyncResult<R[]>;
  }

  pipe<R, A extends unknown[] = never[]>(task: Task<A, R>, ...args: Args<A>): Promise<R> {
    return this.pipeWith({}, loose(task), args) as Promise<R>;
  }

  apipe<R, A extends unknown[] = never[]>(task: Task<A, R>, ...args: Args<A>): AsyncResult<R> {
    return this.apipeWith({}, loose(task), args) as AsyncResult<R>;
  }

  withOptions(options: MapOptions): Pool {
    return this.view(mergeOptions({}, options));
  }

  close(): Promise<void> {
    this.isClosed = true;
    this.ending ??= new Promise<void>((resolve) => {
      this.drained = resolve;
      this.checkDrained();
    }).then(() => this.release());
    return this.ending;
  }

  async terminate(): Promise<void> {
    this.isClosed = true;
    const error = new PoolClosedError('The pool was terminated before this work finished.');
    for (const run of [...this.live]) this.stop(run, error);
    this.ending = this.release();
    return this.ending;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ----- the verbs with explicit options ---------------------------------------------------------------

  private mapWith(options: MapOptions, task: AnyTask, inputs: readonly Input[]): Promise<unknown[]> {
    try {
      const prepared = this.admit(task);
      const calls = readInputs(inputs);
      if (Array.isArray(calls)) return this.collect(prepared, calls, options);
      return calls.then((read) => this.collect(prepared, read, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private amapWith(options: MapOptions, task: AnyTask, inputs: readonly Input[]): AsyncResult<unknown[]> {
    const prepared = this.admit(task);
    const calls = readInputs(inputs);
    return new PromiseResult(Array.isArray(calls) ? this.collect(prepared, calls, options) : calls.then((read) => this.collect(prepared, read, options)));
  }

  private pipeWith(options: MapOptions, task: AnyTask, args: readonly unknown[]): Promise<unknown> {
    try {
      return this.collect(this.admit(task), [args], options).then((values) => values[0]);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private apipeWith(options: MapOptions, task: AnyTask, args: readonly unknown[]): AsyncResult<unknown> {
    return new PromiseResult(this.collect(this.admit(task), [args], options).then((values) => values[0]));
  }

  private streamWith(options: MapOptions, task: AnyTask, inputs: readonly Input[], ordered: boolean): AsyncIterableIterator<unknown> {
    const prepared = this.admit(task);
    const source = chunkInputs(inputs, options.chunkSize ?? 1);
    // The stream reports back to its run, which is made with it; neither callback runs before both exist.
    const stream = new ResultStream(
      ordered,
      () => {
        run.ahead--;
        this.pump();
      },
      () => this.stop(run),
    );
    const run = this.start(prepared, source, stream, this.capacity * STREAM_WINDOW_PER_SLOT, options);
    return stream;
  }

  private view(options: MapOptions): Pool {
    // A view shares everything with the pool but its options.
    const size = () => this.size;
    const closed = () => this.closed;
    return {
      get size() {
        return size();
      },
      get closed() {
        return closed();
      },
      map: (task, ...inputs) => this.mapWith(options, loose(task), inputs) as never,
      imap: (task, ...inputs) => this.streamWith(options, loose(task), inputs, true) as never,
      uimap: (task, ...inputs) => this.streamWith(options, loose(task), inputs, false) as never,
      amap: (task, ...inputs) => this.amapWith(options, loose(task), inputs) as never,
      pipe: (task, ...args) => this.pipeWith(options, loose(task), args) as never,
      apipe: (task, ...args) => this.apipeWith(options, loose(task), args) as never,
      withOptions: (more) => this.view(mergeOptions(options, more)),
      close: () => this.close(),
      terminate: () => this.terminate(),
      [Symbol.asyncDispose]: () => this.close(),
    };
  }

  // ----- scheduling ------------------------------------------------------------------------------------

  private admit(task: AnyTask): P {
    if (this.isClosed) throw new PoolClosedError('The pool is closed: create a new pool for more work.');
    return this.prepare(task);
  }

  private collect(task: P, calls: readonly (readonly unknown[])[], options: MapOptions): Promise<unknown[]> {
    if (this.isClosed) return Promise.reject(new PoolClosedError('The pool is closed: create a new pool for more work.'));
    if (calls.length === 0) return Promise.resolve([]);
    const collector = new Collector(calls.length);
    const chunkSize = options.chunkSize ?? defaultChunkSize(calls.length, this.size);
    this.start(task, sliceCalls(calls, chunkSize), collector, Infinity, options);
    return collector.promise;
  }

  private start(task: P, source: ChunkSource, sink: RunSink, window: number, options: MapOptions): Run<P> {
    const cancellation = new Cancellation();
    const signal = options.signal;
    let unlink = () => {};
    if (signal) {
      const onAbort = () => this.stop(run, signal.reason ?? new SibylError('The work was cancelled.'));
      signal.addEventListener('abort', onAbort);
      unlink = () => signal.removeEventListener('abort', onAbort);
    }
    const run: Run<P> = new Run(task, source, sink, window, options.timeoutMs, cancellation, unlink);
    this.live.add(run);
    if (signal?.aborted) this.stop(run, signal.reason ?? new SibylError('The work was cancelled.'));
    else {
      this.runs.push(run);
      this.pump();
    }
    return run;
  }

  /** Dispatch chunks while there is capacity, taking calls in turn so none starves another. */
  private pump(): void {
    while (this.busy < this.capacity) {
      const index = this.runs.findIndex((run) => run.wantsWork);
      if (index < 0) return;
      const run = this.runs[index] as Run<P>;
      this.runs.splice(index, 1);
      this.runs.push(run);
      this.busy++;
      run.pulling = true;
      let next: Chunk | undefined | Promise<Chunk | undefined>;
      try {
        next = run.source.next();
      } catch (error) {
        this.pulled(run, undefined, error);
        continue;
      }
      if (next instanceof Promise) {
        next.then(
          (chunk) => {
            this.pulled(run, chunk);
            this.pump();
          },
          (error: unknown) => {
            this.pulled(run, undefined, error);
            this.pump();
          },
        );
      } else this.pulled(run, next);
    }
  }

  private pulled(run: Run<P>, chunk: Chunk | undefined, error?: unknown): void {
    run.pulling = false;
    if (!chunk || run.stopped) {
      this.busy--;
      if (error !== undefined) this.stop(run, error);
      else if (!chunk) run.exhausted = true;
      this.retire(run);
      return;
    }
    run.inFlight++;
    run.ahead++;
    let running: Promise<ArrayLike<unknown>>;
    try {
      running = this.execute({ task: run.task, chunk, timeoutMs: run.timeoutMs, cancellation: run.cancellation });
    } catch (thrown) {
      running = Promise.reject(thrown);
    }
    running.then(
      (values) => {
        this.busy--;
        run.inFlight--;
        if (values.length === chunk.args.length) run.sink.accept(chunk, values);
        else this.fail(run, new SibylError(`A pool returned ${values.length} results for ${chunk.args.length} inputs.`), chunk);
        this.retire(run);
        this.pump();
      },
      (failure: unknown) => {
        this.busy--;
        run.inFlight--;
        this.fail(run, failure, chunk);
        this.retire(run);
        this.pump();
      },
    );
  }

  /** A chunk failed: the call stops dispatching (fail fast); chunks already running finish. */
  private fail(run: Run<P>, error: unknown, chunk: Chunk): void {
    if (!run.stopped) this.halt(run);
    run.sink.fail(error, chunk);
  }

  /** Cancel a call: drop its queued chunks, let the implementation stop the running ones. */
  private stop(run: Run<P>, reason?: unknown): void {
    if (reason !== undefined) {
      run.cancellation.cancel(reason);
      run.sink.fail(reason);
    }
    if (!run.stopped) this.halt(run);
    this.retire(run);
  }

  private halt(run: Run<P>): void {
    run.stopped = true;
    run.source.close();
    run.unlink();
    const index = this.runs.indexOf(run);
    if (index >= 0) this.runs.splice(index, 1);
  }

  /** Finish a call whose chunks are all done. */
  private retire(run: Run<P>): void {
    if (!run.done || !this.live.has(run)) return;
    this.live.delete(run);
    if (!run.stopped) {
      this.halt(run);
      run.sink.complete();
    }
    this.checkDrained();
  }

  private checkDrained(): void {
    if (this.drained && this.live.size === 0 && this.busy === 0) this.drained();
  }
}

function loose<A extends unknown[], R>(task: Task<A, R>): AnyTask {
  return task as unknown as AnyTask;
}
