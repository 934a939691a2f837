import { SibylError } from '../errors';
import { ResultTimeoutError } from './errors';
import { after } from './host';
import type { AsyncResult } from './pool';
import { checkTimeout } from './options';

/** An AsyncResult over a promise. Marks the promise handled, so an ignored failure is not a crash. */
export class PromiseResult<T> implements AsyncResult<T> {
  private state: 'pending' | 'fulfilled' | 'rejected' = 'pending';

  constructor(private readonly promise: Promise<T>) {
    promise.then(
      () => (this.state = 'fulfilled'),
      () => (this.state = 'rejected'),
    );
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.promise.then(onFulfilled, onRejected);
  }

  get(timeoutMs?: number): Promise<T> {
    if (timeoutMs === undefined || this.state !== 'pending') return this.promise;
    checkTimeout('timeoutMs', timeoutMs);
    return new Promise<T>((resolve, reject) => {
      const cancel = after(timeoutMs, () => reject(new ResultTimeoutError(timeoutMs)));
      this.promise.then(
        (value) => {
          cancel();
          resolve(value);
        },
        (error: unknown) => {
          cancel();
          reject(error);
        },
      );
    });
  }

  wait(timeoutMs?: number): Promise<boolean> {
    if (this.state !== 'pending') return Promise.resolve(true);
    const settled = this.promise.then(
      () => true,
      () => true,
    );
    if (timeoutMs === undefined) return settled;
    checkTimeout('timeoutMs', timeoutMs);
    return new Promise<boolean>((resolve) => {
      const cancel = after(timeoutMs, () => resolve(false));
      void settled.then(() => {
        cancel();
        resolve(true);
      });
    });
  }

  ready(): boolean {
    return this.state !== 'pending';
  }

  successful(): boolean {
    if (this.state === 'pending') throw new SibylError('The result is not ready yet: wait for it before asking whether it succeeded.');
    return this.state === 'fulfilled';
  }
}
