import type { MinimizeProblem, MinimizeResult, Minimizer } from '../constraints/minimize';
import { OptionError } from '../errors';
import { vtr } from '../termination';
import { DifferentialEvolutionSolver2 } from './differentialEvolution';

/** The inner solve's size and limits; the defaults are mystic's impose_expectation (reference §6.5). */
export interface De2MinimizeSettings {
  /** Population size; default 200. */
  readonly npop?: number;
  /** Generation limit; default 1000. */
  readonly maxGenerations?: number;
  /** Evaluation limit when the problem sets none; default 1e6. */
  readonly maxEvaluations?: number;
}

/**
 * A synchronous minimizer running the real de2 solver through `solveSync`, set up as mystic sets up the inner
 * solve of impose_expectation: Best1Exp, CR 0.9, F 0.9, a random start inside the bounds (x0, when given,
 * as its first member; without bounds, x0 ± 5%), the bounds as strict ranges, and VTR(target) as the termination (without a target, de2's default). VTR
 * reads |cost| ≤ target, which is "cost ≤ target" for the non-negative costs the constraints minimize
 * (squared deviations, penalties).
 *
 * The inner solver's seed is drawn from the problem's `random`, so the outer run stays reproducible.
 */
export function de2Minimizer(settings: De2MinimizeSettings = {}): Minimizer {
  return (problem: MinimizeProblem): MinimizeResult => {
    const { bounds, x0 } = problem;
    const dim = x0?.length ?? bounds?.length ?? 0;
    if (dim === 0) throw new OptionError('bounds', 'The inner optimization needs a start point or bounds to know its dimension.');
    const solver = new DifferentialEvolutionSolver2({
      dim,
      npop: settings.npop ?? 200,
      seed: problem.random.below(2 ** 32),
      objective: problem.cost,
      options: { strategy: 'Best1Exp', cross: 0.9, scale: 0.9 },
    });
    const lower = bounds?.map(([lo]) => lo);
    const upper = bounds?.map(([, hi]) => hi);
    if (lower && upper) {
      solver.setStrictRanges(lower, upper);
      solver.setRandomInitialPoints(lower.map(finiteOrNull), upper.map(finiteOrNull));
      if (x0) solver.population[0] = [...x0];
    } else solver.setInitialPoints(x0 as readonly number[]);
    solver.setConstraints(problem.constraints);
    if (problem.target !== undefined) solver.setTermination(vtr(problem.target));
    solver.setEvaluationLimits({
      generations: settings.maxGenerations ?? 1000,
      evaluations: problem.maxEvaluations ?? settings.maxEvaluations ?? 1e6,
    });
    solver.solveSync();
    return { x: [...solver.bestSolution], cost: solver.bestEnergy, evaluations: solver.evaluations };
  };
}

/** de2 with mystic's impose_expectation settings: the default inner optimizer of imposeExpectation and setExpect. */
export const de2Minimize: Minimizer = de2Minimizer();

/** An infinite bound cannot be sampled from: the random start uses mystic's ±1000 there instead. */
function finiteOrNull(bound: number): number | null {
  return Number.isFinite(bound) ? bound : null;
}
