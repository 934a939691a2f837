/**
 * The two host facilities a pool needs and ECMAScript does not define: timers (for `get(timeoutMs)` and
 * per-task timeouts) and a fine clock (for AdaptivePool's measurements). Every runtime Sibyl targets has
 * them as globals; src/core is compiled without host types, so they are reached through this one file.
 * Solvers never use them: their runs stay independent of time.
 */
interface HostGlobals {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  performance?: { now(): number };
}

const host = globalThis as unknown as HostGlobals;

/** Call `callback` after `ms` milliseconds; returns the function that cancels it. */
export function after(ms: number, callback: () => void): () => void {
  const handle = host.setTimeout(callback, ms);
  return () => host.clearTimeout(handle);
}

/** Milliseconds from an arbitrary origin, with sub-millisecond resolution where the host has it. */
export function now(): number {
  return host.performance ? host.performance.now() : Date.now();
}
