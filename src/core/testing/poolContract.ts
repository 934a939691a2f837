/**
 * The contract every Pool implementation passes (SerialPool, WorkerPool, RemotePool): one suite, registered
 * through the test runner's describe/it, with its own assertions and no Node APIs, so the same suite runs
 * under vitest in Node and in a browser page.
 *
 *   poolContract('WorkerPool', () => new WorkerPool({ factory, size: 2 }), { describe, it }, { isolated: true });
 *
 * Tasks here are self-contained functions (they are shipped by source) or module tasks.
 */
import '../problem/importables';
import { SibylError } from '../errors';
import type { AsyncResult, Pool } from '../parallel/pool';
import { moduleTask } from '../parallel/task';
import { rosen } from '../models/index';

/** The part of a test runner the suite needs: vitest, mocha, Playwright's test.describe/test, or a page's own. */
export interface TestHarness {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
  /** When given, most tests share one pool (ended here), which saves starting workers for each test. */
  afterAll?(body: () => Promise<void>): void;
}

export interface PoolContractOptions {
  /**
   * Tasks run apart from the caller, in workers: functions must be self-contained, a synchronous endless loop
   * can be timed out or cancelled, and a task can end its worker.
   */
  readonly isolated: boolean;
  /**
   * A SharedArrayBuffer argument reaches the task as the same memory (default: true when isolated). False
   * for pools whose workers are on other machines (RemotePool), which copy what they send.
   */
  readonly sharedMemory?: boolean;
}

type PoolFactory = () => Pool | Promise<Pool>;

export function poolContract(name: string, create: PoolFactory, harness: TestHarness, options: PoolContractOptions): void {
  const { describe, it, afterAll } = harness;
  const { isolated } = options;
  /** Run a test body with a pool of its own, and end the pool whatever happens. */
  const withFreshPool = (body: (pool: Pool) => Promise<void>) => async () => {
    const pool = await create();
    try {
      await body(pool);
    } finally {
      await pool.terminate();
    }
  };
  // Tests that leave the pool open share one, which also shows that a pool goes on after failures.
  let shared: Promise<Pool> | undefined;
  if (afterAll) afterAll(async () => void (await (await shared)?.terminate()));
  const withPool = (body: (pool: Pool) => Promise<void>) =>
    afterAll
      ? async () => {
          shared ??= Promise.resolve(create());
          await body(await shared);
        }
      : withFreshPool(body);

  describe(`${name} (pool contract)`, () => {
    describe('map', () => {
      it('returns results in input order and zips several inputs like the built-in map', withPool(async (pool) => {
        equal(await pool.map((x: number, y: number) => x ** y, [1, 2, 3], [4, 5, 6]), [1, 32, 729]);
        equal(await pool.map((x: number, y: number) => x + y, [1, 2, 3], [10, 20]), [11, 22], 'the shortest input wins');
        const squares = await pool.map((x: number) => x * x, range(50));
        equal(squares, range(50).map((x) => x * x));
      }));

      it('takes generators and async iterables, and gives the same results for every chunk size', withPool(async (pool) => {
        function* count(n: number) {
          for (let i = 0; i < n; i++) yield i;
        }
        async function* later(n: number) {
          for (let i = 0; i < n; i++) yield 10 * i;
        }
        equal(await pool.map((a: number, b: number) => a - b, count(7), later(5)), [0, -9, -18, -27, -36]);
        for (const chunkSize of [1, 3, 7, 100]) {
          equal(await pool.withOptions({ chunkSize }).map((x: number) => x + 0.5, range(13)), range(13).map((x) => x + 0.5), `chunkSize ${chunkSize}`);
        }
      }));

      it('handles no inputs, and refuses a call without any input sequence', withPool(async (pool) => {
        equal(await pool.map((x: number) => x, []), []);
        await rejects(pool.map((x: number) => x, ...([] as unknown as [number[]])), SibylError, /at least one iterable/);
        await rejects(pool.map((x: number) => x, 5 as unknown as number[]), SibylError, /not iterable/);
      }));

      it('returns numbers exactly (NaN, -0, ±Infinity) and any structured value', withPool(async (pool) => {
        const points = [[1.5, -2], [NaN, 0], [Infinity, 3], [-0, 1e-300]];
        const values = await pool.map((x: number[]) => x[0], points);
        equal(values, [1.5, NaN, Infinity, -0]);
        equal(await pool.map((x: number[]) => x[0]! * 0 - 0, [[-0]]), [-0]);
        const mixed = await pool.map((x: number[]) => (x[0]! > 0 ? x.length : { sum: x[0]! + x[1]!, tag: 'neg' }), [[1, 2], [-1, -2], [3, 4]]);
        equal(mixed, [2, { sum: -3, tag: 'neg' }, 2]);
        equal(await pool.map((s: string, n: number) => s.repeat(n), ['ab', 'c'], [2, 3]), ['abab', 'ccc']);
      }));

      it('awaits tasks that return promises', withPool(async (pool) => {
        const delayed = (x: number) => new Promise<number>((resolve) => setTimeout(() => resolve(x * 3), 5));
        equal(await pool.map(delayed, range(6)), [0, 3, 6, 9, 12, 15]);
      }));

      it('passes the problem module objective of a population as one batch and returns its costs', withPool(async (pool) => {
        const source = `import { rosen } from 'sibyl/models';\nexport default { dim: 3, objective: (x: number[]) => rosen(x) };\n`;
        const population = range(40).map((i) => [i / 10 - 2, Math.sin(i), 1 - i / 40]);
        const costs = await pool.map<number>(moduleTask(source, 'default.objective'), population);
        equal(costs, population.map((x) => rosen(x)));
      }));
    });

    describe('tasks', () => {
      it('runs module tasks by export name, keeping a method objective bound to its object', withPool(async (pool) => {
        const source = `export const twice = (x: number): number => 2 * x;\nexport default { scale: 10, objective(x: number[]) { return this.scale * x[0]; } };\n`;
        equal(await pool.map<number>(moduleTask(source, 'twice'), [1, 2, 3]), [2, 4, 6]);
        equal(await pool.map<number>(moduleTask(source, 'default.objective'), [[1], [2]]), [10, 20]);
      }));

      it('compiles a module task once per worker, never per input', withPool(async (pool) => {
        const source = `let loads = 0;\nloads++;\nexport function loaded(): number { return loads; }\n`;
        const counts = await pool.withOptions({ chunkSize: 1 }).map<number>(moduleTask(source, 'loaded'), range(12));
        equal(counts, range(12).map(() => 1));
      }));

      it('refuses a module task that does not parse, at submission', withPool(async (pool) => {
        await rejects(pool.map(moduleTask('export const f = (x: number => x;', 'f'), [1]), 'ParseError', /syntax error/);
      }));

      it('reports a missing export by name', withPool(async (pool) => {
        await rejects(pool.map(moduleTask('export const f = 1;\n', 'g'), [1]), SibylError, /no function export 'g'/);
      }));

      if (isolated) {
        it('refuses a function that uses a variable from outside, at submission, naming it', withPool(async (pool) => {
          // Not a literal: a minifying build (the browser page's) would fold a constant into the function.
          const offset = pool.size + 2;
          const shifted = (x: number) => x + offset;
          // The variable as this build spells it ('offset', or what a minifier renamed it to).
          const spelled = /\+\s*([\w$]+)/.exec(String(shifted))?.[1] ?? 'offset';
          const name = new RegExp(`uses '${spelled.replace(/\$/g, '\\$')}' from outside`);
          await rejects(pool.map(shifted, [1, 2]), 'UnshippableTaskError', name);
          throws(() => pool.imap(shifted, [1, 2]), 'UnshippableTaskError', name);
          throws(() => pool.amap(shifted, [1, 2]), 'UnshippableTaskError', name);
          await rejects(pool.pipe(shifted, 1), 'UnshippableTaskError', name);
        }));

        it('refuses methods and built-in functions, which have no shippable source', withPool(async (pool) => {
          const holder = {
            triple(x: number) {
              return 3 * x;
            },
          };
          await rejects(pool.map(holder.triple, [1]), 'UnshippableTaskError', /method/);
          await rejects(pool.map(Math.sqrt, [4]), 'UnshippableTaskError', /built in or bound/);
        }));

        it('ships self-contained functions that use their own names, parameters and the standard globals', withPool(async (pool) => {
          function fib(n: number): number {
            return n < 2 ? n : fib(n - 1) + fib(n - 2);
          }
          const stats = (xs: number[]) => {
            const { length } = xs;
            let total = 0;
            for (const x of xs) total += x;
            return { mean: total / length, max: Math.max(...xs), label: `n=${length}`, kind: typeof process };
          };
          equal(await pool.map(fib, [10, 15]), [55, 610]);
          const [summary] = await pool.map(stats, [[1, 2, 6]]);
          equal([summary!.mean, summary!.max, summary!.label], [3, 6, 'n=3']);
        }));
      } else {
        it('calls any function in place, closures included', withPool(async (pool) => {
          const offset = 3;
          equal(await pool.map((x: number) => x + offset, [1, 2]), [4, 5]);
          equal(await pool.map(Math.sqrt, [4, 9]), [2, 3]);
        }));
      }
    });

    describe('imap and uimap', () => {
      const pause = (ms: number) => new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms));

      it('imap yields in input order, uimap in completion order', withPool(async (pool) => {
        const delays = [120, 0, 40, 10, 0, 60];
        equal(await collect(pool.imap(pause, delays)), delays);
        const finished = (ms: number) => new Promise<number[]>((resolve) => setTimeout(() => resolve([ms, Date.now()]), ms));
        const unordered = await collect(pool.uimap(finished, delays));
        equal([...unordered.map((r) => r[0]!)].sort((a, b) => a - b), [...delays].sort((a, b) => a - b));
        // Results from different workers may cross on their way back; allow for that, not for waiting on order.
        for (let i = 1; i < unordered.length; i++) {
          check(unordered[i]![1]! >= unordered[i - 1]![1]! - 20, `uimap yielded ${unordered[i]![0]} after ${unordered[i - 1]![0]}, which finished later`);
        }
        if (pool.size > 1) check(unordered[0]![0] !== 120, 'uimap waited for the slowest task first');
      }));

      it('reads its inputs lazily and stays a bounded window ahead of the reader', withPool(async (pool) => {
        let pulled = 0;
        let closed = false;
        function* naturals() {
          try {
            for (let i = 0; ; i++) {
              pulled++;
              yield i;
            }
          } finally {
            closed = true;
          }
        }
        const taken: number[] = [];
        for await (const value of pool.imap((x: number) => x * 2, naturals())) {
          taken.push(value);
          if (taken.length === 5) break;
        }
        equal(taken, [0, 2, 4, 6, 8]);
        check(pulled <= 5 + 8 * pool.size + 8, `imap read ${pulled} inputs for 5 results`);
        check(closed, 'the input generator was not closed when the reader stopped');
      }));

      it('stops at a failing task in order (imap) or when it fails (uimap)', withPool(async (pool) => {
        const failAtThree = (x: number) => {
          if (x === 3) throw new RangeError('three is bad');
          return x;
        };
        const seen: number[] = [];
        const error = await caught(async () => {
          for await (const value of pool.imap(failAtThree, range(8))) seen.push(value);
        });
        equal(seen, [0, 1, 2]);
        isError(error, 'TaskError', /three is bad/);
        equal((error as { index: number }).index, 3);
        isError(await caught(() => collect(pool.uimap(failAtThree, range(8)))), 'TaskError', /three is bad/);
      }));
    });

    describe('amap, apipe and pipe', () => {
      it('amap gives a handle: get(timeout), wait(timeout), ready(), successful(), and await', withPool(async (pool) => {
        const slow = (x: number) => new Promise<number>((resolve) => setTimeout(() => resolve(x + 1), 150));
        const result: AsyncResult<number[]> = pool.amap(slow, [1, 2]);
        check(!result.ready(), 'ready() before the work is done');
        throws(() => result.successful(), SibylError, /not ready/);
        await rejects(result.get(10), 'ResultTimeoutError', /10 ms/);
        equal(await result.wait(10), false);
        equal(await result.get(5000), [2, 3]);
        check(result.ready() && result.successful(), 'ready() and successful() once done');
        equal(await result.wait(), true);
        equal(await result, [2, 3]);
        equal(await pool.amap((x: number) => -x, [4]), [-4]);
      }));

      it('amap of a failing task is ready and not successful, and never an unhandled rejection', withPool(async (pool) => {
        const result = pool.amap((x: number) => {
          if (x > 1) throw new Error(`too big: ${x}`);
          return x;
        }, [1, 2, 3]);
        equal(await result.wait(5000), true);
        check(result.ready() && !result.successful(), 'a failed amap is ready and not successful');
        // Both failing chunks may run at once; whichever fails first is the one reported.
        await rejects(result.get(), 'TaskError', /too big: [23]/);
      }));

      it('pipe runs one call; apipe returns its handle', withPool(async (pool) => {
        equal(await pool.pipe((a: number, b: string) => `${b}${a}`, 7, 'x'), 'x7');
        const handle = pool.apipe((x: number) => new Promise<number>((resolve) => setTimeout(() => resolve(x * x), 20)), 9);
        equal(await handle.get(5000), 81);
        check(handle.successful(), 'apipe succeeded');
        await rejects(pool.pipe(() => {
          throw new TypeError('nope');
        }), 'TaskError', /nope/);
      }));
    });

    describe('failures', () => {
      it('a task that throws rejects with its message, its stack and the index of its input', withPool(async (pool) => {
        function failAtThree(x: number) {
          if (x === 3) throw new RangeError('three is bad');
          return x;
        }
        const error = await caught(() => pool.withOptions({ chunkSize: 2 }).map(failAtThree, range(10)));
        isError(error, 'TaskError', /^Task 3 threw: three is bad$/);
        const { index, causeMessage, causeStack } = error as { index: number; causeMessage: string; causeStack?: string };
        equal([index, causeMessage], [3, 'three is bad']);
        check(typeof causeStack === 'string' && causeStack.includes('three is bad'), 'the stack of the throw is kept');
        if (failAtThree.name === 'failAtThree') check(causeStack!.includes('failAtThree'), `the stack names the task: ${causeStack}`);
      }));

      it('map fails fast: the first failure rejects without waiting for the rest', withPool(async (pool) => {
        const task = (x: number) => (x === 0 ? Promise.reject(new Error('first fails')) : new Promise((resolve) => setTimeout(resolve, 100)));
        const started = Date.now();
        await rejects(pool.withOptions({ chunkSize: 1 }).map(task, range(20)), 'TaskError', /first fails/);
        check(Date.now() - started < 1000, `map took ${Date.now() - started} ms to report the failure`);
      }));

      it('a task past its timeout rejects with the index, counted from its start, while the others go on', withPool(async (pool) => {
        const hangAtThree = (x: number) => (x === 3 ? new Promise(() => {}) : new Promise((resolve) => setTimeout(() => resolve(x), 20)));
        const results: unknown[] = [];
        const error = await caught(async () => {
          for await (const value of pool.withOptions({ timeoutMs: 300, chunkSize: 1 }).uimap(hangAtThree, range(4))) results.push(value);
        });
        isError(error, 'TaskTimeoutError', /^Task 3 did not finish within 300 ms\.$/);
        equal((error as { index: number }).index, 3);
        equal([...results].sort(), [0, 1, 2]);
        // Queued tasks are not charged for the time they waited: 6 tasks of 60 ms, each under its 150 ms.
        const steady = (x: number) => new Promise((resolve) => setTimeout(() => resolve(x), 60));
        equal(await pool.withOptions({ timeoutMs: 150, chunkSize: 1 }).map(steady, range(6)), range(6));
      }));

      if (isolated) {
        it('a task that never returns is stopped by its timeout and its worker replaced', withPool(async (pool) => {
          const spin = (x: number) => {
            if (x === 1) for (;;);
            return x;
          };
          await rejects(pool.withOptions({ timeoutMs: 200, chunkSize: 1 }).map(spin, range(4)), 'TaskTimeoutError', /Task 1/);
          equal(await pool.map((x: number) => x + 1, range(5)), [1, 2, 3, 4, 5]);
        }));

        it('a worker that dies mid-batch is replaced, and the chunk rejected after its retries', withPool(async (pool) => {
          const exitAtTwo = `export function run(x: number): number {\n  if (x === 2) {\n    const g = globalThis as { process?: { exit(code: number): void }; close?: () => void };\n    if (g.process) g.process.exit(7);\n    else g.close?.();\n  }\n  return x;\n}\n`;
          const error = await caught(() => pool.withOptions({ chunkSize: 1 }).map(moduleTask(exitAtTwo, 'run'), range(4)));
          isError(error, 'WorkerCrashError', /task 2 died/);
          check((error as { attempts: number }).attempts > 1, 'the chunk was retried before giving up');
          equal(await pool.map((x: number) => x * 10, range(4)), [0, 10, 20, 30]);
        }));

        if (options.sharedMemory !== false && typeof SharedArrayBuffer === 'function') {
          it('a worker that dies once is replaced and its chunk retried successfully', withPool(async (pool) => {
            const dieOnce = `export function run(flag: SharedArrayBuffer, x: number): number {\n  if (x === 1 && Atomics.add(new Int32Array(flag), 0, 1) === 0) {\n    const g = globalThis as { process?: { exit(code: number): void }; close?: () => void };\n    if (g.process) g.process.exit(7);\n    else g.close?.();\n  }\n  return x * 2;\n}\n`;
            const flag = new SharedArrayBuffer(4);
            const results = await pool.withOptions({ chunkSize: 1 }).map<number>(moduleTask(dieOnce, 'run'), range(4).map(() => flag), range(4));
            equal(results, [0, 2, 4, 6]);
            equal(new Int32Array(flag)[0], 2);
          }));
        }
      }
    });

    describe('cancellation', () => {
      it('an AbortSignal cancels queued and running work with its reason', withPool(async (pool) => {
        const controller = new AbortController();
        const slow = (x: number) => new Promise((resolve) => setTimeout(() => resolve(x), 200));
        const started = Date.now();
        const mapping = pool.withOptions({ signal: controller.signal, chunkSize: 1 }).map(slow, range(20));
        setTimeout(() => controller.abort(new Error('stop now')), 50);
        await rejects(mapping, Error, /stop now/);
        check(Date.now() - started < 1000, `cancellation took ${Date.now() - started} ms`);
        equal(await pool.map((x: number) => x - 1, [1, 2]), [0, 1]);
      }));

      it('an already aborted signal runs nothing; an iterator rejects at its next read', withPool(async (pool) => {
        const aborted = new AbortController();
        aborted.abort(new Error('never started'));
        await rejects(pool.withOptions({ signal: aborted.signal }).map((x: number) => x, [1]), Error, /never started/);
        const controller = new AbortController();
        const stream = pool.withOptions({ signal: controller.signal }).imap((x: number) => new Promise((resolve) => setTimeout(() => resolve(x), 30)), range(10));
        equal((await stream.next()).value, 0);
        controller.abort(new Error('enough'));
        await rejects(stream.next(), Error, /enough/);
      }));

      if (isolated) {
        it('cancelling a task stuck in a loop ends its worker, and the pool goes on', withPool(async (pool) => {
          const controller = new AbortController();
          const stuck = pool.withOptions({ signal: controller.signal }).pipe(() => {
            for (;;);
          });
          setTimeout(() => controller.abort(new Error('unstuck')), 100);
          await rejects(stuck, Error, /unstuck/);
          equal(await pool.map((x: number) => 2 * x, [1, 2, 3]), [2, 4, 6]);
        }));
      }
    });

    describe('lifecycle', () => {
      it('refuses work after close(), in every verb', withFreshPool(async (pool) => {
        await pool.close();
        check(pool.closed, 'closed after close()');
        await rejects(pool.map((x: number) => x, [1]), 'PoolClosedError', /closed/);
        await rejects(pool.pipe((x: number) => x, 1), 'PoolClosedError', /closed/);
        throws(() => pool.imap((x: number) => x, [1]), 'PoolClosedError', /closed/);
        throws(() => pool.uimap((x: number) => x, [1]), 'PoolClosedError', /closed/);
        throws(() => pool.amap((x: number) => x, [1]), 'PoolClosedError', /closed/);
        throws(() => pool.apipe((x: number) => x, 1), 'PoolClosedError', /closed/);
      }));

      it('close() lets submitted work finish; terminate() rejects it', withFreshPool(async (pool) => {
        const slow = (x: number) => new Promise((resolve) => setTimeout(() => resolve(x), 60));
        const finishing = pool.map(slow, range(4));
        await pool.close();
        equal(await finishing, range(4));
        const other = await create();
        const abandoned = other.map(slow, range(4));
        await other.terminate();
        await rejects(abandoned, 'PoolClosedError', /terminated/);
      }));

      it('two pools are two pools, and await using closes one', withFreshPool(async (pool) => {
        const other = await create();
        await other.close();
        equal(await pool.map((x: number) => x * 2, [1, 2]), [2, 4]);
        const disposed = await create();
        await disposed[Symbol.asyncDispose]();
        check(disposed.closed && !pool.closed, 'disposing one pool leaves the other open');
      }));

      it('withOptions checks its options and shares the pool', withFreshPool(async (pool) => {
        throws(() => pool.withOptions({ chunkSize: 0 }), 'OptionError', /chunkSize/);
        throws(() => pool.withOptions({ timeoutMs: -1 }), 'OptionError', /timeoutMs/);
        const view = pool.withOptions({ chunkSize: 2 }).withOptions({ timeoutMs: 5000 });
        equal(view.size, pool.size);
        equal(await view.map((x: number) => x + 1, [1, 2, 3]), [2, 3, 4]);
        await view.close();
        check(pool.closed, 'closing a view closes its pool');
      }));
    });

    describe('nesting', () => {
      it('a task may map over an inner pool of another kind', withPool(async (pool) => {
        const source = `import { SerialPool } from 'sibyl';\nexport async function sumOfSquares(n: number): Promise<number> {\n  const inner = new SerialPool();\n  try {\n    const squares = await inner.map((k: number) => k * k, Array.from({ length: n }, (_, k) => k));\n    return squares.reduce((a, b) => a + b, 0);\n  } finally {\n    await inner.close();\n  }\n}\n`;
        equal(await pool.map<number>(moduleTask(source, 'sumOfSquares'), [1, 3, 10]), [0, 5, 285]);
      }));
    });
  });
}

// ----- assertions (the suite brings its own, so it needs nothing from the runner but describe and it) -----

class ContractFailure extends Error {
  override name = 'ContractFailure';
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new ContractFailure(message);
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function show(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? '-0' : v));
}

function equal(actual: unknown, expected: unknown, what = 'value'): void {
  check(same(actual, expected), `${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** An error of a kind: a class (instanceof) or the exact `name` the library gives its errors. */
type ErrorKind = string | (abstract new (...args: never[]) => Error);

function isError(error: unknown, kind: ErrorKind, pattern: RegExp): void {
  const label = typeof kind === 'string' ? kind : kind.name;
  check(error instanceof Error, `expected a ${label}, got ${show(error)}`);
  const e = error as Error;
  check(typeof kind === 'string' ? e.name === kind : e instanceof kind, `expected a ${label}, got ${e.name}: ${e.message}`);
  check(pattern.test(e.message), `${label} message ${show(e.message)} does not match ${String(pattern)}`);
}

async function caught(body: () => Promise<unknown>): Promise<unknown> {
  try {
    await body();
  } catch (error) {
    return error;
  }
  throw new ContractFailure('expected a failure, but it succeeded');
}

async function rejects(promise: Promise<unknown>, kind: ErrorKind, pattern: RegExp): Promise<void> {
  isError(await caught(() => promise), kind, pattern);
}

function throws(body: () => unknown, kind: ErrorKind, pattern: RegExp): void {
  let error: unknown;
  try {
    body();
  } catch (thrown) {
    error = thrown;
  }
  check(error !== undefined, `expected ${typeof kind === 'string' ? kind : kind.name} to be thrown`);
  isError(error, kind, pattern);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
