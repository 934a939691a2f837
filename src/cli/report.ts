import { encodeNumber, encodeVector, printTermination, pythonFloat, type BaseSolver } from '../core';

/** How a run ended, for the closing report. */
export interface RunOutcome {
  readonly solver: BaseSolver;
  /** The termination message (mystic's STOP text). */
  readonly message: string;
  /** Solve time of this invocation, without start-up (reading, compiling, restoring). */
  readonly elapsedMs: number;
  /** The state file written at the end, as the user named it. */
  readonly saved?: string;
}

const INTERRUPT_MESSAGE = 'SolverInterrupt with {}';

/**
 * mystic's closing block (reference §4.2): the same precedence (evaluation limit, generation limit,
 * interrupt, success) and lines, then what mystic leaves to the caller: the message, the solution, the seed.
 * The cost prints in full (Python repr) where mystic's `%f` would show 0.000000 for a good fit.
 */
export function formatSummary({ solver, message, elapsedMs, saved }: RunOutcome): string {
  const limits = solver.limits;
  const headline =
    solver.evaluations >= limits.evaluations
      ? 'Warning: Maximum number of function evaluations has been exceeded.'
      : solver.generations >= limits.generations
        ? 'Warning: Maximum number of iterations has been exceeded.'
        : message === INTERRUPT_MESSAGE
          ? 'Warning: Optimization terminated with signal interrupt.'
          : 'Optimization terminated successfully.';
  const lines = [
    headline,
    `         Current function value: ${pythonFloat(solver.bestEnergy)}`,
    `         Iterations: ${solver.generations}`,
    `         Function evaluations: ${solver.evaluations}`,
    `Termination: ${message}`,
    `Solution: [${solver.bestSolution.map(pythonFloat).join(', ')}]`,
  ];
  if (solver.bestRawCost !== solver.bestEnergy) {
    lines.push(`Objective without penalties: ${pythonFloat(solver.bestRawCost)}`);
  }
  lines.push(`Solver ${solver.id}, seed ${solver.seed}, ${formatDuration(elapsedMs)}`);
  if (saved !== undefined) lines.push(`State saved to ${saved}`);
  return lines.map((line) => `${line}\n`).join('');
}

/** The --json result: one object on one line. Non-finite numbers are written as in state files ("Infinity"). */
export function formatResultJson({ solver, message, elapsedMs, saved }: RunOutcome, problemName: string): string {
  const result = {
    solution: encodeVector(solver.bestSolution),
    cost: encodeNumber(solver.bestEnergy),
    rawCost: encodeNumber(solver.bestRawCost),
    generations: solver.generations,
    evaluations: solver.evaluations,
    nanEvaluations: solver.nanEvaluations,
    termination: message,
    condition: solver.termination ? printTermination(solver.termination) : null,
    elapsedMs: Math.round(elapsedMs * 1000) / 1000,
    solver: solver.id,
    seed: solver.seed,
    dim: solver.dim,
    npop: solver.npop,
    options: solver.options,
    problem: problemName,
    ...(saved !== undefined ? { saved } : {}),
  };
  return `${JSON.stringify(result)}\n`;
}

/** The stderr warning when the objective returned NaN or a non-number (counted as +∞), else ''. */
export function nanWarning(count: number): string {
  if (count === 0) return '';
  return count === 1
    ? 'Warning: 1 evaluation returned NaN or a non-number and was counted as +∞.\n'
    : `Warning: ${count} evaluations returned NaN or a non-number and were counted as +∞.\n`;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
