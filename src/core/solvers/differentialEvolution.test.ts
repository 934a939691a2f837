import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors';
import { chebyshev8coeffs, chebyshev8cost, rosen, sphere, zimmermann } from '../models';
import { Monitor } from '../monitors/monitor';
import type { Pool } from '../parallel/pool';
import { SerialPool } from '../parallel/serialPool';
import { Random } from '../random';
import { loadSolver } from '../state/load';
import { expectRecoversFromObjectiveError } from '../testing/solverChecks';
import type { ObjectiveFn } from '../types';
import type { BaseSolver, BaseSolverConfig } from './baseSolver';
import { DifferentialEvolutionSolver, DifferentialEvolutionSolver2, de2Meta, deMeta } from './differentialEvolution';
import { TrialBuilder, strategies, strategyNames, type StrategyName } from './strategies';

const T8 = chebyshev8coeffs;

type Variant = 'de' | 'de2';
const variants: readonly Variant[] = ['de', 'de2'];

function make(variant: Variant, config: BaseSolverConfig): BaseSolver {
  return variant === 'de' ? new DifferentialEvolutionSolver(config) : new DifferentialEvolutionSolver2(config);
}

async function steps(solver: BaseSolver, n: number): Promise<void> {
  for (let k = 0; k < n; k++) await solver.step();
}

function fill<T>(n: number, v: T): T[] {
  return new Array<T>(n).fill(v);
}

describe('metadata and options', () => {
  it('describes both solvers with the agreed options and defaults', () => {
    for (const meta of [deMeta, de2Meta]) {
      expect(meta.defaultTermination).toBe('VTRChangeOverGeneration(0.005)');
      expect(meta.usesPopulation).toBe(true);
      const byName = Object.fromEntries(meta.optionSpecs.map((s) => [s.name, s]));
      expect(byName['strategy']).toMatchObject({ type: 'choice', default: 'Best1Bin', choices: [...strategyNames] });
      expect(byName['cross']).toMatchObject({ type: 'number', default: 0.9, min: 0, max: 1 });
      expect(byName['scale']).toMatchObject({ type: 'number', default: 0.8, min: 0, exclusiveMin: true });
    }
    expect(deMeta.usesPool).toBe(false);
    expect(de2Meta.usesPool).toBe(true);
    expect(strategyNames).toHaveLength(10);
  });

  it('applies NP = max(npop, dim, 4)', () => {
    expect(new DifferentialEvolutionSolver({ dim: 3 }).npop).toBe(4);
    expect(new DifferentialEvolutionSolver({ dim: 2, npop: 2 }).npop).toBe(4);
    expect(new DifferentialEvolutionSolver({ dim: 10, npop: 4 }).npop).toBe(10);
    expect(new DifferentialEvolutionSolver2({ dim: 3, npop: 30 }).npop).toBe(30);
  });

  it('has the default limits 10·dim·NP generations and 1000·dim·NP evaluations', () => {
    expect(new DifferentialEvolutionSolver({ dim: 3, npop: 40 }).limits).toEqual({ generations: 1200, evaluations: 120000 });
    expect(new DifferentialEvolutionSolver2({ dim: 2 }).limits).toEqual({ generations: 80, evaluations: 8000 });
  });

  it('names the option in validation errors', () => {
    const optionOf = (f: () => unknown): string => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(OptionError);
        return (error as OptionError).option;
      }
      throw new Error('expected an OptionError');
    };
    const build = (options: Record<string, unknown>, npop = 10) => () => new DifferentialEvolutionSolver({ dim: 2, npop, options });
    expect(optionOf(build({ strategy: 'Best3Bin' }))).toBe('strategy');
    expect(optionOf(build({ cross: 1.5 }))).toBe('cross');
    expect(optionOf(build({ cross: -0.1 }))).toBe('cross');
    expect(optionOf(build({ scale: 0 }))).toBe('scale');
    expect(optionOf(build({ scale: Number.NaN }))).toBe('scale');
    expect(optionOf(build({ crossover: 0.5 }))).toBe('crossover');
    // Rand2 needs five members besides the target, Best2 four.
    expect(optionOf(build({ strategy: 'Rand2Exp' }, 5))).toBe('strategy');
    expect(optionOf(build({ strategy: 'Best2Bin' }, 4))).toBe('strategy');
    expect(() => build({ strategy: 'Best2Bin' }, 5)()).not.toThrow();

    const solver = new DifferentialEvolutionSolver2({ dim: 2, options: { cross: 0.5 } });
    expect(optionOf(() => solver.setOptions({ strategy: 'Rand2Bin', cross: 0.2 }))).toBe('strategy');
    expect(optionOf(() => solver.setOptions({ scale: -1 }))).toBe('scale');
    expect(solver.options).toEqual({ strategy: 'Best1Bin', cross: 0.5, scale: 0.8 });
  });
});

describe('trial construction', () => {
  const dim = 6;
  const np = 12;
  const rng = Random.fromSeed(11);
  const population = Array.from({ length: np }, () => Array.from({ length: dim }, () => rng.uniform(-10, 10)));
  const best = Array.from({ length: dim }, () => rng.uniform(-10, 10));

  /** The donor of reference §3.1's table, from the indices a clone of the generator will draw. */
  function expectedDonor(name: StrategyName, i: number, F: number, r: number[]): number[] {
    const p = (k: number, j: number): number => (population[r[k] as number] as number[])[j] as number;
    const t = population[i] as number[];
    return t.map((tj, j) => {
      const bj = best[j] as number;
      switch (strategies[name].donor) {
        case 'best1':
          return bj + F * (p(0, j) - p(1, j));
        case 'rand1':
          return p(0, j) + F * (p(1, j) - p(2, j));
        case 'randToBest1':
          return tj + F * (bj - tj) + F * (p(0, j) - p(1, j));
        case 'best2':
          return bj + F * (p(0, j) + p(1, j) - p(2, j) - p(3, j));
        case 'rand2':
          return p(0, j) + F * (p(1, j) + p(2, j) - p(3, j) - p(4, j));
      }
    });
  }

  it.each(strategyNames)('%s builds the donor of the reference table (CR = 1 mutates every coordinate)', (name) => {
    const gen = Random.fromSeed(5);
    for (let i = 0; i < np; i++) {
      const clone = Random.fromState(gen.getState());
      const r = clone.distinct(np, strategies[name].randomMembers, i);
      expect(new Set(r).size).toBe(r.length);
      expect(r).not.toContain(i);
      const trial = fill(dim, 0);
      new TrialBuilder(dim).build(trial, i, population, best, { strategy: strategies[name], scale: 0.7, cross: 1 }, gen);
      const expected = expectedDonor(name, i, 0.7, r);
      trial.forEach((v, j) => expect(v).toBeCloseTo(expected[j] as number, 12));
    }
  });

  function mutatedCounts(name: StrategyName, cross: number, trials: number): number[] {
    const gen = Random.fromSeed(3);
    const counts: number[] = [];
    const trial = fill(dim, 0);
    const builder = new TrialBuilder(dim);
    for (let k = 0; k < trials; k++) {
      const i = k % np;
      builder.build(trial, i, population, best, { strategy: strategies[name], scale: 0.8, cross }, gen);
      counts.push(trial.filter((v, j) => v !== (population[i] as number[])[j]).length);
    }
    return counts;
  }
  const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

  it('binomial crossover mutates at least one coordinate and 1 + CR·(dim−1) on average', () => {
    for (const cross of [0, 0.3, 0.9]) {
      const counts = mutatedCounts('Rand1Bin', cross, 20000);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
      expect(mean(counts)).toBeCloseTo(1 + cross * (dim - 1), 1);
    }
    expect(Math.min(...mutatedCounts('Best1Bin', 1, 200))).toBe(dim);
  });

  it('exponential crossover mutates a run of at least one and at most dim coordinates', () => {
    for (const cross of [0, 0.5, 0.9]) {
      const counts = mutatedCounts('Best1Exp', cross, 20000);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...counts)).toBeLessThanOrEqual(dim);
      // P(run ≥ k) = CR^(k−1) for k ≤ dim.
      expect(mean(counts)).toBeCloseTo((1 - cross ** dim) / (1 - cross), 1);
    }
    expect(Math.min(...mutatedCounts('Rand2Exp', 1, 200))).toBe(dim);
  });
});

describe('generations', () => {
  it('generation 0 evaluates the start population without mutation; best is the first lowest', async () => {
    for (const variant of variants) {
      const costs = [5, 3, 7, 3, 9, 4];
      const solver = make(variant, { dim: 2, npop: 6, objective: (x) => costs[x[0] as number] as number });
      const start = costs.map((_, k) => [k, 10 + k]);
      solver.setRandomInitialPoints();
      start.forEach((x, k) => (solver.population[k] = [...x]));
      await solver.step();
      expect(solver.generations).toBe(0);
      expect(solver.evaluations).toBe(6);
      expect(solver.population).toEqual(start);
      expect(solver.popEnergy).toEqual(costs);
      expect(solver.bestSolution).toEqual([1, 11]);
      expect(solver.bestEnergy).toBe(3);
    }
  });

  it('clips the start population into strict ranges and applies the constraints before evaluating', async () => {
    for (const variant of variants) {
      const seen = new Monitor();
      const solver = make(variant, { dim: 2, npop: 8, seed: 4, objective: sphere });
      solver.setStrictRanges([-1, 0], [1, 2]);
      solver.setRandomInitialPoints([-5, -5], [5, 5]);
      solver.setConstraints((x) => [x[0] as number, Math.round(x[1] as number)]);
      solver.setEvaluationMonitor(seen);
      await solver.step();
      for (const x of solver.population) {
        expect(x[0]).toBeGreaterThanOrEqual(-1);
        expect(x[0]).toBeLessThanOrEqual(1);
        expect([0, 1, 2]).toContain(x[1]);
      }
      expect(seen.x).toEqual(solver.population);
      await steps(solver, 5);
      for (const x of seen.x) expect(Number.isInteger(x[1])).toBe(true);
    }
  });

  it('draws the start population itself when no initial points were set', async () => {
    const solver = new DifferentialEvolutionSolver({ dim: 3, npop: 10, seed: 2, objective: sphere });
    solver.setStrictRanges([0, 0, 0], [1, 2, 3]);
    await solver.step();
    for (const x of solver.population) x.forEach((v, j) => expect(v >= 0 && v <= j + 1).toBe(true));
    expect(new Set(solver.population.map((x) => x[0])).size).toBe(10);
  });

  it('counts NP evaluations per generation, generation 0 included, without bounds', async () => {
    for (const variant of variants) {
      const solver = make(variant, { dim: 4, npop: 15, seed: 8, objective: rosen });
      solver.setRandomInitialPoints(fill(4, -2), fill(4, 2));
      solver.setTermination(undefined);
      await steps(solver, 37);
      expect(solver.generations).toBe(36);
      expect(solver.evaluations).toBe(15 * 37);
      expect(solver.energyHistory).toHaveLength(37);
    }
  });

  it('does not count out-of-box trials with strict ranges', async () => {
    for (const variant of variants) {
      const seen = new Monitor();
      const solver = make(variant, { dim: 3, npop: 20, seed: 9, objective: sphere });
      solver.setStrictRanges(fill(3, -1), fill(3, 1));
      solver.setEvaluationMonitor(seen);
      solver.setTermination(undefined);
      await steps(solver, 30);
      expect(solver.evaluations).toBeLessThan(20 * 30);
      expect(solver.evaluations).toBe(seen.length);
      for (const x of seen.x) for (const v of x) expect(Math.abs(v)).toBeLessThanOrEqual(1);
      for (const x of solver.population) for (const v of x) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    }
  });

  it.each(strategyNames)('%s improves a sphere, and the history never rises', async (strategy) => {
    for (const variant of variants) {
      const solver = make(variant, { dim: 5, npop: 25, seed: 21, objective: sphere, options: { strategy, cross: 0.7, scale: 0.6 } });
      solver.setRandomInitialPoints(fill(5, -5), fill(5, 5));
      solver.setTermination(undefined);
      await steps(solver, 80);
      const history = solver.energyHistory;
      for (let g = 1; g < history.length; g++) expect(history[g]).toBeLessThanOrEqual(history[g - 1] as number);
      expect(solver.bestEnergy).toBeLessThan((history[0] as number) * 1e-3);
      expect(solver.bestEnergy).toBe(Math.min(...solver.popEnergy));
      expect(sphere(solver.bestSolution)).toBe(solver.bestEnergy);
    }
  });

  it('keeps the mystic invariants between history, best and monitors', async () => {
    for (const variant of variants) {
      const steps_ = new Monitor();
      const evals = new Monitor();
      const solver = make(variant, { dim: 3, npop: 12, seed: 6, objective: rosen });
      solver.setGenerationMonitor(steps_);
      solver.setEvaluationMonitor(evals);
      await solver.solve();
      expect(solver.generations).toBe(steps_.length - 1);
      expect(solver.bestSolution).toEqual(steps_.x.at(-1));
      expect(solver.bestEnergy).toBe(steps_.y.at(-1));
      expect(solver.energyHistory).toEqual(steps_.y);
      expect(solver.solutionHistory).toEqual(steps_.x);
      expect(solver.evaluations).toBe(evals.length);
    }
  });

  it('adds the penalty to the energy and keeps the raw cost of the best point', async () => {
    for (const variant of variants) {
      const solver = make(variant, { dim: 2, npop: 10, seed: 3, objective: sphere });
      solver.setRandomInitialPoints([-3, -3], [3, 3]);
      solver.setPenalty((x) => 100 * Math.max(0, 1 - (x[0] as number)) ** 2);
      solver.setTermination(undefined);
      await steps(solver, 60);
      const x = solver.bestSolution;
      expect(solver.bestRawCost).toBe(sphere(x));
      expect(solver.bestEnergy).toBe(sphere(x) + 100 * Math.max(0, 1 - (x[0] as number)) ** 2);
      expect(x[0]).toBeCloseTo(100 / 101, 2);
    }
  });

  it('de builds each trial from the live population and best, de2 from the frozen generation', async () => {
    for (const variant of variants) {
      const seen = new Monitor();
      const solver = make(variant, { dim: 3, npop: 10, seed: 19, objective: sphere, options: { strategy: 'Best1Bin', cross: 0.5 } });
      solver.setRandomInitialPoints(fill(3, -5), fill(3, 5));
      await solver.step();
      const population = solver.population.map((x) => [...x]);
      const energies = [...solver.popEnergy];
      const best = [...solver.bestSolution];
      let bestEnergy = solver.bestEnergy;
      const rng = Random.fromState(solver.saveState().rng);
      solver.setEvaluationMonitor(seen);
      await solver.step();

      // Replay the generation by the definition of each variant.
      const settings = { strategy: strategies.Best1Bin, scale: 0.8, cross: 0.5 };
      const trials = population.map((_, i) => {
        const trial = fill(3, 0);
        new TrialBuilder(3).build(trial, i, population, best, settings, rng);
        if (variant === 'de' && sphere(trial) < (energies[i] as number)) {
          population[i] = [...trial];
          energies[i] = sphere(trial);
          if (sphere(trial) < bestEnergy) {
            best.splice(0, 3, ...trial);
            bestEnergy = sphere(trial);
          }
        }
        return trial;
      });
      expect(seen.x).toEqual(trials);
      if (variant === 'de2') {
        trials.forEach((x, i) => {
          if (sphere(x) < (energies[i] as number)) population[i] = x;
        });
      }
      expect(solver.population).toEqual(population);
    }
  });

  it('awaits asynchronous objectives with the same results as synchronous ones', async () => {
    for (const variant of variants) {
      const run = async (objective: ObjectiveFn) => {
        const solver = make(variant, { dim: 3, npop: 9, seed: 14, objective, options: { strategy: 'RandToBest1Exp' } });
        solver.setTermination(undefined);
        await steps(solver, 12);
        return solver;
      };
      const sync = await run(rosen);
      const async_ = await run((x) => Promise.resolve(rosen(x)));
      expect(async_.energyHistory).toEqual(sync.energyHistory);
      expect(async_.population).toEqual(sync.population);
    }
  });

  it('de2 evaluates each generation as one batch through the pool, with the same results as without', async () => {
    const batches: number[] = [];
    // Solvers call only `withOptions` (for one chunk per worker) and `map`; a recording map is all this test
    // needs of a Pool.
    const map = async (task: (x: number[]) => number, points: Iterable<number[]>): Promise<number[]> => {
      const batch = [...points];
      batches.push(batch.length);
      return batch.map(task);
    };
    const pool: Pool = { size: 2, map, withOptions: () => pool } as unknown as Pool;
    const run = async (withPool?: Pool) => {
      const solver = new DifferentialEvolutionSolver2({ dim: 4, npop: 16, seed: 31, objective: rosen });
      solver.setPool(withPool);
      solver.setTermination(undefined);
      await steps(solver, 10);
      return solver;
    };
    const recorded = await run(pool);
    const serialPool = new SerialPool();
    const pooled = await run(serialPool);
    await serialPool.close();
    const inline = await run();
    expect(batches).toEqual(fill(10, 16));
    for (const solver of [recorded, pooled]) {
      expect(solver.energyHistory).toEqual(inline.energyHistory);
      expect(solver.population).toEqual(inline.population);
      expect(solver.evaluations).toBe(inline.evaluations);
    }
  });
});

describe('pausing, reconfiguring and restoring', () => {
  const config = (variant: Variant, strategy: StrategyName): BaseSolverConfig => ({
    dim: 4,
    npop: 14,
    seed: 77,
    objective: rosen,
    options: { strategy, cross: 0.6, scale: 0.7 },
  });

  function restored(source: BaseSolver, variant: Variant): BaseSolver {
    const copy = loadSolver(JSON.stringify(source.saveState()), { objective: rosen });
    expect(copy.id).toBe(variant);
    return copy;
  }

  function expectSame(a: BaseSolver, b: BaseSolver): void {
    expect(b.energyHistory).toEqual(a.energyHistory);
    expect(b.solutionHistory).toEqual(a.solutionHistory);
    expect(b.population).toEqual(a.population);
    expect(b.popEnergy).toEqual(a.popEnergy);
    expect(b.trialSolution).toEqual(a.trialSolution);
    expect(b.evaluations).toBe(a.evaluations);
    expect(b.bestRawCost).toBe(a.bestRawCost);
  }

  const cases = variants.flatMap((v) => (['Best1Bin', 'Rand1Exp', 'RandToBest1Bin', 'Best2Exp', 'Rand2Bin'] as const).map((s) => [v, s] as const));

  it.each(cases)('%s with %s continues bit for bit after save, JSON and restore', async (variant, strategy) => {
    const straight = make(variant, config(variant, strategy));
    straight.setStrictRanges(fill(4, -3), fill(4, 3));
    straight.setTermination(undefined);
    await steps(straight, 40);

    for (const k of [0, 1, 17]) {
      const first = make(variant, config(variant, strategy));
      first.setStrictRanges(fill(4, -3), fill(4, 3));
      first.setTermination(undefined);
      await steps(first, k);
      const second = restored(first, variant);
      await steps(second, 40 - k);
      expectSame(straight, second);
    }
  });

  it('a restored solver finishes its solve exactly as the straight run', async () => {
    for (const variant of variants) {
      const straight = make(variant, config(variant, 'Best1Bin'));
      const message = await straight.solve();
      const first = make(variant, config(variant, 'Best1Bin'));
      await steps(first, 5);
      const second = restored(first, variant);
      expect(await second.solve()).toBe(message);
      expectSame(straight, second);
    }
  });

  it('changes strategy and crossover between steps and continues with the same population', async () => {
    for (const variant of variants) {
      const changed = make(variant, config(variant, 'Best1Bin'));
      const unchanged = make(variant, config(variant, 'Best1Bin'));
      changed.setTermination(undefined);
      unchanged.setTermination(undefined);
      await steps(changed, 6);
      await steps(unchanged, 6);
      const before = [...changed.energyHistory];

      changed.setOptions({ strategy: 'Rand1Exp', cross: 0.3 });
      expect(changed.options).toEqual({ strategy: 'Rand1Exp', cross: 0.3, scale: 0.7 });
      const resumed = restored(changed, variant);
      await steps(changed, 30);
      await steps(unchanged, 30);
      await steps(resumed, 30);

      expect(changed.generations).toBe(35);
      expect(changed.evaluations).toBe(14 * 36);
      expect(changed.energyHistory.slice(0, 6)).toEqual(before);
      expect(changed.energyHistory).not.toEqual(unchanged.energyHistory);
      expect(changed.bestEnergy).toBeLessThan(before.at(-1) as number);
      expectSame(changed, resumed);
    }
  });
});

describe('acceptance (reference §8)', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  // DE stagnates now and then on this problem (a naive standalone DE loop with Math.random does too, about
  // one run in fifteen), so the envelope is required of every run that stops by VTR, and at least 12 of 14
  // fixed seeds must.
  for (const [row, variant] of [['A5', 'de'], ['A6', 'de2']] as const) {
    it(`${row}: Chebyshev-8 fitting with ${variant}, Best1Exp, stops by VTR(0.01) near T8`, async () => {
      let converged = 0;
      for (let seed = 1; seed <= 14; seed++) {
        const solver = make(variant, { dim: 9, npop: 90, seed, objective: chebyshev8cost, options: { strategy: 'Best1Exp', cross: 1.0, scale: 0.9 } });
        solver.setRandomInitialPoints(fill(9, -100), fill(9, 100));
        solver.setEvaluationLimits({ generations: 810 });
        solver.setTermination('VTR(0.01)');
        const message = await solver.solve();
        expect(solver.evaluations).toBe(90 * (solver.generations + 1));
        if (!message.startsWith('VTR')) {
          expect(solver.generations).toBe(810);
          continue;
        }
        converged++;
        expect(solver.bestEnergy).toBeLessThanOrEqual(0.01);
        expect(solver.generations).toBeLessThan(810);
        const deviation = Math.max(...solver.bestSolution.map((c, j) => Math.abs(c - (T8[j] as number))));
        expect(deviation).toBeLessThanOrEqual(8);
      }
      expect(converged).toBeGreaterThanOrEqual(12);
    });
  }

  it('A7: Zimmermann with Rand1Exp ends at the global minimum (7, 2), or rarely at the known local one', async () => {
    let global = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const solver = new DifferentialEvolutionSolver({ dim: 2, npop: 20, seed, objective: zimmermann, options: { strategy: 'Rand1Exp', cross: 0.3, scale: 1.0 } });
      solver.setRandomInitialPoints([0, 0], [5, 5]);
      solver.setEvaluationLimits({ generations: 2500 });
      solver.setTermination('VTR(1e-7)');
      const message = await solver.solve();
      const [x0, x1] = solver.bestSolution as [number, number];
      if (message.startsWith('VTR')) {
        global++;
        expect(solver.bestEnergy).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(x0 - 7)).toBeLessThanOrEqual(1e-3);
        expect(Math.abs(x1 - 2)).toBeLessThanOrEqual(1e-3);
      } else {
        expect(solver.bestEnergy).toBeCloseTo(0.6969, 3);
        expect(Math.abs(x0 - 2.3547765)).toBeLessThanOrEqual(1e-3);
        expect(Math.abs(x1 - 5.948322)).toBeLessThanOrEqual(1e-3);
      }
    }
    expect(global).toBeGreaterThanOrEqual(10);
  });

  // f ≤ 1e-4 bounds |x − 1| only to about 0.018 along Rosenbrock's valley (smallest Hessian eigenvalue 0.475
  // at [1, 1, 1]); the reference's "within 1e-2" is one seed's observation, so the valley's bound is checked.
  it('A8: 3-D Rosenbrock with Best1Bin, CR 0.5, F 0.6 reaches VTR(1e-4) near ones', async () => {
    for (const seed of seeds) {
      const solver = new DifferentialEvolutionSolver({ dim: 3, npop: 30, seed, objective: rosen, options: { cross: 0.5, scale: 0.6 } });
      solver.setRandomInitialPoints([0, 0, 0], [2, 2, 2]);
      solver.setTermination('VTR(1e-4)');
      expect(await solver.solve()).toMatch(/^VTR/);
      expect(solver.bestEnergy).toBeLessThanOrEqual(1e-4);
      expect(solver.generations).toBeLessThan(100);
      for (const v of solver.bestSolution) expect(Math.abs(v - 1)).toBeLessThanOrEqual(2e-2);
    }
  });

  it.each(variants)('A9: 2-D Rosenbrock from x0 = [2, 3] in [-5, 5] with %s, Rand1Bin, COG(1e-10)', async (variant) => {
    for (const seed of seeds) {
      const solver = make(variant, { dim: 2, npop: 40, seed, objective: rosen, options: { strategy: 'Rand1Bin' } });
      solver.setInitialPoints([2, 3]);
      solver.setStrictRanges([-5, -5], [5, 5]);
      solver.setEvaluationLimits({ generations: 10000 });
      solver.setTermination('ChangeOverGeneration(1e-10)');
      expect(await solver.solve()).toMatch(/^ChangeOverGeneration/);
      expect(Math.abs(solver.bestEnergy)).toBeLessThan(3e-3);
    }
  });
});

describe('selection without copies', () => {
  // Accepted trials hand their buffers to the population, and a failed generation hands them back: a
  // failure late in a later generation, after many replacements, must still leave no trace.
  it.each(variants)('%s: a generation that fails after replacing members leaves no trace', async (variant) => {
    const create = (objective: ObjectiveFn) => {
      const solver = make(variant, { dim: 4, npop: 12, seed: 21, objective });
      solver.setRandomInitialPoints(fill(4, -3), fill(4, 3));
      solver.setEvaluationLimits({ generations: 30 });
      return solver;
    };
    await expectRecoversFromObjectiveError(create, rosen, 12 * 6 + 9);
  });

  it.each(variants)('%s: a constraint that answers with a new array gives the same run as one that edits in place', async (variant) => {
    const run = async (constraint: (x: number[]) => number[]) => {
      const solver = make(variant, { dim: 3, npop: 10, seed: 4, objective: sphere });
      solver.setRandomInitialPoints(fill(3, -2), fill(3, 2));
      solver.setEvaluationLimits({ generations: 25 });
      solver.setConstraints(constraint);
      await solver.solve();
      return solver.saveState();
    };
    const inPlace = await run((x) => {
      x[2] = Math.abs(x[2] as number);
      return x;
    });
    const fresh = await run((x) => [x[0] as number, x[1] as number, Math.abs(x[2] as number)]);
    expect({ ...fresh, savedAt: '', counters: { ...fresh.counters, elapsedMs: 0 } }).toEqual({ ...inPlace, savedAt: '', counters: { ...inPlace.counters, elapsedMs: 0 } });
  });
});
