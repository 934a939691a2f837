import { OptionError, SibylError } from '../../errors';
import { Scope, parseRelations, type VariableOptions } from './parse';
import { planLine, printPlan } from './plan';

export interface SimplifyOptions extends VariableOptions {
  /** Variable(s) to isolate first, in order of preference, e.g. 'x1' or ['x2', 'x0']. */
  readonly target?: string | readonly string[];
  /** Return every branch system instead of the first. */
  readonly all?: boolean;
}

/** Largest number of systems `all` may return (the product of the lines' branch counts). */
const MAX_SYSTEMS = 256;

function targetIndices(target: string | readonly string[] | undefined, scope: Scope): number[] {
  const names = target === undefined ? [] : typeof target === 'string' ? [target] : target;
  return names.map((name) => {
    const index = scope.variableIndex(name);
    if (index === undefined) throw new OptionError('target', `'${name}' is not a variable; variables are ${scope.describe()}.`);
    return index;
  });
}

/**
 * Rewrite constraint text so each line has one variable alone on its left (mystic's simplify), ready to be
 * applied as x_i = …, x_i <= …, and so on. Lines already in that form stay as written; mean, sum and prod
 * are expanded so their members can be isolated; spread, variance and std of plain variables stay imposed.
 *
 * The variable isolated is the first of `target` found in the line, else the one that isolates most simply
 * (a plain line before one that needs conditions, before one that branches), ties going to the variable
 * written fewest times, then first. Dividing an inequality by an expression of unknown sign, or undoing
 * abs() or an even power, gives several branch systems, each with its conditions first (x1 > 0 before
 * x0 <= 4/x1): `all` returns every combination, otherwise the first (deterministically, never at random).
 *
 * A line that cannot be isolated is a ParseError naming it; linear lines always isolate.
 */
export function simplify(text: string, options?: SimplifyOptions & { readonly all?: false }): string;
export function simplify(text: string, options: SimplifyOptions & { readonly all: true }): string[];
export function simplify(text: string, options: SimplifyOptions = {}): string | string[] {
  const scope = new Scope(options);
  const target = targetIndices(options.target, scope);
  const plans = parseRelations(text, scope).map((relation) => planLine(relation, { keep: ['spread', 'variance', 'std'], target }));
  const perLine = plans.map((plan) => printPlan(plan, scope));
  if (!options.all) return perLine.map((texts) => texts[0]!).join('\n');
  const count = perLine.reduce((n, texts) => n * texts.length, 1);
  if (count > MAX_SYSTEMS) {
    throw new SibylError(`The constraints split into ${count} alternative systems, more than ${MAX_SYSTEMS}; simplify them without all.`);
  }
  return perLine.reduce<string[]>((systems, texts) => systems.flatMap((s) => texts.map((t) => (s ? `${s}\n${t}` : t))), ['']);
}
