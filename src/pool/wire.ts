import type { TaskDescriptor } from '../core/parallel/task';

/**
 * What crosses between a WorkerPool and its workers: one request and one reply per chunk, never per input.
 * Shared by both sides; plain, structured-clone-safe data.
 */

/** The task of a request: in full the first time a worker sees it, by its hash afterwards. */
export type TaskRef = TaskDescriptor | { readonly kind: 'known'; readonly hash: string };

/**
 * A chunk's inputs. Calls with one argument that is an array of numbers of one length (an objective over a
 * population) travel as one transferred Float64Array; anything else as the argument lists themselves.
 */
export type ChunkInput =
  | { readonly kind: 'points'; readonly data: Float64Array; readonly dim: number; readonly count: number }
  | { readonly kind: 'calls'; readonly calls: readonly (readonly unknown[])[] };

export interface ChunkRequest {
  readonly task: TaskRef;
  readonly input: ChunkInput;
  /** A new lane for the worker to park on between chunks (lane.ts), replacing the one it had. */
  readonly lane?: SharedArrayBuffer;
}

export type ChunkReply =
  /** Every result was a number: one transferred Float64Array. */
  | { readonly kind: 'numbers'; readonly data: Float64Array }
  | { readonly kind: 'values'; readonly values: readonly unknown[] }
  /** The task threw at input `index` of the chunk. */
  | { readonly kind: 'threw'; readonly index: number; readonly message: string; readonly stack?: string }
  /** The task could not be loaded in the worker (e.g. its module throws while loading). */
  | { readonly kind: 'unloadable'; readonly message: string };

/** How many points of how many numbers a chunk of calls holds. */
export interface PointsShape {
  readonly count: number;
  readonly dim: number;
}

/**
 * The shape of a chunk whose calls look like points (one argument, an array), judged by its first call
 * alone: `writePoints` checks the rest as it copies them.
 */
export function pointsShape(calls: readonly (readonly unknown[])[]): PointsShape | undefined {
  const head = calls[0];
  const point = head?.length === 1 ? head[0] : undefined;
  return Array.isArray(point) ? { count: calls.length, dim: point.length } : undefined;
}

/**
 * Copy the points of a chunk into `target`, point after point; false, with `target` partly written, at
 * the first call that is not a single array of `shape.dim` numbers.
 */
export function writePoints(calls: readonly (readonly unknown[])[], shape: PointsShape, target: Float64Array): boolean {
  const { count, dim } = shape;
  for (let i = 0, offset = 0; i < count; i++, offset += dim) {
    const call = calls[i] as readonly unknown[];
    const x = call[0];
    if (call.length !== 1 || !Array.isArray(x) || x.length !== dim) return false;
    for (let j = 0; j < dim; j++) {
      const v: unknown = x[j];
      if (typeof v !== 'number') return false;
      target[offset + j] = v;
    }
  }
  return true;
}

/** Pack a chunk's calls, as points when they are points. */
export function packCalls(calls: readonly (readonly unknown[])[]): ChunkInput {
  const shape = pointsShape(calls);
  if (!shape) return { kind: 'calls', calls };
  const data = new Float64Array(shape.count * shape.dim);
  return writePoints(calls, shape, data) ? { kind: 'points', data, ...shape } : { kind: 'calls', calls };
}
