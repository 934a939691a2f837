import { OptionError } from '../errors';
import type { Bounds } from '../types';

/**
 * The studio's text fields for bounds and x0, in the CLI's forms (`--bounds "lo:hi,…"`, `--x0 "a,b,…"`), so a
 * setting reads the same in both. Empty text means "as the problem module says" (undefined).
 */

/** `lo:hi, lo:hi, …`, or one `lo:hi` for every dimension; `inf` and `-inf` are allowed. */
export function parseBoundsText(text: string): Bounds | undefined {
  if (text.trim() === '') return undefined;
  return text.split(',').map((pair, j) => {
    const parts = pair.split(':');
    if (parts.length !== 2) throw new OptionError('bounds', `Bounds are written "lo:hi, lo:hi, …"; entry ${j + 1} is "${pair.trim()}".`);
    const lo = readNumber('bounds', parts[0] as string, `entry ${j + 1}`);
    const hi = readNumber('bounds', parts[1] as string, `entry ${j + 1}`);
    if (lo > hi) throw new OptionError('bounds', `Bounds entry ${j + 1} has lo > hi (${lo} > ${hi}).`);
    return [lo, hi] as [number, number];
  });
}

/** `a, b, c` (brackets allowed): finite numbers. */
export function parseVectorText(field: string, text: string): number[] | undefined {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  if (inner.trim() === '') return undefined;
  return inner.split(',').map((item, j) => {
    const value = readNumber(field, item, `entry ${j + 1}`);
    if (!Number.isFinite(value)) throw new OptionError(field, `${field} entry ${j + 1} must be finite, got ${value}.`);
    return value;
  });
}

/** Print bounds back in the form `parseBoundsText` reads. */
export function formatBoundsText(bounds: Bounds): string {
  return bounds.map(([lo, hi]) => `${lo}:${hi}`).join(', ');
}

function readNumber(field: string, text: string, where: string): number {
  const t = text.trim().toLowerCase();
  const value = t === 'inf' || t === '+inf' ? Infinity : t === '-inf' ? -Infinity : Number(t);
  if (t === '' || Number.isNaN(value)) throw new OptionError(field, `${field} ${where} is not a number: "${text.trim()}".`);
  return value;
}
