import { SibylError } from '../errors';
import type { Input } from './pool';

/** A slice of consecutive calls sent together. */
export interface Chunk {
  /** Index of its first call in the mapped sequence. */
  readonly first: number;
  /** The arguments of each call. */
  readonly args: readonly (readonly unknown[])[];
}

/** Chunks cut from the inputs one at a time, synchronously when every input is synchronous. */
export interface ChunkSource {
  next(): Chunk | undefined | Promise<Chunk | undefined>;
  /** Stop early: let the inputs release what they hold (generators' finally blocks run). */
  close(): void;
}

type AnyIterator = Iterator<unknown> | AsyncIterator<unknown>;

function iteratorOf(input: Input, position: number): { iterator: AnyIterator; async: boolean } {
  if ((typeof input === 'object' && input !== null) || typeof input === 'string') {
    const asyncMethod = (input as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator];
    if (typeof asyncMethod === 'function') return { iterator: asyncMethod.call(input), async: true };
    const syncMethod = (input as Partial<Iterable<unknown>>)[Symbol.iterator];
    if (typeof syncMethod === 'function') return { iterator: syncMethod.call(input), async: false };
  }
  throw new SibylError(`Input ${position + 1} is not iterable: map takes one iterable (an array, a generator, …) per argument of the task.`);
}

/** Check the inputs of a map and open them. At least one is needed, as in pathos. */
function openInputs(inputs: readonly Input[]): { iterators: AnyIterator[]; async: boolean } {
  if (inputs.length === 0) throw new SibylError('map needs at least one iterable of inputs.');
  const opened = inputs.map(iteratorOf);
  return { iterators: opened.map((o) => o.iterator), async: opened.some((o) => o.async) };
}

function closeAll(iterators: readonly AnyIterator[]): void {
  for (const iterator of iterators) {
    try {
      const closing = iterator.return?.();
      if (closing && 'then' in closing) closing.then(undefined, () => {});
    } catch {
      // An input that fails while being closed has nothing left to give.
    }
  }
}

/**
 * Zip the inputs into argument lists, one lazily produced chunk at a time: stops at the first exhausted
 * input, like the built-in map.
 */
export function chunkInputs(inputs: readonly Input[], chunkSize: number): ChunkSource {
  const { iterators, async } = openInputs(inputs);
  let index = 0;
  let ended = false;
  const end = (): undefined => {
    if (!ended) {
      ended = true;
      closeAll(iterators);
    }
    return undefined;
  };
  const nextSync = (): Chunk | undefined => {
    if (ended) return undefined;
    const args: unknown[][] = [];
    while (args.length < chunkSize) {
      const call: unknown[] = [];
      for (const iterator of iterators) {
        const step = (iterator as Iterator<unknown>).next();
        if (step.done) {
          end();
          break;
        }
        call.push(step.value);
      }
      if (ended) break;
      args.push(call);
    }
    return cut(args);
  };
  const nextAsync = async (): Promise<Chunk | undefined> => {
    if (ended) return undefined;
    const args: unknown[][] = [];
    while (args.length < chunkSize) {
      const call: unknown[] = [];
      for (const iterator of iterators) {
        const step = await iterator.next();
        if (step.done) {
          end();
          break;
        }
        call.push(step.value);
      }
      if (ended) break;
      args.push(call);
    }
    return cut(args);
  };
  const cut = (args: unknown[][]): Chunk | undefined => {
    if (args.length === 0) return undefined;
    const chunk = { first: index, args };
    index += args.length;
    return chunk;
  };
  return { next: async ? nextAsync : nextSync, close: end };
}

/** Read every input to the end (as map and amap do, to size their chunks) and zip them. */
export function readInputs(inputs: readonly Input[]): unknown[][] | Promise<unknown[][]> {
  if (inputs.length > 0 && inputs.every((input) => Array.isArray(input))) return zipArrays(inputs as readonly (readonly unknown[])[]);
  const source = chunkInputs(inputs, Infinity);
  const all = source.next();
  if (all instanceof Promise) return all.then((chunk) => (chunk?.args ?? []) as unknown[][]);
  return (all?.args ?? []) as unknown[][];
}

/** The common case, arrays (a population), zipped by index without the iterator protocol. */
function zipArrays(arrays: readonly (readonly unknown[])[]): unknown[][] {
  const count = Math.min(...arrays.map((array) => array.length));
  const calls = new Array<unknown[]>(count);
  if (arrays.length === 1) {
    const only = arrays[0] as readonly unknown[];
    for (let i = 0; i < count; i++) calls[i] = [only[i]];
    return calls;
  }
  for (let i = 0; i < count; i++) calls[i] = arrays.map((array) => array[i]);
  return calls;
}

/** Chunks over calls already read. */
export function sliceCalls(calls: readonly (readonly unknown[])[], chunkSize: number): ChunkSource {
  let first = 0;
  return {
    next: () => {
      if (first >= calls.length) return undefined;
      const chunk = { first, args: calls.slice(first, first + chunkSize) };
      first += chunkSize;
      return chunk;
    },
    close: () => {
      first = calls.length;
    },
  };
}
