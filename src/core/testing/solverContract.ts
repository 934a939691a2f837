import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors';
import { Monitor } from '../monitors/monitor';
import type { BaseSolver } from '../solvers/baseSolver';
import { createSolver } from '../solvers/registry';
import type { SolverId } from '../solvers/solver';
import { loadSolver } from '../state/load';
import type { ObjectiveFn } from '../types';
import { expectRecoversFromObjectiveError, expectResumesExactly, expectSanity, numpyRosen, watch } from './solverChecks';

/** How to set a solver up for the contract: a small problem it finishes quickly. */
export interface ContractSetup {
  readonly id: SolverId;
  readonly dim: number;
  readonly npop?: number;
  readonly options?: Readonly<Record<string, unknown>>;
  /** Generations to run before saving in the round-trip check. */
  readonly stepsBeforeSave: number;
  readonly termination: string;
}

/**
 * The contract every solver passes (reference/mystic.md §2.1 and DESIGN.md "Determinism"): mystic's bookkeeping
 * invariants, exact continuation after save → JSON → load, all-or-nothing generations when the objective
 * throws, asynchronous objectives giving the same run, and validated options.
 */
export function solverContract(setup: ContractSetup): void {
  const create = (objective: ObjectiveFn = numpyRosen, seed = 11): BaseSolver => {
    const solver = createSolver(setup.id, {
      dim: setup.dim,
      seed,
      objective,
      ...(setup.npop ? { npop: setup.npop } : {}),
      ...(setup.options ? { options: setup.options } : {}),
    });
    solver.setStrictRanges(new Array(setup.dim).fill(-3), new Array(setup.dim).fill(3));
    solver.setInitialPoints(new Array(setup.dim).fill(0.5));
    solver.setTermination(setup.termination);
    solver.setEvaluationLimits({ generations: 60 });
    return solver;
  };

  describe(`solver contract: ${setup.id}`, () => {
    it('keeps mystic’s bookkeeping invariants after every generation', async () => {
      const solver = create();
      const monitors = watch(solver);
      for (let k = 0; k < 8 && !(await solver.step()); k++) expectSanity(solver, monitors);
      expectSanity(solver, monitors);
      expect(solver.energyHistory.length).toBe(solver.generations + 1);
    });

    it('generation 0 evaluates the start points and the best energy never rises', async () => {
      const solver = create();
      await solver.step();
      expect(solver.generations).toBe(0);
      expect(solver.evaluations).toBeGreaterThan(0);
      await solver.solve();
      const history = solver.energyHistory;
      for (let i = 1; i < history.length; i++) expect(history[i]).toBeLessThanOrEqual(history[i - 1] as number);
    });

    it('continues bit for bit after save → JSON → load', async () => {
      await expectResumesExactly(() => create(), setup.stepsBeforeSave);
      const straight = create();
      await straight.solve();
      const first = create();
      for (let k = 0; k < setup.stepsBeforeSave; k++) await first.step();
      const restored = loadSolver(JSON.stringify(first.saveState()), { objective: numpyRosen });
      expect(restored.id).toBe(setup.id);
      await restored.solve();
      expect(restored.energyHistory).toEqual(straight.energyHistory);
      expect(restored.bestSolution).toEqual(straight.bestSolution);
    });

    it('runs the same keeping a window of its history, and continues from a state of that window', async () => {
      const straight = create();
      await straight.solve();
      expect(straight.generations).toBeGreaterThan(3);
      // A limit of 1 keeps the fewest entries the termination reads (at least 2): every later generation drops some.
      const windowed = create();
      windowed.setHistoryLimit(1);
      await windowed.solve();
      expect(windowed.historyStart).toBeGreaterThan(0);
      expect(windowed.stopMessage).toBe(straight.stopMessage);
      expect([windowed.generations, windowed.evaluations, windowed.bestEnergy]).toEqual([straight.generations, straight.evaluations, straight.bestEnergy]);
      expect(windowed.bestSolution).toEqual(straight.bestSolution);
      expect(windowed.energyHistory).toEqual(straight.energyHistory.slice(windowed.historyStart));
      expect(windowed.solutionHistory).toEqual(straight.solutionHistory.slice(windowed.historyStart));

      // Saved once its history has dropped entries.
      const first = create();
      first.setHistoryLimit(1);
      while (first.historyStart === 0) await first.step();
      const saved = first.saveState();
      expect(saved.history.start).toBe(first.historyStart);
      const restored = loadSolver(JSON.stringify(saved), { objective: numpyRosen });
      expect([restored.historyStart, restored.generations]).toEqual([first.historyStart, first.generations]);
      await restored.solve();
      expect([restored.generations, restored.bestEnergy]).toEqual([straight.generations, straight.bestEnergy]);
      expect(restored.energyHistory).toEqual(straight.energyHistory.slice(restored.historyStart));
    });

    it('refuses a history limit that is not a positive whole number', () => {
      const solver = create();
      for (const wrong of [0, -3, 2.5, Number.NaN]) expect(() => solver.setHistoryLimit(wrong)).toThrow(OptionError);
    });

    it('leaves no trace of a generation whose objective threw', async () => {
      await expectRecoversFromObjectiveError((objective) => create(objective), numpyRosen, 7);
    });

    it('gives the same run with an asynchronous objective', async () => {
      const sync = create();
      await sync.solve();
      const asynchronous = create(async (x) => numpyRosen(x));
      await asynchronous.solve();
      expect(asynchronous.energyHistory).toEqual(sync.energyHistory);
      expect(asynchronous.evaluations).toBe(sync.evaluations);
    });

    it('is reproducible from its seed', async () => {
      const a = create();
      const b = create();
      await a.solve();
      await b.solve();
      expect(b.solutionHistory).toEqual(a.solutionHistory);
    });

    it('refuses unknown or wrong options, naming the option', () => {
      const solver = create();
      expect(() => solver.setOptions({ noSuchOption: 1 })).toThrow(OptionError);
      try {
        solver.setOptions({ noSuchOption: 1 });
      } catch (error) {
        expect((error as OptionError).option).toBe('noSuchOption');
      }
      for (const spec of solver.meta.optionSpecs) {
        const wrong = spec.type === 'boolean' ? 'yes' : spec.type === 'choice' ? 'NoSuchChoice' : 'NaN';
        expect(() => solver.setOptions({ [spec.name]: wrong }), spec.name).toThrow(spec.name);
      }
    });

    it('can be reconfigured between steps and continued', async () => {
      const solver = create();
      const generations = new Monitor();
      solver.setGenerationMonitor(generations);
      await solver.step();
      await solver.step();
      solver.setTermination('VTR(1e-300)');
      solver.setEvaluationLimits({ generations: solver.generations + 3 });
      const message = await solver.solve();
      expect(message).toContain('EvaluationLimits');
      expect(generations.length).toBe(solver.generations + 1);
    });
  });
}
