/**
 * The setup form's text fields, parsed and checked. Each check returns the value or one sentence saying
 * what is wrong, shown beside the field and given as the reason Solve is disabled.
 */
import {
  errorMessage,
  expandBounds,
  isSolverId,
  parseBoundsText,
  parseVectorText,
  parseTermination,
  solverIds,
  validateOptions,
  type Bounds,
  type OptionSpec,
  type OptionValue,
} from '../../../src/core/index';
import { generateConstraint, generatePenalty } from '../../../src/core/constraints/index';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = (error: string): Checked<never> => ({ ok: false, error });

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** Runs a parser that throws SibylErrors, as a Checked value. */
function attempt<T>(parse: () => T): Checked<T> {
  try {
    return ok(parse());
  } catch (error) {
    return fail(errorMessage(error));
  }
}

/**
 * Bounds as "lo:hi, lo:hi, …" (one pair per parameter, or one pair for all of them), read as the run reads
 * them. Empty text means the module's bounds, so it gives undefined.
 */
export function checkBounds(text: string, dim: number | undefined): Checked<Bounds | undefined> {
  return attempt(() => {
    const bounds = parseBoundsText(text);
    return bounds && dim !== undefined ? expandBounds(bounds, dim) : bounds;
  });
}

/** The initial point as "a, b, c"; empty text means the module's x0 (or random), so it gives undefined. */
export function checkPoint(text: string, dim: number | undefined, bounds: Bounds | undefined): Checked<number[] | undefined> {
  const parsed = attempt(() => parseVectorText('x0', text));
  if (!parsed.ok || !parsed.value) return parsed;
  const point = parsed.value;
  if (dim !== undefined && point.length !== dim) return fail(`x0 has ${point.length} numbers but the problem has ${dim} parameters.`);
  const outside = bounds ? point.findIndex((v, j) => bounds[j] !== undefined && (v < bounds[j]![0] || v > bounds[j]![1])) : -1;
  if (bounds && outside >= 0) {
    const [lo, hi] = bounds[outside]!;
    return fail(`x0 entry ${outside + 1} (${point[outside]}) lies outside its bounds ${lo}:${hi}.`);
  }
  return ok(point);
}

/** A whole number in [min, max], from a text field; `what` names it in the message. */
export function checkInteger(text: string, what: string, min: number, max = Number.MAX_SAFE_INTEGER): Checked<number> {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isSafeInteger(value)) return fail(`${what} must be a whole number, got "${text.trim()}".`);
  if (value < min) return fail(`${what} must be at least ${min}, got ${value}.`);
  if (value > max) return fail(`${what} must be at most ${max}, got ${value}.`);
  return ok(value);
}

/** Like checkInteger, but empty text means "the default" and gives undefined. */
export function checkOptionalInteger(text: string, what: string, min: number, max?: number): Checked<number | undefined> {
  return text.trim() === '' ? ok(undefined) : checkInteger(text, what, min, max);
}

/** A termination in mystic's text form (empty: the solver's default); the parser's message gives the column. */
export function checkTermination(text: string): Checked<string> {
  if (text.trim() === '') return ok('');
  return attempt(() => {
    parseTermination(text);
    return text.trim();
  });
}

/** Symbolic constraints or penalties for a problem of `dim` parameters; empty text is none. */
export function checkRules(text: string, kind: 'constraints' | 'penalties', dim: number | undefined): Checked<string> {
  if (text.trim() === '' || dim === undefined) return ok(text);
  return attempt(() => {
    if (kind === 'constraints') generateConstraint(text, { nvars: dim });
    else generatePenalty(text, { nvars: dim });
    return text;
  });
}

export function checkSolver(id: string): Checked<string> {
  return isSolverId(id) ? ok(id) : fail(`Unknown solver '${id}' (solvers: ${solverIds.join(', ')}).`);
}

/** The text an option's field shows for a value. */
export function optionText(value: OptionValue): string {
  return typeof value === 'string' ? value : String(value);
}

/** One option's field value (text for numbers, the value itself otherwise), checked against its spec. */
export function checkOption(solverLabel: string, spec: OptionSpec, value: OptionValue): Checked<OptionValue> {
  let parsed: unknown = value;
  if ((spec.type === 'number' || spec.type === 'integer') && typeof value === 'string') {
    parsed = parseNumber(value);
    if (parsed === undefined) return fail(`Option '${spec.name}' must be a number, got "${value.trim()}".`);
  }
  return attempt(() => validateOptions(solverLabel, [spec], { [spec.name]: parsed })[spec.name]!);
}
