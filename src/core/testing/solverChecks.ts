import { expect } from 'vitest';
import { ObjectiveError } from '../errors';
import { Monitor } from '../monitors/monitor';
import type { BaseSolver } from '../solvers/baseSolver';
import { solverStateSchema } from '../state/schema';
import type { ObjectiveFn } from '../types';

/**
 * Rosenbrock in numpy's operation order, 100·(r·r) + o·o, as mystic's models.rosen computes it. Deterministic
 * solvers follow mystic's floating-point path only with the same rounding, and Powell's evaluation count
 * (970 from [0, 0, 0]) depends on it.
 */
export function numpyRosen(x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const xi = x[i] as number;
    const ridge = (x[i + 1] as number) - xi * xi;
    const offset = 1 - xi;
    sum += 100 * (ridge * ridge) + offset * offset;
  }
  return sum;
}

/** Attach fresh generation and evaluation monitors (before the first step). */
export function watch(solver: BaseSolver): { generations: Monitor; evaluations: Monitor } {
  const generations = new Monitor();
  const evaluations = new Monitor();
  solver.setGenerationMonitor(generations);
  solver.setEvaluationMonitor(evaluations);
  return { generations, evaluations };
}

/** mystic's solver sanity invariants (mystic/tests/test_solver_sanity.py). */
export function expectSanity(solver: BaseSolver, monitors: { generations: Monitor; evaluations: Monitor }): void {
  expect(solver.generations).toBe(monitors.generations.length - 1);
  expect(solver.energyHistory).toEqual(monitors.generations.y);
  expect(solver.solutionHistory).toEqual(monitors.generations.x);
  expect(solver.bestSolution).toEqual(monitors.generations.x.at(-1));
  expect(solver.bestEnergy).toBe(monitors.generations.y.at(-1));
  expect(solver.evaluations).toBe(monitors.evaluations.length);
}

/**
 * Step `steps` generations, save the state through JSON text and restore it into a second solver, then run
 * both to the end: the restored run must repeat the uninterrupted one exactly.
 */
export async function expectResumesExactly(create: () => BaseSolver, steps: number): Promise<void> {
  const straight = create();
  const straightMessage = await straight.solve();

  const first = create();
  for (let k = 0; k < steps; k++) await first.step();
  const text = JSON.stringify(first.saveState());
  const resumed = create();
  resumed.restoreState(solverStateSchema.parse(JSON.parse(text)));
  const evaluations = new Monitor();
  resumed.setEvaluationMonitor(evaluations);
  const resumedMessage = await resumed.solve();

  expect(resumed.generations).toBeGreaterThan(steps);
  expect(resumedMessage).toBe(straightMessage);
  expect(resumed.energyHistory).toEqual(straight.energyHistory);
  expect(resumed.solutionHistory).toEqual(straight.solutionHistory);
  expect(resumed.evaluations).toBe(straight.evaluations);
  expect(evaluations.length).toBe(straight.evaluations - first.evaluations);
  expect(resumed.bestRawCost).toBe(straight.bestRawCost);
  expect(resumed.population).toEqual(straight.population);
}

/**
 * Let the objective throw once, at evaluation `failAt`, then solve again: the failed generation must leave
 * no trace, so the run ends exactly as an uninterrupted one.
 */
export async function expectRecoversFromObjectiveError(
  create: (objective: ObjectiveFn) => BaseSolver,
  objective: (x: number[]) => number,
  failAt: number,
): Promise<void> {
  const straight = create(objective);
  await straight.solve();

  let calls = 0;
  const flaky = create((x) => {
    if (++calls === failAt) throw new Error('flaky');
    return objective(x);
  });
  await expect(flaky.solve()).rejects.toThrow(ObjectiveError);
  await flaky.solve();
  expect(flaky.energyHistory).toEqual(straight.energyHistory);
  expect(flaky.solutionHistory).toEqual(straight.solutionHistory);
  expect(flaky.bestRawCost).toBe(straight.bestRawCost);
  expect(flaky.population).toEqual(straight.population);
  expect(flaky.popEnergy).toEqual(straight.popEnergy);
  expect(flaky.trialSolution).toEqual(straight.trialSolution);
}
