import { OptionError } from '../errors';
import type { Random } from '../random';
import type { ConstraintFn } from '../types';
import { andConstraints } from './combinators';
import { imposeBounds, type Interval } from './constraints';
import { generateConstraint } from './symbolic/generate';
import { symbolicBounds } from './symbolic/helpers';

export interface TightBoundsOptions {
  /** Clip to the box (default) or draw a new value inside it (needs `random`). */
  readonly clip?: boolean;
  /** For clip: false, and to perturb cycles when combining with other constraints. */
  readonly random?: Random;
  /** Full passes before the combination falls back to the bounds alone (default 100). */
  readonly maxCycles?: number;
}

/**
 * Box bounds as a constraint: with clip, the symbolic lines x_i >= lo and x_i <= hi (mystic's
 * boundsconstrain); without, every coordinate outside its range is drawn again uniformly inside it (an
 * open side is clipped instead, as drawing from an unbounded interval means nothing).
 */
export function boundsConstraint(
  min: readonly (number | null)[],
  max: readonly (number | null)[],
  options: TightBoundsOptions = {},
): ConstraintFn {
  if (options.clip ?? true) return generateConstraint(symbolicBounds(min, max), { nvars: min.length });
  if (!options.random) throw new OptionError('random', 'resampling bounds (clip: false) needs a Random.');
  if (min.length !== max.length) throw new OptionError('bounds', `min has ${min.length} entries and max ${max.length}.`);
  const table: Record<number, Interval> = Object.fromEntries(min.map((lo, i) => [i, [lo, max[i] ?? null] as const]));
  return imposeBounds(table, { clip: false, random: options.random });
}

/**
 * Bounds applied together with other constraints (mystic's tight=True / clip=…): the constraint and the
 * bounds cycle until both hold; if they cannot within the budget, the bounds win (mystic's onfail), so the
 * solver always gets a point inside the box.
 */
export function tightBounds(
  constraint: ConstraintFn | undefined,
  min: readonly (number | null)[],
  max: readonly (number | null)[],
  options: TightBoundsOptions = {},
): ConstraintFn {
  const bounds = boundsConstraint(min, max, options);
  if (!constraint) return bounds;
  return andConstraints([constraint, bounds], {
    onFail: bounds,
    ...(options.random ? { random: options.random } : {}),
    ...(options.maxCycles === undefined ? {} : { maxCycles: options.maxCycles }),
  });
}
