import { describe, expect, it } from 'vitest';
import { StateError } from '../errors';
import { limitsMessage } from '../termination';
import { expectRecoversFromObjectiveError, expectResumesExactly, expectSanity, numpyRosen, watch } from '../testing/solverChecks';
import { PowellSolver, brentSearch, powellMeta } from './powell';

function powell(x0: number[], options: Record<string, unknown> = {}): PowellSolver {
  const solver = new PowellSolver({ dim: x0.length, objective: numpyRosen, options });
  solver.setInitialPoints(x0);
  return solver;
}

/** Run the line-search generator on a plain function of alpha. */
function minimizeAlong(f: (alpha: number) => number, tol: number, maxIterations = 500): { alpha: number; energy: number; calls: number } {
  const search = brentSearch(tol, maxIterations);
  let calls = 0;
  let request = search.next();
  while (!request.done) {
    calls++;
    request = search.next(f(request.value));
  }
  return { ...request.value, calls };
}

describe('PowellSolver against mystic (reference §8)', () => {
  it('A3: rosen from [0, 0, 0]: 26 iterations and, with the old Brent search, 970 evaluations', async () => {
    const solver = powell([0, 0, 0]);
    const message = await solver.solve();
    expect(message).toBe("NormalizedChangeOverGeneration with {'tolerance': 0.0001, 'generations': 2}");
    expect(solver.bestEnergy).toBeLessThan(1e-20);
    expect(Math.abs(solver.bestEnergy / 8.3173488898295291e-23 - 1)).toBeLessThan(1e-7);
    expect(solver.generations).toBe(26);
    expect(solver.evaluations).toBe(970);
  });

  it('A4: rosen from [0.8, 1.2, 0.7]', async () => {
    const solver = powell([0.8, 1.2, 0.7]);
    await solver.solve();
    expect(Math.abs(solver.bestEnergy / 7.896694876488633e-27 - 1)).toBeLessThan(1e-7);
    expect(solver.generations).toBe(13);
    solver.bestSolution.forEach((v) => expect(Math.abs(v - 1)).toBeLessThan(1e-8));
  });

  it('A9: 2-D rosen from [2, 3] in strict bounds [-5, 5] with NormalizedChangeOverGeneration(1e-10)', async () => {
    const solver = powell([2, 3]);
    solver.setStrictRanges([-5, -5], [5, 5]);
    solver.setEvaluationLimits({ generations: 10000 });
    solver.setTermination('NormalizedChangeOverGeneration(1e-10)');
    await solver.solve();
    expect(Math.abs(solver.bestEnergy)).toBeLessThan(3e-3);
    // mystic's test docstring: 0.0 in 28 iterations.
    expect(solver.bestEnergy).toBe(0);
    expect(solver.generations).toBe(28);
  });

  it('stops at once under CandidateRelativeTolerance, which needs a population', async () => {
    const solver = powell([0, 0, 0]);
    solver.setTermination('CandidateRelativeTolerance()');
    expect(await solver.solve()).toBe('Warning: Invalid termination condition (nPop < 2)');
    expect(solver.generations).toBe(0);
    expect(solver.evaluations).toBe(1);
  });

  it('a generations limit counts sweeps', async () => {
    const solver = powell([0, 0, 0]);
    solver.setEvaluationLimits({ generations: 3 });
    expect(await solver.solve()).toBe(limitsMessage(3, 3000));
    expect(solver.generations).toBe(3);
  });
});

describe("Brent's line search (scipy 0.6, as mystic ships it)", () => {
  it('finds the minimum of a parabola from the bracket [0, 1]', () => {
    const { alpha, energy } = minimizeAlong((a) => (a - 3.7) ** 2 + 2, 1e-8);
    expect(alpha).toBeCloseTo(3.7, 6);
    expect(energy).toBeCloseTo(2, 12);
  });

  it('searches downhill in either direction', () => {
    expect(minimizeAlong((a) => (a + 12.5) ** 2, 1e-8).alpha).toBeCloseTo(-12.5, 6);
    expect(minimizeAlong((a) => Math.cosh(a - 250), 1e-8).alpha).toBeCloseTo(250, 5);
  });

  it('an objective that decreases without end is an error, not a hang', () => {
    // Concave and decreasing: the bracket grows by golden steps and never finds a rise.
    expect(() => minimizeAlong((a) => -(Math.abs(a) ** 1.1), 1e-2)).toThrow(/no minimum/);
  });
});

describe('PowellSolver bookkeeping', () => {
  it('defaults: termination, limits 1000·dim, options', () => {
    const solver = new PowellSolver({ dim: 2 });
    expect(solver.npop).toBe(1);
    expect(solver.limits).toEqual({ generations: 2000, evaluations: 2000 });
    expect(solver.options).toEqual({ xtol: 1e-4, imax: 500 });
    expect(powellMeta.defaultTermination).toBe('NormalizedChangeOverGeneration(0.0001, 2)');
  });

  it('generation 0 evaluates x0 alone; each later generation is a full sweep', async () => {
    const solver = powell([0.8, 1.2, 0.7]);
    await solver.step();
    expect(solver.evaluations).toBe(1);
    expect(solver.bestEnergy).toBe(numpyRosen([0.8, 1.2, 0.7]));
    await solver.step();
    expect(solver.generations).toBe(1);
    expect(solver.evaluations).toBeGreaterThan(3 * 4);
    expect(solver.bestEnergy).toBe(numpyRosen(solver.bestSolution));
  });

  it('keeps the invariants of mystic/tests/test_solver_sanity.py', async () => {
    const solver = powell([0, 0, 0]);
    const monitors = watch(solver);
    for (let k = 0; k < 5; k++) {
      await solver.step();
      expectSanity(solver, monitors);
    }
    await solver.solve();
    expectSanity(solver, monitors);
    expect(solver.population).toEqual([solver.bestSolution]);
    expect(solver.popEnergy).toEqual([solver.bestEnergy]);
  });

  it('evaluates and continues from constrained points; the best is a point whose cost was measured', async () => {
    const solver = powell([0.3, -0.4, 2]);
    const lastIsSum = (x: number[]): number[] => [x[0] as number, x[1] as number, (x[0] as number) + (x[1] as number)];
    solver.setConstraints(lastIsSum);
    solver.setPenalty((x) => Math.abs(x[1] as number));
    const { evaluations } = watch(solver);
    await solver.solve();
    expect(evaluations.x.every((x) => x[2] === (x[0] as number) + (x[1] as number))).toBe(true);
    const measured = evaluations.x.findIndex((x) => x.every((v, j) => v === solver.bestSolution[j]));
    expect(measured).toBeGreaterThanOrEqual(0);
    expect(solver.bestRawCost).toBe(evaluations.y[measured]);
    expect(solver.bestEnergy).toBe(solver.bestRawCost + Math.abs(solver.bestSolution[1] as number));
  });

  it('awaits an asynchronous objective and gives the same run', async () => {
    const sync = powell([0.8, 1.2, 0.7]);
    await sync.solve();
    const deferred = new PowellSolver({ dim: 3, objective: (x) => Promise.resolve(numpyRosen(x)) });
    deferred.setInitialPoints([0.8, 1.2, 0.7]);
    await deferred.solve();
    expect(deferred.energyHistory).toEqual(sync.energyHistory);
    expect(deferred.evaluations).toBe(sync.evaluations);
  });

  it.each([1, 2, 40, 200, 500])('a generation whose objective throws (at evaluation %i) leaves no trace', async (failAt) => {
    await expectRecoversFromObjectiveError(
      (objective) => {
        const solver = new PowellSolver({ dim: 3, objective });
        solver.setInitialPoints([0.8, 1.2, 0.7]);
        return solver;
      },
      numpyRosen,
      failAt,
    );
  });

  it.each([0, 1, 2, 9])('resumes exactly after %i steps through a saved state', async (steps) => {
    await expectResumesExactly(() => {
      const solver = powell([0, 0, 0]);
      solver.setPenalty((x) => Math.abs(x[2] as number) * 1e-3);
      return solver;
    }, steps);
  });

  it('refuses a saved state whose direction set does not fit the dimension', async () => {
    const solver = powell([0, 0]);
    await solver.step();
    await solver.step();
    const state = solver.saveState();
    const algorithm = { ...(state.algorithm as Record<string, unknown>), directions: [[1, 0]] };
    expect(() => powell([0, 0]).restoreState({ ...state, algorithm })).toThrow(StateError);
  });
});
