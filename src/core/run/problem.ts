// Problem modules compiled here may import 'sibyl' and 'sibyl/models'.
import '../problem/importables';
import { OptionError, ParseError } from '../errors';
import { attachModule, moduleTask } from '../parallel/task';
import { compileProblem, type ProblemDefinition } from '../problem/compile';
import { problemConstraints, problemPenalty } from '../problem/rules';
import type { BaseSolver } from '../solvers/baseSolver';
import { createSolver, getSolverMeta } from '../solvers/registry';
import { validateOptions } from '../solvers/options';
import { loadSolver } from '../state/load';
import type { ProblemRecord, SolverState } from '../state/schema';
import { parseTermination } from '../termination';
import type { Termination } from '../termination/types';
import type { Bounds } from '../types';
import type { RunChanges, RunSetup } from './types';

/** The file name problem sources get in messages when the studio gives none. */
export const DEFAULT_FILE_NAME = 'problem.ts';

/**
 * Compile a problem module for a run. The objective is tagged with its module, so a pool that ships work to
 * other workers loads it from the source there instead of refusing a function that imports 'sibyl/models'.
 */
export function prepareProblem(source: string, fileName = DEFAULT_FILE_NAME): ProblemDefinition {
  const problem = compileProblem(source, fileName);
  attachModule(problem.objective, moduleTask(source, 'default.objective'));
  return problem;
}

/** A new solver for a run setup: mystic's set-up order (bounds, start points, termination, limits, code). */
export function createRunSolver(setup: RunSetup): { solver: BaseSolver; problem: ProblemDefinition } {
  const fileName = setup.fileName ?? DEFAULT_FILE_NAME;
  const problem = prepareProblem(setup.source, fileName);
  const solver = createSolver(setup.solverId, {
    dim: problem.dim,
    seed: setup.seed,
    objective: problem.objective,
    ...(setup.options ? { options: setup.options } : {}),
    ...(setup.npop !== undefined ? { npop: setup.npop } : {}),
  });
  solver.problem = problemRecord(setup.source, problem.name, setup.constraints, setup.penalties);
  const bounds = setup.bounds ? expandBounds(setup.bounds, problem.dim) : problem.bounds;
  if (bounds) solver.setStrictRanges(bounds.map(([lo]) => lo), bounds.map(([, hi]) => hi));
  const x0 = setup.x0 ?? problem.x0;
  if (setup.x0 && setup.x0.length !== problem.dim) {
    throw new OptionError('x0', `x0 has ${setup.x0.length} numbers but the problem has dim ${problem.dim}.`);
  }
  if (setup.restartPoints && setup.restartPoints.length > 0) seedFromPoints(solver, setup.restartPoints);
  else if (x0) solver.setInitialPoints(x0);
  else if (bounds) solver.setRandomInitialPoints(bounds.map(([lo]) => lo), bounds.map(([, hi]) => hi));
  applyTermination(solver, setup.termination);
  if (setup.limits) solver.setEvaluationLimits(setup.limits);
  applyProblemCode(solver, problem);
  return { solver, problem };
}

/**
 * Rebuild the solver a state describes, with the problem source it holds (or `source`, when the studio's
 * editor has a fixed version of it). The dimension must not change.
 */
export function restoreRunSolver(state: SolverState, source?: string, fileName = DEFAULT_FILE_NAME): { solver: BaseSolver; problem: ProblemDefinition } {
  const text = source ?? state.problem?.source;
  if (text === undefined) throw new OptionError('problem', 'The state holds no problem source, so the run cannot be rebuilt.');
  const problem = prepareProblem(text, fileName);
  if (problem.dim !== state.solver.dim) {
    throw new OptionError('dim', `The problem has dim ${problem.dim} but the saved run has dim ${state.solver.dim}.`);
  }
  const solver = loadSolver(state, { objective: problem.objective });
  solver.problem = problemRecord(text, problem.name, state.problem?.constraints, state.problem?.penalties);
  applyProblemCode(solver, problem);
  return { solver, problem };
}

/**
 * Apply changes to a solver between two generations. Returns the recompiled problem when the source changed.
 * Every value is checked before anything is applied where the check is cheap (source, termination), so a
 * refused change leaves the run as it was in those cases.
 */
export function applyRunChanges(solver: BaseSolver, problem: ProblemDefinition, changes: RunChanges, fileName = DEFAULT_FILE_NAME): ProblemDefinition {
  // Everything that can be refused is checked first, so a refused change leaves the run as it was.
  let current = problem;
  if (changes.source !== undefined && changes.source !== solver.problem?.source) {
    current = prepareProblem(changes.source, fileName);
    if (current.dim !== solver.dim) {
      throw new OptionError('dim', `The edited problem has dim ${current.dim} but the run has dim ${solver.dim}; start a new run to change it.`);
    }
  }
  const termination = changes.termination === undefined ? undefined : readTermination(solver, changes.termination);
  const options = changes.options ? validateOptions(solver.meta.label, solver.meta.optionSpecs, changes.options, solver.options) : undefined;
  const bounds = changes.bounds === undefined ? undefined : changes.bounds === null ? (current.bounds ?? null) : expandBounds(changes.bounds, solver.dim);

  if (current !== problem) solver.setObjective(current.objective);
  const record = solver.problem;
  solver.problem = problemRecord(
    changes.source ?? record?.source ?? '',
    current.name,
    changes.constraints ?? record?.constraints,
    changes.penalties ?? record?.penalties,
  );
  if (termination) solver.setTermination(termination);
  if (options) solver.setOptions(options);
  if (changes.limits) solver.setEvaluationLimits(changes.limits);
  if (bounds) solver.setStrictRanges(bounds.map(([lo]) => lo), bounds.map(([, hi]) => hi));
  else if (bounds === null) solver.setStrictRanges(false);
  applyProblemCode(solver, current);
  return current;
}

/**
 * Restart from logged points (mystic's restart from a results file): the best becomes x0, so the rest of a
 * population is drawn close to it, and a population solver also takes the next best points as members.
 */
export function seedFromPoints(solver: BaseSolver, points: readonly (readonly number[])[]): void {
  const first = points[0];
  if (!first) return;
  if (first.length !== solver.dim) {
    throw new OptionError('restart', `The log records ${first.length} parameters but the problem has dim ${solver.dim}.`);
  }
  solver.setInitialPoints(first);
  const members = solver.meta.usesPopulation ? Math.min(points.length, solver.npop) : 1;
  for (let k = 1; k < members; k++) solver.population[k] = [...(points[k] as readonly number[])];
}

/** One pair for every dimension, or one pair for all of them (as the CLI's --bounds). */
export function expandBounds(bounds: Bounds, dim: number): Bounds {
  if (bounds.length === 1 && dim > 1) return Array.from({ length: dim }, () => [...(bounds[0] as [number, number])] as [number, number]);
  if (bounds.length !== dim) throw new OptionError('bounds', `The bounds have ${bounds.length} pairs but the problem has dim ${dim}.`);
  return bounds;
}

function applyTermination(solver: BaseSolver, text: string | undefined): void {
  if (text !== undefined) solver.setTermination(readTermination(solver, text));
}

/** Termination text as data; empty text means the solver's default. */
function readTermination(solver: BaseSolver, text: string): Termination {
  const chosen = text.trim() === '' ? getSolverMeta(solver.id).defaultTermination : text;
  try {
    return parseTermination(chosen);
  } catch (error) {
    // The position is in the termination text, not in the problem source: report it as that setting's error.
    if (error instanceof ParseError) throw new OptionError('termination', error.message);
    throw error;
  }
}

function problemRecord(source: string, name: string, constraints: string | undefined, penalties: string | undefined): ProblemRecord {
  return {
    source,
    name,
    ...(constraints?.trim() ? { constraints } : {}),
    ...(penalties?.trim() ? { penalties } : {}),
  };
}

/**
 * The problem's code a state cannot hold: constraint and penalty functions from the module, or symbolic text
 * (the run's own text replaces the module's), compiled for the solver's dimension.
 */
function applyProblemCode(solver: BaseSolver, problem: ProblemDefinition): void {
  const constraints = solver.problem?.constraints ?? problem.constraints;
  const penalties = solver.problem?.penalties ?? problem.penalties;
  solver.setConstraints(asSetting('constraints', () => problemConstraints(constraints, solver.dim, 'constraints')));
  solver.setPenalty(asSetting('penalties', () => problemPenalty(penalties, solver.dim, 'penalties')));
}

/** A position in constraint text is not one in the problem source: report it as that setting's error. */
function asSetting<T>(field: 'constraints' | 'penalties', build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof ParseError) throw new OptionError(field, error.message);
    throw error;
  }
}
