import { describe, expect, it } from 'vitest';
import { StateError } from '../errors';
import { limitsMessage } from '../termination';
import { expectRecoversFromObjectiveError, expectResumesExactly, expectSanity, numpyRosen, watch } from '../testing/solverChecks';
import { NelderMeadSolver, nelderMeadMeta } from './nelderMead';

function nelderMead(x0: number[], options: Record<string, unknown> = {}): NelderMeadSolver {
  const solver = new NelderMeadSolver({ dim: x0.length, objective: numpyRosen, options });
  solver.setInitialPoints(x0);
  return solver;
}

describe('NelderMeadSolver against mystic and scipy (reference §8)', () => {
  it('A1: rosen from [0, 0, 0] with the defaults', async () => {
    const solver = nelderMead([0, 0, 0]);
    const message = await solver.solve();
    expect(message).toBe("CandidateRelativeTolerance with {'xtol': 0.0001, 'ftol': 0.0001}");
    expect(Math.abs(solver.bestEnergy / 1.1605792769954724e-9 - 1)).toBeLessThan(1e-7);
    expect(solver.generations).toBe(165);
    expect(solver.evaluations).toBe(289);
  });

  it.each([
    [1, 4],
    [2, 6],
    [9, 19],
  ])('A1: a limit of %i generations stops after %i evaluations, as scipy maxiter does', async (generations, evaluations) => {
    const solver = nelderMead([0, 0, 0]);
    solver.setEvaluationLimits({ generations });
    expect(await solver.solve()).toBe(limitsMessage(generations, 600));
    expect(solver.generations).toBe(generations);
    expect(solver.evaluations).toBe(evaluations);
  });

  it('A2: rosen from [0.8, 1.2, 0.7]', async () => {
    const solver = nelderMead([0.8, 1.2, 0.7]);
    await solver.solve();
    expect(Math.abs(solver.bestEnergy / 1.400759544790854e-10 - 1)).toBeLessThan(1e-7);
    expect(solver.generations).toBe(120);
    expect(solver.evaluations).toBe(215);
    [1.00000328, 1.00000565, 1.00001091].forEach((v, j) => expect(Math.abs((solver.bestSolution[j] as number) - v)).toBeLessThan(1e-4));
  });

  it('A9: 2-D rosen from [2, 3] in strict bounds [-5, 5] with CandidateRelativeTolerance()', async () => {
    const solver = nelderMead([2, 3]);
    solver.setStrictRanges([-5, -5], [5, 5]);
    solver.setEvaluationLimits({ generations: 10000 });
    solver.setTermination('CandidateRelativeTolerance()');
    await solver.solve();
    expect(Math.abs(solver.bestEnergy)).toBeLessThan(3e-3);
    // mystic's test docstring: 1.087e-9 in 70 iterations and 130 evaluations.
    expect(solver.bestEnergy).toBeCloseTo(1.087e-9, 12);
    expect(solver.generations).toBe(70);
    expect(solver.evaluations).toBe(130);
  });

  it.each([
    // scipy.optimize.minimize(rosen, x0, method='Nelder-Mead', options={'adaptive': True}): nit, nfev, fun.
    [[0, 0, 0], 161, 288, 1.6101467345418378e-9],
    [[0.5, 0.5, 0.5, 0.5, 0.5], 354, 595, 1.492405295309154e-9],
    [[2, 3], 84, 158, 2.1717765323851955e-10],
  ])('adaptive coefficients from %j match scipy (%i iterations, %i evaluations)', async (x0, iterations, evaluations, fun) => {
    const solver = nelderMead(x0, { adaptive: true });
    await solver.solve();
    expect(solver.generations).toBe(iterations);
    expect(solver.evaluations).toBe(evaluations);
    expect(Math.abs(solver.bestEnergy / fun - 1)).toBeLessThan(1e-7);
  });
});

describe('NelderMeadSolver bookkeeping', () => {
  it('defaults: termination, limits 200·dim, options', () => {
    const solver = new NelderMeadSolver({ dim: 4 });
    expect(solver.npop).toBe(1);
    expect(solver.limits).toEqual({ generations: 800, evaluations: 800 });
    expect(solver.options).toEqual({ radius: 0.05, adaptive: false });
    expect(nelderMeadMeta.defaultTermination).toBe('CandidateRelativeTolerance(0.0001, 0.0001)');
    expect(() => new NelderMeadSolver({ dim: 2, options: { radius: 0 } })).toThrow(/radius/);
  });

  it('generation 0 evaluates x0 alone, generation 1 builds the simplex (radius²/10 where x0 is 0)', async () => {
    const solver = nelderMead([0, 2]);
    await solver.step();
    expect(solver.evaluations).toBe(1);
    expect(solver.population).toEqual([
      [0, 2],
      [0, 0],
      [0, 0],
    ]);
    expect(solver.popEnergy).toEqual([401, Infinity, Infinity]);
    await solver.step();
    expect(solver.evaluations).toBe(3);
    // mystic computes scipy's zdelt (0.00025) as radius²·0.1, which rounds to 0.00025000000000000006.
    const vertices = [
      [0, 2],
      [0.05 ** 2 * 0.1, 2],
      [0, 2 * (1 + 0.05)],
    ];
    expect([...solver.population].sort(byCoordinates)).toEqual(vertices.sort(byCoordinates));
    expect(solver.popEnergy).toEqual([...solver.popEnergy].sort((a, b) => a - b));
    expect(solver.popEnergy).toEqual(solver.population.map(numpyRosen));
  });

  it('with bounds the initial vertices step by (hi - lo)·radius, cropped, and the other way on a collision', async () => {
    const solver = nelderMead([0, 5], { radius: 0.1 });
    solver.setStrictRanges([-5, -5], [5, 5]);
    await solver.step();
    await solver.step();
    expect([...solver.population].sort(byCoordinates)).toEqual(
      [
        [0, 5],
        [1, 5],
        [0, 4],
      ].sort(byCoordinates),
    );
  });

  it('keeps the invariants of mystic/tests/test_solver_sanity.py', async () => {
    const solver = nelderMead([0.8, 1.2, 0.7]);
    const monitors = watch(solver);
    for (let k = 0; k < 7; k++) {
      await solver.step();
      expectSanity(solver, monitors);
    }
    await solver.solve();
    expectSanity(solver, monitors);
    expect(solver.bestRawCost).toBe(solver.bestEnergy);
  });

  it('evaluates and reports constrained points; the best is a point whose cost was measured', async () => {
    const solver = nelderMead([0.3, -0.4]);
    const onDiagonal = (x: number[]): number[] => [x[0] as number, x[0] as number];
    solver.setConstraints(onDiagonal);
    solver.setPenalty((x) => (x[0] as number) ** 2);
    const { evaluations } = watch(solver);
    await solver.solve();
    expect(evaluations.x.every(([a, b]) => a === b)).toBe(true);
    const measured = evaluations.x.findIndex((x) => x[0] === solver.bestSolution[0]);
    expect(measured).toBeGreaterThanOrEqual(0);
    expect(solver.bestRawCost).toBe(evaluations.y[measured]);
    expect(solver.bestEnergy).toBe(solver.bestRawCost + (solver.bestSolution[0] as number) ** 2);
  });

  it('awaits an asynchronous objective and gives the same run', async () => {
    const sync = nelderMead([0.8, 1.2, 0.7]);
    await sync.solve();
    const deferred = new NelderMeadSolver({ dim: 3, objective: (x) => Promise.resolve(numpyRosen(x)) });
    deferred.setInitialPoints([0.8, 1.2, 0.7]);
    await deferred.solve();
    expect(deferred.energyHistory).toEqual(sync.energyHistory);
    expect(deferred.evaluations).toBe(sync.evaluations);
  });

  it.each([
    ['rosen', 1, numpyRosen, [0.8, 1.2, 0.7]],
    ['rosen', 3, numpyRosen, [0.8, 1.2, 0.7]],
    ['rosen', 60, numpyRosen, [0.8, 1.2, 0.7]],
    // Evaluations 15 to 17 of this run shrink the simplex (generation 7).
    ['a wavy bowl', 16, wavy, [0.3, -0.7, 1.1]],
  ] as const)('a generation whose objective throws leaves no trace (%s, failing at evaluation %i)', async (_, failAt, objective, x0) => {
    await expectRecoversFromObjectiveError(
      (f) => {
        const solver = new NelderMeadSolver({ dim: 3, objective: f });
        solver.setInitialPoints([...x0]);
        return solver;
      },
      objective,
      failAt,
    );
  });

  it('the wavy bowl shrinks the simplex in generation 7', async () => {
    const solver = new NelderMeadSolver({ dim: 3, objective: wavy });
    solver.setInitialPoints([0.3, -0.7, 1.1]);
    for (let k = 0; k < 7; k++) await solver.step();
    const before = solver.evaluations;
    await solver.step();
    expect(solver.evaluations - before).toBe(3 + 2);
  });

  it.each([0, 1, 2, 40])('resumes exactly after %i steps through a saved state', async (steps) => {
    await expectResumesExactly(() => {
      const solver = nelderMead([0, 0, 0]);
      solver.setPenalty((x) => Math.abs(x[2] as number) * 1e-3);
      return solver;
    }, steps);
  });

  it('refuses a saved state whose vertex costs do not fit the simplex', async () => {
    const solver = nelderMead([0, 0]);
    await solver.step();
    const state = solver.saveState();
    expect(() => nelderMead([0, 0]).restoreState({ ...state, algorithm: { rawCosts: [1] } })).toThrow(StateError);
  });
});

/** A bowl with ripples, on which contractions fail and the simplex shrinks. */
function wavy(x: readonly number[]): number {
  return x.reduce((sum, v) => sum + v * v + 0.3 * Math.sin(50 * v), 0);
}

function byCoordinates(a: number[], b: number[]): number {
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return (a[j] as number) - (b[j] as number);
  return 0;
}
