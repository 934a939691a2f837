import { OptionError } from '../errors';
import type { MapOptions } from './pool';

/** A timeout in milliseconds: a finite number ≥ 0. */
export function checkTimeout(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new OptionError(name, `${name} must be a finite number of milliseconds ≥ 0, got ${String(value)}.`);
  }
}

/** Check call options and lay `extra` over `base`. */
export function mergeOptions(base: MapOptions, extra: MapOptions): MapOptions {
  if (extra.chunkSize !== undefined && (!Number.isInteger(extra.chunkSize) || extra.chunkSize < 1)) {
    throw new OptionError('chunkSize', `chunkSize must be a positive integer, got ${String(extra.chunkSize)}.`);
  }
  if (extra.timeoutMs !== undefined) checkTimeout('timeoutMs', extra.timeoutMs);
  if (extra.signal !== undefined && (typeof extra.signal !== 'object' || typeof extra.signal.addEventListener !== 'function')) {
    throw new OptionError('signal', 'signal must be an AbortSignal.');
  }
  return { ...base, ...extra };
}

/** multiprocess's default for map: about four chunks per worker. */
export function defaultChunkSize(count: number, size: number): number {
  return Math.max(1, Math.ceil(count / (4 * size)));
}
