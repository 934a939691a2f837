/**
 * Cancellation of one submitted call. It fires when the caller's AbortSignal aborts or the pool is
 * terminated; implementations listen to it to drop queued work and terminate the workers running it.
 */
export class Cancellation {
  private state: { reason: unknown } | undefined;
  private readonly listeners = new Set<(reason: unknown) => void>();

  get cancelled(): boolean {
    return this.state !== undefined;
  }

  /** Why it was cancelled (the signal's reason, or a PoolClosedError); undefined while not cancelled. */
  get reason(): unknown {
    return this.state?.reason;
  }

  cancel(reason: unknown): void {
    if (this.state) return;
    this.state = { reason };
    for (const listener of [...this.listeners]) listener(reason);
    this.listeners.clear();
  }

  /** Run `listener` on cancellation (at once if already cancelled); returns the unsubscribe function. */
  onCancel(listener: (reason: unknown) => void): () => void {
    if (this.state) {
      listener(this.state.reason);
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
