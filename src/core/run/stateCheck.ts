import { StateError } from '../errors';
import { parseSolverState } from '../state/load';
import { STATE_FORMAT, solverStateSchema, type SolverState } from '../state/schema';

/** The verdict on a state file: the state, or every problem found in it, one sentence each. */
export type StateCheck = { readonly ok: true; readonly state: SolverState } | { readonly ok: false; readonly problems: readonly string[] };

/** More problems than this are summarised: a wrong file would otherwise list hundreds. */
const MAX_PROBLEMS = 12;

/**
 * Check a state file and list what is wrong with it: every malformed field when the schema fails, else the
 * first inconsistency `parseSolverState` finds. Nothing is built and nothing runs (the problem source is
 * compiled later, where the run happens).
 */
export function checkStateText(text: string): StateCheck {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`The file is not JSON (${(error as Error).message}).`] };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== STATE_FORMAT) {
    return { ok: false, problems: [`This is not a Sibyl solver state (expected "format": "${STATE_FORMAT}").`] };
  }
  const parsed = solverStateSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.join('.') || '(the document)';
      return `Field '${field}': ${issue.message}.`;
    });
    if (problems.length > MAX_PROBLEMS) {
      const more = problems.length - MAX_PROBLEMS;
      return { ok: false, problems: [...problems.slice(0, MAX_PROBLEMS), `…and ${more} more.`] };
    }
    return { ok: false, problems };
  }
  try {
    return { ok: true, state: parseSolverState(parsed.data) };
  } catch (error) {
    if (error instanceof StateError) return { ok: false, problems: [error.message] };
    throw error;
  }
}
