import { generateConstraint, generatePenalty } from '../constraints/index';
import { OptionError, ParseError, SibylError } from '../errors';
import type { ConstraintFn, PenaltyFn } from '../types';

/**
 * A problem's hard constraints as a module or a setting gives them: text in the constraint language
 * (docs/constraints.md) or a function x => x'. Text becomes `generateConstraint(text, { nvars: dim })`, its
 * lines applied once each, top to bottom, as mystic's generate_constraint does. Blank text means none.
 * A mistake in the text is reported with its line and column, after `where` (e.g. '--constraints').
 */
export function problemConstraints(rule: string | ConstraintFn | undefined, dim: number, where: string): ConstraintFn | undefined {
  if (typeof rule !== 'string') return rule;
  if (rule.trim() === '') return undefined;
  return inContext(where, 'constraints', () => generateConstraint(rule, { nvars: dim }));
}

/**
 * A problem's penalties (soft constraints): text becomes `generatePenalty(text, { nvars: dim })`, mystic's
 * default quadratic penalties (k = 100), added to the cost; a function x => number is used as it is.
 */
export function problemPenalty(rule: string | PenaltyFn | undefined, dim: number, where: string): PenaltyFn | undefined {
  if (typeof rule !== 'string') return rule;
  if (rule.trim() === '') return undefined;
  return inContext(where, 'penalties', () => generatePenalty(rule, { nvars: dim }));
}

/** Run `build`, prefixing the message of a user error with where the text came from (same class and position). */
function inContext<T>(where: string, option: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof SibylError)) throw error;
    const message = `${where}: ${error.message}`;
    if (error instanceof ParseError) throw new ParseError(message, error.line, error.column);
    throw new OptionError(error instanceof OptionError ? error.option : option, message);
  }
}
