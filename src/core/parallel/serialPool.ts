import { BasePool, type ChunkJob } from './basePool';
import { TaskTimeoutError } from './errors';
import { evaluateCalls } from './evaluate';
import { after } from './host';
import type { Task, TaskFn } from './pool';
import { resolveTask } from './task';

/**
 * pathos's SerialPool: every task runs in the caller's thread, one at a time, in input order. Any function
 * can be a task (nothing is shipped); module tasks are compiled here, once per source.
 *
 * A task that is synchronous cannot be interrupted here: timeouts and cancellation act between tasks and
 * on tasks that return promises (the promise is abandoned). For work that must be stoppable while it
 * computes, use a WorkerPool.
 */
export class SerialPool extends BasePool<TaskFn<unknown[]>> {
  readonly size = 1;
  protected readonly capacity = 1;

  protected prepare(task: Task<never[]>): TaskFn<unknown[]> {
    return resolveTask(task);
  }

  protected execute({ task, chunk, timeoutMs, cancellation }: ChunkJob<TaskFn<unknown[]>>): Promise<ArrayLike<unknown>> {
    if (cancellation.cancelled) return Promise.reject(cancellation.reason);
    const wait = (pending: PromiseLike<unknown>, index: number): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const stopTimer = timeoutMs === undefined ? () => {} : after(timeoutMs, () => reject(new TaskTimeoutError(index, 1, timeoutMs)));
        const unsubscribe = cancellation.onCancel(reject);
        pending.then(
          (value) => {
            stopTimer();
            unsubscribe();
            resolve(value);
          },
          (error: unknown) => {
            stopTimer();
            unsubscribe();
            reject(error);
          },
        );
      });
    try {
      return Promise.resolve(evaluateCalls(task, chunk.args, chunk.first, wait));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  protected release(): Promise<void> {
    return Promise.resolve();
  }
}
