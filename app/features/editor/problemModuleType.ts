/**
 * The type of a problem module's default export, for the editor. A plain `export default { … }` has no
 * contextual type, so a hidden module imports the problem and assigns its default export to ProblemModule;
 * the errors of that assignment are shown on the problem's `export default`. The field types come from the
 * generated library declarations (Bounds, ObjectiveFn, …), so only the list of fields lives here; it mirrors
 * checkProblem in src/core/problem/compile.ts, with bounds loosened to what an untyped literal infers.
 */

/** Where the editor's model lives; the hidden check module imports it as './problem'. */
export const PROBLEM_URI = 'file:///problem.ts';
export const CHECK_URI = 'file:///problem-check.ts';

export const PROBLEM_MODULE_LIB = {
  path: 'file:///node_modules/sibyl/problemModule.d.ts',
  content: `import type { ConstraintFn, ObjectiveFn, PenaltyFn } from './types';
/** What the default export of a problem module describes (DESIGN.md, "Problem module"). */
export interface ProblemModule {
  /** A title for the studio, logs and state files. */
  name?: string;
  /** Number of parameters; may be left out when bounds or x0 give it. */
  dim?: number;
  /** Strict ranges [lo, hi] per parameter (mystic's SetStrictRanges). */
  bounds?: readonly (readonly number[])[];
  /** The initial point; else random within the bounds. */
  x0?: readonly number[];
  /** The cost of a point: a number, or a Promise of one. */
  objective: ObjectiveFn;
  /** Hard constraints: symbolic text (one relation a line) or x => x' that satisfies them. */
  constraints?: string | ConstraintFn;
  /** Soft constraints: symbolic text, or x => a non-negative penalty added to the cost. */
  penalties?: string | PenaltyFn;
}
`,
};

export const checkModuleSource = `import problem from './problem';
import type { ProblemModule } from 'sibyl/problemModule';
const checked: ProblemModule = problem;
export { checked };
`;

/** A message of the TypeScript worker: a string or a chain of them. */
export type DiagnosticText = string | { readonly messageText: string; readonly next?: readonly DiagnosticText[] };

/** A TypeScript message chain as one readable text, most specific part last. */
export function flattenDiagnostic(text: DiagnosticText): string {
  if (typeof text === 'string') return text;
  const rest = (text.next ?? []).map(flattenDiagnostic).filter(Boolean);
  return [text.messageText, ...rest].join(' ');
}

/** The 1-based line and column range of `export default` in the source (line 1 when there is none). */
export function defaultExportRange(source: string): { line: number; column: number; endColumn: number } {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /\bexport\s+default\b/.exec(lines[i] ?? '');
    if (match) return { line: i + 1, column: match.index + 1, endColumn: match.index + match[0].length + 1 };
  }
  return { line: 1, column: 1, endColumn: (lines[0]?.length ?? 0) + 1 };
}

/** The check module's message in terms of the problem: "Module has no default export" says what to write. */
export function describeShapeError(message: string): string {
  if (/has no default export/.test(message)) {
    return 'The module needs a default export describing the problem: export default { dim, objective, … }.';
  }
  return `The default export is not a problem module: ${message.replace(/\s+/g, ' ').trim()}`;
}
