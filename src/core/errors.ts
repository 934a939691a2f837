/**
 * Errors the user can act on. Each carries one plain sentence as its message; the CLI prints exactly that
 * sentence and the studio shows it beside the field it names. Anything else that escapes is a bug.
 */
export class SibylError extends Error {
  override name = 'SibylError';
}

/** A setting with a wrong value: names the option so forms can mark the field. */
export class OptionError extends SibylError {
  override name = 'OptionError';
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

/** The objective threw: keeps the point it was evaluated at. */
export class ObjectiveError extends SibylError {
  override name = 'ObjectiveError';
  constructor(
    readonly point: readonly number[],
    readonly causeMessage: string,
    readonly causeStack?: string,
  ) {
    super(`The objective threw at x = [${point.join(', ')}]: ${causeMessage}`);
  }
}

/** A text (termination, constraint, problem source) that does not parse: gives the position. */
export class ParseError extends SibylError {
  override name = 'ParseError';
  constructor(
    message: string,
    /** 1-based line. */
    readonly line: number,
    /** 1-based column. */
    readonly column: number,
  ) {
    super(message);
  }
}

/** A state document that cannot be restored: names the offending field path. */
export class StateError extends SibylError {
  override name = 'StateError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
