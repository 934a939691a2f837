import { ConstraintError } from '../constraints/errors';
import { ObjectiveError, OptionError, ParseError, SibylError, StateError, errorMessage } from '../errors';
import type { RunError, RunErrorKind } from './types';

/**
 * Turn anything a run command threw into a RunError the studio can place: beside a field (option, state),
 * at a line of the problem source (parse, objective) or in the run panel. `kind` is used for SibylErrors
 * that carry no more specific type, e.g. 'parse' while the problem module loads.
 */
export function toRunError(error: unknown, kind: RunErrorKind = 'option'): RunError {
  if (error instanceof ObjectiveError) {
    const at = error.causeStack ? sourceLocation(error.causeStack) : undefined;
    return { kind: 'objective', message: error.message, point: [...error.point], ...at };
  }
  if (error instanceof ConstraintError) {
    const at = error.stack ? sourceLocation(error.stack) : undefined;
    return { kind: 'objective', message: error.message, point: [...error.point], ...at };
  }
  if (error instanceof ParseError) return { kind: 'parse', message: error.message, line: error.line, column: error.column };
  if (error instanceof OptionError) return { kind: 'option', message: error.message, field: error.option };
  if (error instanceof StateError) return { kind: 'state', message: error.message, ...(error.field ? { field: error.field } : {}) };
  if (error instanceof SibylError) return { kind, message: error.message };
  return { kind: 'internal', message: `Internal error: ${errorMessage(error)}` };
}

/**
 * Lines of generated code before the module's first line: a problem module runs as the body of
 * `new Function(...)`, whose source V8 opens with `function anonymous(<params>\n) {\n`. The transpiler keeps
 * line numbers, so nothing else shifts them.
 */
const FUNCTION_PREAMBLE_LINES = 2;

/**
 * The problem-source line and column of the innermost stack frame in the problem module (V8 writes frames
 * of `new Function` code as `<anonymous>:line:column`), or undefined when no frame is in it.
 */
export function sourceLocation(stack: string): { line: number; column: number } | undefined {
  const frame = /<anonymous>:(\d+):(\d+)/.exec(stack);
  if (!frame) return undefined;
  const line = Number(frame[1]) - FUNCTION_PREAMBLE_LINES;
  return line >= 1 ? { line, column: Number(frame[2]) } : undefined;
}
