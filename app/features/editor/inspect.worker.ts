/**
 * Loads a problem module off the main thread (its top-level code is the user's and may be slow or never
 * end) and reports what its default export describes, or the first error with its position.
 */
import { ParseError, SibylError, checkProblem, errorMessage, evaluateModule, transpileModule } from '../../../src/core/index';
import { generateConstraint, generatePenalty } from '../../../src/core/constraints/index';
import type { InspectReply, InspectRequest, ModuleError, RuleSource } from './inspection';

interface WorkerScope {
  onmessage: ((event: MessageEvent<InspectRequest>) => void) | null;
  postMessage(message: InspectReply): void;
}
const scope = self as unknown as WorkerScope;

/** Where `key:` is written in the source (1-based line and column), for a marker on it. */
function propertyPosition(source: string, key: string): { line: number; column: number } | undefined {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = new RegExp(`\\b${key}\\s*:`).exec(lines[i] ?? '');
    if (match) return { line: i + 1, column: match.index + 1 };
  }
  return undefined;
}

/** Symbolic text in the module that does not parse; the position is where the module gives it. */
class RuleTextError extends SibylError {
  constructor(
    message: string,
    readonly position: { line: number; column: number } | undefined,
  ) {
    super(message);
  }
}

function ruleSource(value: unknown): RuleSource {
  if (typeof value === 'function') return { kind: 'function' };
  return typeof value === 'string' ? { kind: 'text', text: value } : { kind: 'none' };
}

/** The module's symbolic constraints or penalties must parse for its dimension, as the run will read them. */
function checkRuleText(source: string, key: 'constraints' | 'penalties', text: unknown, dim: number): void {
  if (typeof text !== 'string' || text.trim() === '') return;
  try {
    if (key === 'constraints') generateConstraint(text, { nvars: dim });
    else generatePenalty(text, { nvars: dim });
  } catch (error) {
    throw new RuleTextError(`The module's ${key}: ${errorMessage(error)}`, propertyPosition(source, key));
  }
}

scope.onmessage = ({ data: { id, source } }) => {
  try {
    // Not loadModule: its cache would keep every version the user ever typed.
    const problem = checkProblem(evaluateModule(transpileModule(source))['default']);
    checkRuleText(source, 'constraints', problem.constraints, problem.dim);
    checkRuleText(source, 'penalties', problem.penalties, problem.dim);
    scope.postMessage({
      id,
      ok: true,
      module: {
        name: problem.name,
        dim: problem.dim,
        ...(problem.bounds ? { bounds: problem.bounds } : {}),
        ...(problem.x0 ? { x0: problem.x0 } : {}),
        constraints: ruleSource(problem.constraints),
        penalties: ruleSource(problem.penalties),
      },
    });
  } catch (error) {
    // The marker shows where; the message need not repeat "problem.ts:3:5:".
    const position =
      error instanceof ParseError ? { line: error.line, column: error.column } : error instanceof RuleTextError ? (error.position ?? {}) : {};
    const message = errorMessage(error).replace(/^problem\.ts:(\d+:\d+: )?/, '').trim();
    const reply: ModuleError = { message: message.charAt(0).toUpperCase() + message.slice(1), ...position };
    scope.postMessage({ id, ok: false, error: reply });
  }
};

scope.postMessage({ ready: true });
