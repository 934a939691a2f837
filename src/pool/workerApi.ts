import { transfer } from 'comlink';
import '../core/problem/importables';
import { errorMessage } from '../core/errors';
import { isThenable } from '../core/parallel/evaluate';
import type { TaskFn } from '../core/parallel/pool';
import { compileDescriptor } from '../core/parallel/task';
import { WorkerLane, type PostToPool } from './lane';
import type { ChunkInput, ChunkReply, ChunkRequest, TaskRef } from './wire';

/** Tasks compiled in this worker by hash; a task that failed to load keeps its message. */
const tasks = new Map<string, TaskFn<unknown[]> | { readonly failed: string }>();

function load(ref: TaskRef): TaskFn<unknown[]> | { readonly failed: string } {
  let task = tasks.get(ref.hash);
  if (!task) {
    if (ref.kind === 'known') return { failed: 'The worker lost a task it was sent before.' };
    try {
      task = compileDescriptor(ref);
    } catch (error) {
      task = { failed: errorMessage(error) };
    }
    tasks.set(ref.hash, task);
  }
  return task;
}

function threw(index: number, error: unknown): ChunkReply {
  if (error instanceof Error) return error.stack === undefined ? { kind: 'threw', index, message: error.message } : { kind: 'threw', index, message: error.message, stack: error.stack };
  return { kind: 'threw', index, message: String(error) };
}

/**
 * Call the task on every input of the chunk. The loop is synchronous, with no promise per input: results
 * that are promises are collected and awaited together at the end.
 */
function runChunk(task: TaskFn<unknown[]>, input: ChunkInput): ChunkReply | Promise<ChunkReply> {
  const count = input.kind === 'points' ? input.count : input.calls.length;
  const numbers = new Float64Array(count);
  let values: unknown[] | undefined;
  let pending: number[] | undefined;
  for (let i = 0; i < count; i++) {
    let result: unknown;
    try {
      if (input.kind === 'points') {
        const { data, dim } = input;
        const x = new Array<number>(dim);
        for (let j = 0, offset = i * dim; j < dim; j++) x[j] = data[offset + j] as number;
        result = task(x);
      } else {
        const args = input.calls[i] as unknown[];
        result = args.length === 1 ? task(args[0]) : task(...args);
      }
    } catch (error) {
      return threw(i, error);
    }
    if (values === undefined && typeof result === 'number') {
      numbers[i] = result;
      continue;
    }
    values ??= Array.from(numbers.subarray(0, i));
    values[i] = result;
    if (isThenable(result)) (pending ??= []).push(i);
  }
  if (!values) return transfer({ kind: 'numbers', data: numbers }, [numbers.buffer]);
  if (!pending) return { kind: 'values', values };
  return settleAll(values, pending);
}

async function settleAll(values: unknown[], pending: readonly number[]): Promise<ChunkReply> {
  const outcomes = await Promise.allSettled(pending.map((i) => values[i]));
  for (let k = 0; k < pending.length; k++) {
    const outcome = outcomes[k] as PromiseSettledResult<unknown>;
    const index = pending[k] as number;
    if (outcome.status === 'rejected') return threw(index, outcome.reason);
    values[index] = outcome.value;
  }
  return { kind: 'values', values };
}

/**
 * Replies still being computed on the event loop (tasks that return promises). The worker must not park
 * while there are any: parked, it runs no event loop, and they would never finish.
 */
let unsettled = 0;

function runRequest(request: ChunkRequest): ChunkReply | Promise<ChunkReply> {
  const task = load(request.task);
  if ('failed' in task) return { kind: 'unloadable', message: task.failed };
  const reply = runChunk(task, request.input);
  if (isThenable(reply)) {
    unsettled++;
    // Registered before whoever answers with the reply: the parking it schedules comes after the answer.
    void reply.then(() => {
      unsettled--;
      parkSoon();
    });
  }
  return reply;
}

/** The lane this worker parks on between chunks (lane.ts), and how it posts to its pool. */
let lane: WorkerLane | undefined;
let postToPool: PostToPool | undefined;

/** Called by the worker's entry, which knows how to post to the pool: the worker may then serve lanes. */
export function servesLanes(post: PostToPool): void {
  postToPool = post;
}

/**
 * Park on the lane once the reply to the current message has been posted (a task later), unless another
 * message has started work in the meantime.
 */
function parkSoon(): void {
  const parking = lane;
  const post = postToPool;
  if (!parking || !post) return;
  setTimeout(() => {
    if (lane === parking && unsettled === 0) parking.serve(runRequest, post);
  }, 0);
}

/** The object each pool worker exposes over Comlink. The main side imports its type only. */
export const workerApi = {
  /** Answers once the worker has loaded: the pool starts timing its first chunk from then. */
  ready(): true {
    return true;
  },
  run(request: ChunkRequest): ChunkReply | Promise<ChunkReply> {
    if (request.lane) lane = new WorkerLane(request.lane);
    else lane?.received();
    const reply = runRequest(request);
    if (!isThenable(reply)) parkSoon();
    return reply;
  },
};

export type WorkerApi = typeof workerApi;
