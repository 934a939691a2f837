import { describe, expect, it } from 'vitest';
import { andConstraints } from '../constraints/combinators';
import { ConstraintError } from '../constraints/errors';
import { generateConstraint, generatePenalty } from '../constraints/symbolic/generate';
import { Monitor } from '../monitors/monitor';
import { solverStateSchema } from '../state/schema';
import { expectResumesExactly } from '../testing/solverChecks';
import type { ConstraintFn } from '../types';
import type { BaseSolver } from './baseSolver';
import { createSolver } from './registry';
import { solverIds } from './solver';

/** Distance from (3, 3): under x0 = 2·x1 inside [0, 1]², the best point is (1, 0.5) with f = 10.25. */
const towardsThree = (x: number[]) => (x[0]! - 3) ** 2 + (x[1]! - 3) ** 2;
const doubled = generateConstraint('x0 = 2*x1', { nvars: 2 });

function make(id: string, seed = 5): BaseSolver {
  const s = createSolver(id, { dim: 2, seed, objective: towardsThree, ...(id.startsWith('de') ? { npop: 20 } : {}) });
  if (['buckshot', 'lattice', 'sparsity'].includes(id)) s.setOptions(id === 'lattice' ? { nbins: 4 } : { npts: 4 });
  s.setEvaluationLimits({ generations: 60 });
  return s;
}

const inBox = (x: readonly number[]) => x.every((v) => v >= 0 && v <= 1);

describe('hard constraints and bounds together (mystic’s tight ranges)', () => {
  it.each(solverIds)('%s with --tight evaluates only points inside the box that satisfy the constraints', async (id) => {
    const s = make(id);
    s.setStrictRanges([0, 0], [1, 1], { tight: true });
    s.setConstraints(doubled);
    const evaluations = new Monitor();
    s.setEvaluationMonitor(evaluations);
    await s.solve();
    expect(evaluations.length).toBeGreaterThan(0);
    for (const x of evaluations.x) {
      expect(inBox(x)).toBe(true);
      expect(x[0]).toBeCloseTo(2 * x[1]!, 12);
    }
    expect(s.bestSolution[0]).toBeCloseTo(1, 2);
    expect(s.bestSolution[1]).toBeCloseTo(0.5, 2);
  });

  it('without tight, a constraint may carry points out of the box, where they cost +∞ unevaluated', async () => {
    const s = make('de');
    s.setStrictRanges([0, 0], [1, 1]);
    s.setConstraints(doubled);
    const evaluations = new Monitor();
    s.setEvaluationMonitor(evaluations);
    await s.solve();
    expect(evaluations.x.every(inBox)).toBe(true);
    // DE draws trials x1 up to 1, which the constraint maps to x0 = 2: those never reach the monitor.
    expect(s.evaluations).toBeLessThan(20 * (s.generations + 1));
  });

  it('the bounds win when both cannot hold: every evaluated point is inside the box', async () => {
    const s = make('de2');
    s.setStrictRanges([0, 0], [1, 1], { tight: true });
    s.setConstraints(generateConstraint('x0 = 5', { nvars: 2 }));
    const evaluations = new Monitor();
    s.setEvaluationMonitor(evaluations);
    await s.solve();
    expect(evaluations.x.every(inBox)).toBe(true);
    expect(s.bestSolution[0]).toBe(1);
  });

  it('resampling draws from the solver’s generator: seeded runs repeat, other seeds differ', async () => {
    const run = async (seed: number) => {
      const s = make('de', seed);
      s.setStrictRanges([0, 0], [1, 1], { clip: false });
      s.setConstraints(doubled);
      await s.solve();
      return s.solutionHistory;
    };
    expect(await run(3)).toEqual(await run(3));
    expect(await run(3)).not.toEqual(await run(4));
  });

  it.each(['de', 'de2', 'nm', 'powell', 'buckshot'])('%s with resampled tight bounds and symbolic constraints resumes exactly', async (id) => {
    await expectResumesExactly(() => {
      const s = make(id, 9);
      s.setStrictRanges([0, 0], [1, 1], { clip: false });
      s.setConstraints(doubled);
      s.setPenalty(generatePenalty('x0 + x1 <= 1.2', { nvars: 2 }));
      return s;
    }, id === 'powell' ? 1 : 4);
  });

  it('the saved state keeps the bounds mode', () => {
    const s = make('de');
    s.setStrictRanges([0, 0], [1, 1], { clip: false });
    const restored = make('de');
    restored.restoreState(solverStateSchema.parse(JSON.parse(JSON.stringify(s.saveState()))));
    expect(restored.strictRanges).toEqual({ min: [0, 0], max: [1, 1], tight: true, clip: false });
  });
});

describe('constraint and penalty failures', () => {
  it('a constraint that throws ends the step with a ConstraintError naming the point; the step leaves no trace', async () => {
    const straight = make('de');
    straight.setConstraints(doubled);
    await straight.solve();

    let calls = 0;
    const flaky = make('de');
    flaky.setConstraints((x) => {
      if (++calls === 50) throw new Error('no repair for this point');
      return doubled(x);
    });
    const error = await flaky.solve().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConstraintError);
    const { point, message } = error as ConstraintError;
    expect(point).toHaveLength(2);
    expect(message).toBe(`The constraints threw at x = [${point.join(', ')}]: no repair for this point`);
    await flaky.solve();
    expect(flaky.solutionHistory).toEqual(straight.solutionHistory);
    expect(flaky.evaluations).toBe(straight.evaluations);
  });

  it('a constraint that returns something other than dim numbers is reported', async () => {
    const s = make('nm');
    s.setConstraints(((x: number[]) => x.slice(1)) as ConstraintFn);
    await expect(s.step()).rejects.toThrow(/^The constraints returned 1 value instead of 2 numbers at x = \[/);
  });

  it('a penalty that throws is reported with the point', async () => {
    const s = make('powell');
    s.setInitialPoints([0.25, 0.5]);
    s.setPenalty(() => {
      throw new Error('bad penalty');
    });
    await expect(s.step()).rejects.toThrow(new ConstraintError('The penalty threw at x = [0.25, 0.5]: bad penalty', [0.25, 0.5]));
  });

  it('constraints that cannot all hold fail after the configured cycles, not in an endless loop', async () => {
    const s = make('de2');
    s.setConstraints(generateConstraint('x0 <= 1\nx0 >= 2', { nvars: 2, join: 'and', maxCycles: 7 }));
    await expect(s.solve()).rejects.toThrow(/^The constraints could not all be satisfied within 7 cycles \(last x = \[/);
    const t = make('de2');
    t.setConstraints(andConstraints([(x) => [x[0]! + 1, x[1]!], (x) => [x[0]! - 1, x[1]!]]));
    await expect(t.solve()).rejects.toThrow('within 100 cycles');
    expect(t.generations).toBe(0);
    expect(t.evaluations).toBe(0);
  });
});
