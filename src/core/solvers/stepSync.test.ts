import { describe, expect, it } from 'vitest';
import { withMean } from '../constraints';
import { ObjectiveError, OptionError, SibylError } from '../errors';
import { rosen } from '../models';
import { Monitor } from '../monitors/monitor';
import { SerialPool } from '../parallel/serialPool';
import type { ObjectiveFn } from '../types';
import type { BaseSolver } from './baseSolver';
import { createSolver } from './registry';

/** A solver on a 3-d Rosenbrock with everything that draws or evaluates switched on: bounds, tight resampling, constraints. */
function rosenSolver(id: 'de' | 'de2', seed: number, objective: ObjectiveFn = rosen): { solver: BaseSolver; evaluations: Monitor } {
  const solver = createSolver(id, { dim: 3, npop: 12, seed, objective, options: { strategy: 'Best1Exp', cross: 0.9, scale: 0.8 } });
  solver.setStrictRanges([-2, -2, -2], [2, 2, 2], { clip: false });
  solver.setConstraints(withMean(1));
  solver.setTermination(undefined);
  solver.setEvaluationLimits({ generations: 40 });
  const evaluations = new Monitor();
  solver.setEvaluationMonitor(evaluations);
  return { solver, evaluations };
}

/** The saved state without the wall-clock fields. */
function stateOf(solver: BaseSolver): unknown {
  const { savedAt: _savedAt, counters, ...rest } = solver.saveState();
  return { ...rest, evaluations: counters.evaluations, nanEvaluations: counters.nanEvaluations };
}

describe('stepSync and solveSync', () => {
  for (const id of ['de', 'de2'] as const) {
    it(`${id}: solveSync gives exactly the history, population and draws of solve`, async () => {
      const viaPromise = rosenSolver(id, 7);
      const viaSync = rosenSolver(id, 7);
      const message = await viaPromise.solver.solve();
      expect(viaSync.solver.solveSync()).toBe(message);
      expect(viaSync.solver.generations).toBe(40);
      expect(viaSync.solver.energyHistory).toEqual(viaPromise.solver.energyHistory);
      expect(viaSync.solver.solutionHistory).toEqual(viaPromise.solver.solutionHistory);
      expect(viaSync.evaluations.x).toEqual(viaPromise.evaluations.x);
      expect(viaSync.evaluations.y).toEqual(viaPromise.evaluations.y);
      expect(stateOf(viaSync.solver)).toEqual(stateOf(viaPromise.solver));
      // The constraint held (to withMean's almostEqual tolerance) on every evaluated point, so the
      // synchronous path applied it too.
      for (const x of viaSync.evaluations.x) expect(Math.abs(x.reduce((a, b) => a + b, 0) / 3 - 1)).toBeLessThan(1e-5);
    });

    it(`${id}: step and stepSync can be interleaved without changing the run`, async () => {
      const reference = rosenSolver(id, 3);
      await reference.solver.solve();
      const mixed = rosenSolver(id, 3).solver;
      for (let k = 0; ; k++) {
        const message = k % 2 === 0 ? mixed.stepSync() : await mixed.step();
        if (message) break;
      }
      expect(stateOf(mixed)).toEqual(stateOf(reference.solver));
    });
  }

  it('a failing synchronous generation is rolled back like an asynchronous one', () => {
    let calls = 0;
    let failAt = Infinity;
    const objective = (x: number[]): number => {
      if (++calls === failAt) throw new Error('boom');
      return rosen(x);
    };
    const { solver } = rosenSolver('de2', 5, objective);
    for (let k = 0; k < 5; k++) solver.stepSync();
    expect(solver.generations).toBe(4);
    const before = stateOf(solver);
    failAt = calls + 4;
    expect(() => solver.stepSync()).toThrow(ObjectiveError);
    expect(stateOf(solver)).toEqual(before);
    failAt = Infinity;
    expect(() => solver.stepSync()).not.toThrow();
    expect(solver.generations).toBe(5);
  });

  it('refuses an objective that returns a promise, and the run then proceeds as if it never tried', async () => {
    const reference = rosenSolver('de2', 1);
    await reference.solver.solve();
    const { solver } = rosenSolver('de2', 1, (x) => Promise.reject(new Error(`not now at ${x[0]}`)));
    expect(() => solver.solveSync()).toThrow(OptionError);
    expect(() => solver.solveSync()).toThrow(/cannot step synchronously: the objective returned a promise at x = \[/);
    expect(solver.evaluations).toBe(0);
    expect(solver.generations).toBe(0);
    solver.setObjective(rosen);
    solver.solveSync();
    expect(stateOf(solver)).toEqual(stateOf(reference.solver));
  });

  it('refuses a pool', async () => {
    const { solver } = rosenSolver('de2', 1);
    const pool = new SerialPool();
    solver.setPool(pool);
    try {
      expect(() => solver.solveSync()).toThrow(/cannot step synchronously with a pool/);
      expect(solver.evaluations).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('refuses the solvers without synchronous generations', () => {
    for (const id of ['nm', 'powell', 'buckshot']) {
      const solver = createSolver(id, { dim: 2, seed: 1, objective: rosen });
      solver.setInitialPoints([0.5, 0.5]);
      expect(() => solver.solveSync()).toThrow(SibylError);
      expect(() => solver.solveSync()).toThrow(/cannot step synchronously: use step\(\) or solve\(\)/);
      expect(solver.evaluations).toBe(0);
    }
  });
});
