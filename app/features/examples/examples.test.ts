import { describe, expect, it } from 'vitest';
import { compileProblem, createSolver, type ProblemDefinition } from '../../../src/core/index';
import { generateConstraint, generatePenalty, mean, spread } from '../../../src/core/constraints/index';
import { exampleIds, examples, type Example, type ExampleId } from './examples';

/** How close each example must get, from reference/mystic.md §7–§8 where it gives one. */
const tolerance: Record<ExampleId, { cost: number; x?: number }> = {
  rosenbrock: { cost: 1e-4, x: 2e-2 }, // A8: f ≤ 1e-4, x within 1e-2 … 2e-2 of [1, 1, 1]
  chebyshev8: { cost: 0.01, x: 8 }, // A5: cost ≤ 0.01, max |coef − T8| ≤ ~8
  zimmermann: { cost: 1e-7, x: 1e-3 }, // A7
  corana: { cost: 0 }, // the plateau |x_i| < 0.05 is exactly 0
  griewangk: { cost: 1e-6, x: 0.05 },
  peaks: { cost: 1e-9, x: 1e-4 },
  decay: { cost: 1e-4, x: 1e-2 },
  lp: { cost: 0.22, x: 0.1 }, // A14: rel 1e-2
  qp: { cost: 0.0375, x: 1e-3 }, // A15: rel 2e-2
  integer: { cost: 1e-12, x: 1e-8 }, // A16
  'mean-spread': { cost: 1e-6 }, // A12
  ensemble: { cost: 1e-6, x: 1e-3 },
};

/** The example's run, assembled as mystic's examples do: strict bounds, start, rules, termination, limits. */
async function run(example: Example): Promise<{ problem: ProblemDefinition; x: number[]; cost: number; message: string; generations: number }> {
  const problem = compileProblem(example.source);
  const { setup } = example;
  const solver = createSolver(setup.solver, {
    dim: problem.dim,
    seed: setup.seed,
    objective: problem.objective,
    options: setup.options ?? {},
    ...(setup.npop === undefined ? {} : { npop: setup.npop }),
  });
  const lo = problem.bounds?.map(([min]) => min);
  const hi = problem.bounds?.map(([, max]) => max);
  if (lo && hi) solver.setStrictRanges(lo, hi);
  if (problem.x0) solver.setInitialPoints(problem.x0);
  else if (lo && hi) solver.setRandomInitialPoints(lo, hi);
  const { constraints, penalties } = problem;
  if (constraints !== undefined) solver.setConstraints(typeof constraints === 'string' ? generateConstraint(constraints, { nvars: problem.dim }) : constraints);
  if (penalties !== undefined) solver.setPenalty(typeof penalties === 'string' ? generatePenalty(penalties, { nvars: problem.dim }) : penalties);
  solver.setTermination(setup.termination);
  if (setup.maxGenerations !== undefined) solver.setEvaluationLimits({ generations: setup.maxGenerations });
  const message = await solver.solve();
  return { problem, x: solver.bestSolution, cost: solver.bestRawCost, message, generations: solver.generations };
}

describe('the gallery', () => {
  it('has every example id of DESIGN.md once', () => {
    expect(examples.map((e) => e.id)).toEqual([...exampleIds]);
  });

  for (const example of examples) {
    it(`${example.id} reaches its known optimum with its own setup`, async () => {
      const { problem, x, cost, message, generations } = await run(example);
      const { cost: costTolerance, x: xTolerance } = tolerance[example.id];
      expect(Math.abs(cost - example.optimum.cost)).toBeLessThanOrEqual(costTolerance);
      if (example.optimum.x && xTolerance !== undefined) {
        expect(x).toHaveLength(example.optimum.x.length);
        x.forEach((xi, j) => expect(Math.abs(xi - example.optimum.x![j]!)).toBeLessThanOrEqual(xTolerance));
      }
      // A stop by the termination condition, not by a generation limit.
      expect(message).not.toMatch(/EvaluationLimits/);
      expect(generations).toBeGreaterThan(0);
      expect(problem.name).toBeTruthy();
    });
  }

  it('mean-spread holds mean 5 and spread 5 exactly, as mystic A12 asserts', async () => {
    const { x } = await run(examples.find((e) => e.id === 'mean-spread')!);
    expect(mean(x)).toBeCloseTo(5, 12);
    expect(spread(x)).toBeCloseTo(5, 12);
  });
});
