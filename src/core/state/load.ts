import { StateError } from '../errors';
import type { BaseSolver } from '../solvers/baseSolver';
import { createSolver } from '../solvers/registry';
import type { ObjectiveFn } from '../types';
import { STATE_FORMAT, STATE_VERSION, solverStateSchema, type SolverState } from './schema';

/**
 * Parse and validate a state document without building anything. Every failure names the field:
 * not JSON, not a Sibyl state, another version, or a field that is missing, malformed or inconsistent
 * with the others (a tampered file).
 */
export function parseSolverState(input: string | unknown): SolverState {
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (error) {
      throw new StateError('', `The state file is not JSON (${(error as Error).message}).`);
    }
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== STATE_FORMAT) {
    throw new StateError('format', `This is not a Sibyl solver state (expected "format": "${STATE_FORMAT}").`);
  }
  const version = (data as { version?: unknown }).version;
  if (version !== STATE_VERSION) {
    throw new StateError('version', `The state file has version ${JSON.stringify(version)}; this Sibyl reads version ${STATE_VERSION}.`);
  }
  const parsed = solverStateSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? issue.path.join('.') : '';
    throw new StateError(field, `The state file has an invalid field '${field}': ${issue?.message ?? 'invalid'}.`);
  }
  checkConsistency(parsed.data);
  return parsed.data;
}

function checkConsistency(state: SolverState): void {
  const { dim } = state.solver;
  const fail = (field: string, why: string): never => {
    throw new StateError(field, `The state file's field '${field}' ${why} (was it edited?).`);
  };
  const vectorOfDim = (field: string, v: readonly unknown[]) => {
    if (v.length !== dim) fail(field, `has ${v.length} entries where dim is ${dim}`);
  };
  vectorOfDim('best.x', state.best.x);
  state.history.x.forEach((x, i) => vectorOfDim(`history.x.${i}`, x));
  if (state.history.x.length !== state.history.y.length) fail('history.y', 'does not match history.x in length');
  if (state.popEnergy.length !== state.population.length) fail('popEnergy', 'does not match the population size');
  const last = state.history.y.at(-1);
  if (last !== undefined && last !== state.best.energy) fail('best.energy', 'differs from the last history entry');
  for (const [name, range] of [['settings.strictRanges', state.settings.strictRanges], ['settings.initialRange', state.settings.initialRange]] as const) {
    if (range) {
      vectorOfDim(`${name}.min`, range.min);
      vectorOfDim(`${name}.max`, range.max);
    }
  }
  if (state.counters.evaluations < state.counters.nanEvaluations) fail('counters.nanEvaluations', 'exceeds the evaluation count');
}

export interface LoadOptions {
  /** The objective to continue with; required unless the caller compiles `state.problem` itself. */
  readonly objective?: ObjectiveFn;
}

/** Validate a state document and rebuild the solver it describes (mystic's LoadSolver). */
export function loadSolver(input: string | unknown, options: LoadOptions = {}): BaseSolver {
  const state = parseSolverState(input);
  const { id, dim, npop, options: solverOptions } = state.solver;
  const solver = createSolver(id, { dim, npop, seed: state.settings.seed, options: solverOptions, ...(options.objective ? { objective: options.objective } : {}) });
  if (solver.npop !== npop) throw new StateError('solver.npop', `The state file's population size ${npop} does not fit ${id} in ${dim} dimensions.`);
  try {
    solver.restoreState(state);
  } catch (error) {
    if (error instanceof StateError) throw error;
    throw new StateError('algorithm', `The state file's solver data cannot be restored: ${(error as Error).message}.`);
  }
  return solver;
}
