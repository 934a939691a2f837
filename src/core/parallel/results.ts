import type { Chunk } from './inputs';

/** Where the results of one submitted call go, chunk by chunk. */
export interface RunSink {
  /** The results of a chunk, in input order. */
  accept(chunk: Chunk, values: ArrayLike<unknown>): void;
  /** A chunk failed (`chunk` given), or the whole call was cancelled or terminated. */
  fail(error: unknown, chunk?: Chunk): void;
  /** Every chunk has been run. */
  complete(): void;
}

/** map and amap: all results in input order; the first failure rejects. */
export class Collector implements RunSink {
  readonly promise: Promise<unknown[]>;
  private resolve!: (values: unknown[]) => void;
  private reject!: (error: unknown) => void;
  private settled = false;
  private readonly results: unknown[];

  constructor(count: number) {
    this.results = new Array<unknown>(count);
    this.promise = new Promise<unknown[]>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  accept(chunk: Chunk, values: ArrayLike<unknown>): void {
    if (this.settled) return;
    const results = this.results;
    for (let i = 0, j = chunk.first; i < values.length; i++, j++) results[j] = values[i];
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  complete(): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(this.results);
  }
}

interface Segment {
  readonly values: ArrayLike<unknown>;
  offset: number;
}

interface Waiter {
  resolve(result: IteratorResult<unknown>): void;
  reject(error: unknown): void;
}

/**
 * imap and uimap: results handed to a reader as they become deliverable (in input order, or in completion
 * order). Each chunk the reader has fully read is reported through `consumed`, which is how the pool keeps
 * only a bounded window of work ahead of the reader. Failures surface at the position they belong to.
 */
export class ResultStream implements RunSink, AsyncIterableIterator<unknown> {
  private readonly ready: Segment[] = [];
  /** Ordered mode: chunks that arrived before an earlier one, by their first index. */
  private readonly early = new Map<number, ArrayLike<unknown>>();
  /** Ordered mode: the index the next deliverable chunk must start at. */
  private expected = 0;
  private failure: { error: unknown; first: number } | undefined;
  private completed = false;
  private ended = false;
  private readonly waiters: Waiter[] = [];

  constructor(
    private readonly ordered: boolean,
    /** The reader has read one more chunk through. */
    private readonly consumed: () => void,
    /** The reader is gone, or the stream has ended with an error: nothing more is wanted. */
    private readonly abandon: () => void,
  ) {}

  accept(chunk: Chunk, values: ArrayLike<unknown>): void {
    if (this.ended) return;
    if (!this.ordered) this.ready.push({ values, offset: 0 });
    else {
      this.early.set(chunk.first, values);
      for (let next = this.early.get(this.expected); next; next = this.early.get(this.expected)) {
        this.early.delete(this.expected);
        this.ready.push({ values: next, offset: 0 });
        this.expected += next.length;
      }
    }
    this.serve();
  }

  fail(error: unknown, chunk?: Chunk): void {
    if (this.ended) return;
    // A chunk's failure comes after the results before it (in input order, or that arrived before it); a
    // cancellation applies at once. In input order, the earliest failing chunk is the one that counts.
    const at = chunk ? chunk.first : -1;
    if (!this.failure || (this.ordered && at < this.failure.first)) this.failure = { error, first: at };
    this.serve();
  }

  complete(): void {
    this.completed = true;
    this.serve();
  }

  next(): Promise<IteratorResult<unknown>> {
    return new Promise<IteratorResult<unknown>>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.serve();
    });
  }

  return(): Promise<IteratorResult<unknown>> {
    this.finish();
    this.serve();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private serve(): void {
    while (this.waiters.length > 0) {
      const waiter = this.waiters[0] as Waiter;
      if (this.ended) {
        this.waiters.shift();
        waiter.resolve({ done: true, value: undefined });
        continue;
      }
      const failure = this.failure;
      const due = failure && (failure.first < 0 || (this.ready.length === 0 && (!this.ordered || this.expected >= failure.first)));
      if (failure && due) {
        this.waiters.shift();
        this.finish();
        waiter.reject(failure.error);
        continue;
      }
      const segment = this.ready[0];
      if (segment) {
        this.waiters.shift();
        const value = segment.values[segment.offset++];
        if (segment.offset === segment.values.length) {
          this.ready.shift();
          this.consumed();
        }
        waiter.resolve({ done: false, value });
        continue;
      }
      if (this.completed) {
        this.waiters.shift();
        this.finish();
        waiter.resolve({ done: true, value: undefined });
        continue;
      }
      return;
    }
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.ready.length = 0;
    this.early.clear();
    this.abandon();
  }
}
