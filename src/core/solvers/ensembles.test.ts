import { describe, expect, it } from 'vitest';
import { OptionError, StateError } from '../errors';
import { peaks } from '../models';
import { Monitor } from '../monitors/monitor';
import { SerialPool } from '../parallel/serialPool';
import type { Pool } from '../parallel/pool';
import { Random } from '../random';
import { solverStateSchema } from '../state/schema';
import { loadSolver } from '../state/load';
import { limitsMessage } from '../termination';
import { expectRecoversFromObjectiveError, expectResumesExactly, expectSanity, numpyRosen, watch } from '../testing/solverChecks';
import type { ObjectiveFn } from '../types';
import type { BaseSolverConfig } from './baseSolver';
import {
  BuckshotSolver,
  LatticeSolver,
  SparsitySolver,
  buckshotMeta,
  latticeMeta,
  latticePoints,
  randomBins,
  scatterPoints,
  sparsePoints,
  sparsityMeta,
  type EnsembleSolver,
} from './ensembles';
import { createSolver } from './registry';

const PEAKS_MIN = -6.551133332835841;
const PEAKS_ARGMIN = [0.22827892, -1.62553496];

type Kind = 'buckshot' | 'lattice' | 'sparsity';
const kinds: readonly Kind[] = ['buckshot', 'lattice', 'sparsity'];

function ensemble(kind: Kind, config: Partial<BaseSolverConfig> & { objective?: ObjectiveFn } = {}): EnsembleSolver {
  const full: BaseSolverConfig = { dim: 2, objective: peaks, ...config };
  if (kind === 'buckshot') return new BuckshotSolver(full);
  if (kind === 'lattice') return new LatticeSolver(full);
  return new SparsitySolver(full);
}

/** Peaks on [-3, 3]², the multi-modal test of the reference (minimum −6.5511 at (0.2283, −1.6255)). */
function onPeaks(kind: Kind, config: Partial<BaseSolverConfig> = {}): EnsembleSolver {
  const solver = ensemble(kind, config);
  solver.setStrictRanges([-3, -3], [3, 3]);
  return solver;
}

/**
 * The members stop on NormalizedChangeOverGeneration(1e-4, 10), a relative change of 1e-4: the energy is then
 * well within 1e-4 of the minimum (the next-best local minimum of peaks, near (−1.35, 0.20), is −3.05).
 */
function expectPeaksMinimum(solver: EnsembleSolver): void {
  expect(Math.abs(solver.bestEnergy - PEAKS_MIN)).toBeLessThan(1e-4);
  expect(Math.abs((solver.bestSolution[0] as number) - (PEAKS_ARGMIN[0] as number))).toBeLessThan(5e-3);
  expect(Math.abs((solver.bestSolution[1] as number) - (PEAKS_ARGMIN[1] as number))).toBeLessThan(5e-3);
}

/** The option named by the OptionError that `fn` throws (undefined if it throws nothing or something else). */
function failingOption(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof OptionError ? error.option : undefined;
  }
  return undefined;
}

/** Where each member started: generation 0 of a Nelder–Mead member evaluates its start point alone. */
const starts = (solver: EnsembleSolver): number[][] => solver.memberHistories.map((h) => [...(h.solution[0] as number[])]);

function minimumGap(points: readonly (readonly number[])[]): number {
  let gap = Infinity;
  for (let i = 0; i < points.length; i++) {
    for (let k = i + 1; k < points.length; k++) {
      gap = Math.min(gap, Math.hypot(...(points[i] as number[]).map((v, j) => v - ((points[k] as number[])[j] as number))));
    }
  }
  return gap;
}

describe('start points', () => {
  const unit = { min: [0, 0], max: [4, 2] };

  it('lattice: the cell centres lb + (j + 0.5)(ub − lb)/nbin, last axis fastest', () => {
    expect(latticePoints([4, 2], unit)).toEqual([
      [0.5, 0.5],
      [0.5, 1.5],
      [1.5, 0.5],
      [1.5, 1.5],
      [2.5, 0.5],
      [2.5, 1.5],
      [3.5, 0.5],
      [3.5, 1.5],
    ]);
    expect(latticePoints([3, 1], { min: [-3, -1], max: [3, 5] })).toEqual([
      [-2, 2],
      [0, 2],
      [2, 2],
    ]);
  });

  it('lattice: nbins is split over the axes at random, as evenly as its prime factors allow', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const rng = Random.fromSeed(seed);
      const twelve = randomBins(12, 2, rng);
      expect([[3, 4], [4, 3]]).toContainEqual(twelve);
      seen.add(twelve.join('x'));
      expect(randomBins(8, 3, rng)).toEqual([2, 2, 2]);
      expect([[7, 1], [1, 7]]).toContainEqual(randomBins(7, 2, rng));
      const bins = randomBins(360, 4, rng);
      expect(bins.reduce((p, b) => p * b, 1)).toBe(360);
      expect(Math.max(...bins) / Math.min(...bins)).toBeLessThanOrEqual(3);
    }
    expect(seen.size).toBe(2);
    expect(randomBins(1, 3, Random.fromSeed(1))).toEqual([1, 1, 1]);
  });

  it('buckshot: uniform in the box', () => {
    const points = scatterPoints(200, unit, Random.fromSeed(3));
    expect(points).toHaveLength(200);
    for (const [x, y] of points as [number, number][]) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(4);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThan(2);
    }
    const meanX = points.reduce((s, p) => s + (p[0] as number), 0) / points.length;
    expect(Math.abs(meanX - 2)).toBeLessThan(0.3);
  });

  it('sparsity: the points spread out far more than plain random ones', () => {
    const box = { min: [0, 0], max: [1, 1] };
    let sparse = 0;
    let random = 0;
    for (let seed = 0; seed < 20; seed++) {
      const spread = sparsePoints(8, box, Random.fromSeed(seed), 32);
      const scattered = scatterPoints(8, box, Random.fromSeed(seed));
      expect(minimumGap(spread)).toBeGreaterThan(minimumGap(scattered));
      sparse += minimumGap(spread);
      random += minimumGap(scattered);
    }
    // Eight points in the unit square can be at most ~0.52 apart; best-of-32 comes within a factor of two.
    expect(sparse / 20).toBeGreaterThan(0.25);
    expect(sparse).toBeGreaterThan(2 * random);
  });

  it('sparsity: distances count in units of the box, so a wide axis does not crowd the narrow one', () => {
    const points = sparsePoints(4, { min: [0, 0], max: [1000, 1] }, Random.fromSeed(5), 64);
    const ys = points.map((p) => p[1] as number).sort((a, b) => a - b);
    expect((ys.at(-1) as number) - (ys[0] as number)).toBeGreaterThan(0.4);
  });

  it('sparsity with one candidate is plain random sampling; placed points are avoided', () => {
    const box = { min: [-1, -1], max: [1, 1] };
    expect(sparsePoints(5, box, Random.fromSeed(9), 1, [[0, 0]])).toEqual(scatterPoints(5, box, Random.fromSeed(9)));
    const around = sparsePoints(4, box, Random.fromSeed(9), 64, [[0, 0]]);
    for (const p of around) expect(Math.hypot(...p)).toBeGreaterThan(0.5);
  });

  it('the solvers place their members in the strict ranges', async () => {
    const lattice = new LatticeSolver({ dim: 2, objective: peaks });
    lattice.setStrictRanges([0, 0], [4, 2]);
    lattice.setBins([4, 2]);
    await lattice.step();
    expect(starts(lattice)).toEqual(latticePoints([4, 2], unit));
    expect(lattice.bins).toEqual([4, 2]);

    const random = new LatticeSolver({ dim: 3, objective: (x) => x.reduce((s, v) => s + v * v, 0), options: { nbins: 12 } });
    await random.step();
    const bins = random.bins as number[];
    expect(bins.reduce((p, b) => p * b, 1)).toBe(12);
    expect(starts(random)).toEqual(latticePoints(bins, { min: [-1000, -1000, -1000], max: [1000, 1000, 1000] }));

    for (const kind of ['buckshot', 'sparsity'] as const) {
      const solver = ensemble(kind, { options: { npts: 12 } });
      solver.setStrictRanges([-3, 1], [-2, 5]);
      await solver.step();
      const points = starts(solver);
      expect(points).toHaveLength(12);
      expect(new Set(points.map(String)).size).toBe(12);
      for (const [x, y] of points as [number, number][]) {
        expect(x).toBeGreaterThanOrEqual(-3);
        expect(x).toBeLessThanOrEqual(-2);
        expect(y).toBeGreaterThanOrEqual(1);
        expect(y).toBeLessThanOrEqual(5);
      }
    }
  });

  it('setRandomInitialPoints sets the box the members are placed in; x0 is member 0’s start point', async () => {
    const solver = new BuckshotSolver({ dim: 2, objective: peaks, options: { npts: 5 } });
    solver.setRandomInitialPoints([10, 20], [11, 21]);
    solver.setInitialPoints([1, 2]);
    await solver.step();
    const points = starts(solver);
    expect(points[0]).toEqual([1, 2]);
    for (const [x, y] of points.slice(1) as [number, number][]) {
      expect(x >= 10 && x < 11 && y >= 20 && y < 21).toBe(true);
    }
    expect(() => solver.setInitialPoints([0, 0])).toThrow(OptionError);
    expect(() => new BuckshotSolver({ dim: 2 }).setInitialPoints([0, Number.NaN])).toThrow(OptionError);
  });
});

describe('ensembles of Nelder–Mead and Powell on peaks (a 2-D multi-modal function)', () => {
  it.each([
    ['buckshot', 'nm', 1],
    ['buckshot', 'nm', 2],
    ['buckshot', 'powell', 3],
    ['lattice', 'nm', 1],
    ['lattice', 'powell', 2],
    ['sparsity', 'nm', 1],
    ['sparsity', 'powell', 4],
  ] as const)('%s of %s (seed %i) finds the global minimum', async (kind, nested, seed) => {
    const solver = onPeaks(kind, { seed, options: { nested } });
    const message = await solver.solve();
    expect(message).not.toMatch(/EvaluationLimits/);
    expectPeaksMinimum(solver);
  });

  it('single Nelder–Mead runs from the same start points mostly miss it: the ensemble is what finds it', async () => {
    const solver = onPeaks('buckshot', { seed: 1 });
    await solver.solve();
    const finals = solver.memberHistories.map((h) => h.energy.at(-1) as number);
    expect(finals.filter((e) => Math.abs(e - PEAKS_MIN) < 1e-4).length).toBeLessThan(finals.length);
    expect(Math.min(...finals)).toBe(solver.bestEnergy);
  });
});

describe('bookkeeping', () => {
  it('defaults: termination, limits, options, npop', () => {
    const solver = new BuckshotSolver({ dim: 3 });
    expect(buckshotMeta.defaultTermination).toBe('NormalizedChangeOverGeneration(0.0001, 10)');
    expect(solver.termination).toEqual({ type: 'condition', name: 'NormalizedChangeOverGeneration', args: [0.0001, 10] });
    // Nelder–Mead allows 200·dim generations and evaluations; eight members may use eight times that.
    expect(solver.limits).toEqual({ generations: 600, evaluations: 8 * 600 });
    expect(solver.npop).toBe(1);
    expect(solver.options['npts']).toBe(8);
    expect(solver.options['nested']).toBe('nm');
    expect(solver.options['nm.radius']).toBe(0.05);
    expect(new LatticeSolver({ dim: 2 }).options['nbins']).toBe(8);
    expect(new SparsitySolver({ dim: 2 }).options['candidates']).toBe(32);
    for (const meta of [buckshotMeta, latticeMeta, sparsityMeta]) {
      const names = meta.optionSpecs.map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(['nested', 'nm.radius', 'nm.adaptive', 'powell.xtol', 'powell.imax', 'de.strategy', 'de2.cross']));
    }
  });

  it('npop is handed to nested DE members (mystic #269) and decides the default limits', async () => {
    const solver = new BuckshotSolver({ dim: 2, npop: 10, objective: peaks, options: { nested: 'de2', npts: 3 } });
    expect(solver.npop).toBe(10);
    expect(solver.limits).toEqual({ generations: 10 * 2 * 10, evaluations: 3 * 1000 * 2 * 10 });
    await solver.step();
    expect(solver.memberEvaluations).toEqual([10, 10, 10]);
    const algorithm = solver.saveState().algorithm as { members: { solver: { id: string; npop: number } }[] };
    expect(algorithm.members.map((m) => [m.solver.id, m.solver.npop])).toEqual([['de2', 10], ['de2', 10], ['de2', 10]]);
    // DE's rule NP = max(NP, dim, 4) applies.
    expect(new BuckshotSolver({ dim: 2, options: { nested: 'de' } }).npop).toBe(4);
  });

  it.each(kinds)('%s keeps mystic’s solver invariants, with evaluations counted over all members', async (kind) => {
    const solver = onPeaks(kind, { seed: 4 });
    const monitors = watch(solver);
    const message = await solver.solve();
    expectSanity(solver, monitors);

    const members = solver.memberHistories;
    expect(members).toHaveLength(8);
    expect(solver.memberEvaluations.reduce((a, b) => a + b, 0)).toBe(solver.evaluations);
    expect(solver.bestMemberEvaluations).toBe(solver.memberEvaluations[solver.bestMemberIndex]);
    expect(solver.bestMemberGenerations).toBe((members[solver.bestMemberIndex]?.energy.length as number) - 1);
    // One record per ensemble generation, each the best of the members at that generation.
    for (let g = 0; g <= solver.generations; g++) {
      const best = Math.min(...members.map((m) => m.energy[Math.min(g, m.energy.length - 1)] as number));
      expect(solver.energyHistory[g]).toBe(best);
    }
    expect(Math.max(...members.map((m) => m.energy.length))).toBe(solver.generations + 1);
    expect(solver.population).toEqual(members.map((m) => m.solution.at(-1)));
    expect(solver.popEnergy).toEqual(members.map((m) => m.energy.at(-1)));
    expect(solver.bestEnergy).toBe(Math.min(...solver.popEnergy));
    expect(solver.bestRawCost).toBe(solver.bestEnergy);
    // Every member has stopped; the ensemble reports the best member's message.
    expect(message).toBe("NormalizedChangeOverGeneration with {'tolerance': 0.0001, 'generations': 10}");
    expect(solver.terminated()).toBe(message);
  });

  it('monitors: one generation record per ensemble generation, every member evaluation once with its member id (#120)', async () => {
    const solver = onPeaks('sparsity', { seed: 2, options: { npts: 5 } });
    const monitors = watch(solver);
    await solver.solve();
    expect(monitors.generations.length).toBe(solver.generations + 1);
    for (const id of monitors.generations.id) expect([0, 1, 2, 3, 4]).toContain(id);
    expect(monitors.evaluations.length).toBe(solver.evaluations);
    const perMember = [0, 1, 2, 3, 4].map((i) => monitors.evaluations.id.filter((id) => id === i).length);
    expect(perMember).toEqual(solver.memberEvaluations);
    monitors.evaluations.x.forEach((x, i) => expect(monitors.evaluations.y[i]).toBe(peaks(x)));
    // Generation 0: every member evaluates its start point, in member order.
    expect(monitors.evaluations.id.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(monitors.evaluations.x.slice(0, 5)).toEqual(starts(solver));
    expect(monitors.generations.id.at(-1)).toBe(solver.bestMemberIndex);
  });

  it('the evaluation limit bounds the total work of the ensemble', async () => {
    const solver = onPeaks('buckshot', { seed: 1 });
    solver.setEvaluationLimits({ evaluations: 100 });
    expect(await solver.solve()).toBe(limitsMessage(400, 100));
    expect(solver.evaluations).toBeGreaterThanOrEqual(100);
    // One generation of eight Nelder–Mead members costs at most 8 × (dim + 2) evaluations.
    expect(solver.evaluations).toBeLessThan(100 + 8 * 4);
    for (const count of solver.memberEvaluations) expect(count).toBeGreaterThan(0);
  });

  it('the generation limit counts ensemble generations; raising it lets the members continue', async () => {
    const solver = onPeaks('lattice', { seed: 3 });
    solver.setEvaluationLimits({ generations: 5 });
    expect(await solver.solve()).toBe(limitsMessage(5, 8 * 400));
    expect(solver.generations).toBe(5);
    for (const history of solver.memberHistories) expect(history.energy).toHaveLength(6);
    solver.setEvaluationLimits({ generations: 400 });
    await solver.solve();
    expect(solver.generations).toBeGreaterThan(5);
    expectPeaksMinimum(solver);
  });

  it('members share the termination: a looser one stops them earlier', async () => {
    const strict = onPeaks('buckshot', { seed: 6 });
    await strict.solve();
    const loose = onPeaks('buckshot', { seed: 6 });
    loose.setTermination('NormalizedChangeOverGeneration(0.01, 3)');
    expect(await loose.solve()).toBe("NormalizedChangeOverGeneration with {'tolerance': 0.01, 'generations': 3}");
    expect(loose.evaluations).toBeLessThan(strict.evaluations);
    for (const history of loose.memberHistories) expect(history.energy.length).toBeLessThan(60);
  });

  it('members share the penalty and the constraints', async () => {
    // Penalize x0 > -1: the best point must move to the constrained region's minimum (a local one of peaks).
    const solver = onPeaks('buckshot', { seed: 1 });
    solver.setPenalty((x) => ((x[0] as number) > -1 ? 1e6 * ((x[0] as number) + 1) : 0));
    await solver.solve();
    expect(solver.bestSolution[0]).toBeLessThanOrEqual(-1 + 1e-9);
    const evaluations = new Monitor();
    const constrained = onPeaks('buckshot', { seed: 1, options: { npts: 3 } });
    constrained.setEvaluationMonitor(evaluations);
    constrained.setConstraints((x) => [Math.round((x[0] as number) * 4) / 4, x[1] as number]);
    await constrained.solve();
    for (const [x0] of evaluations.x as [number, number][]) expect(Number.isInteger(x0 * 4)).toBe(true);
  });

  it('an interrupt stops the ensemble after the current generation', async () => {
    const solver = onPeaks('buckshot');
    await solver.step();
    solver.interrupt();
    expect(await solver.step()).toBe('SolverInterrupt with {}');
    expect(solver.generations).toBe(0);
  });
});

describe('options', () => {
  it('are validated, naming the option', () => {
    const bad: [Kind, Record<string, unknown>, string][] = [
      ['buckshot', { npts: 0 }, 'npts'],
      ['buckshot', { npts: 2.5 }, 'npts'],
      ['lattice', { nbins: 0 }, 'nbins'],
      ['sparsity', { candidates: 0 }, 'candidates'],
      ['buckshot', { nested: 'lattice' }, 'nested'],
      ['buckshot', { nbins: 4 }, 'nbins'],
      ['lattice', { npts: 4 }, 'npts'],
      ['buckshot', { 'nm.radius': 0 }, 'nm.radius'],
      ['buckshot', { 'de.cross': 2 }, 'de.cross'],
      // A member's own check, renamed to the ensemble's option: Rand2Exp needs 6 members, DE has 4 here.
      ['buckshot', { nested: 'de', 'de.strategy': 'Rand2Exp' }, 'de.strategy'],
    ];
    for (const [kind, options, name] of bad) expect(failingOption(() => ensemble(kind, { options })), JSON.stringify(options)).toBe(name);
    expect(() => ensemble('buckshot', { dim: 0 })).toThrow(OptionError);
  });

  it('the nested solver is fixed at creation; the member count once started; nested options reach the members', async () => {
    const solver = onPeaks('buckshot', { options: { npts: 3 } });
    expect(() => solver.setOptions({ nested: 'powell' })).toThrow(OptionError);
    solver.setOptions({ npts: 4 });
    await solver.step();
    expect(solver.memberHistories).toHaveLength(4);
    expect(() => solver.setOptions({ npts: 5 })).toThrow(OptionError);
    solver.setOptions({ 'nm.adaptive': true });
    const algorithm = solver.saveState().algorithm as { members: { solver: { options: Record<string, unknown> } }[] };
    expect(algorithm.members.map((m) => m.solver.options['adaptive'])).toEqual([true, true, true, true]);

    const de = onPeaks('buckshot', { options: { nested: 'de', npts: 2 } });
    expect(failingOption(() => de.setOptions({ 'de.strategy': 'Rand2Exp' }))).toBe('de.strategy');
    await de.step();
    expect(failingOption(() => de.setOptions({ 'de.strategy': 'Rand2Exp' }))).toBe('de.strategy');
    expect(de.options['de.strategy']).toBe('Best1Bin');
  });

  it('setBins fixes the lattice; nbins then follows, and changing nbins drops the fixed grid', () => {
    const solver = new LatticeSolver({ dim: 2 });
    solver.setBins([3, 5]);
    expect(solver.options['nbins']).toBe(15);
    expect(solver.limits.evaluations).toBe(15 * 400);
    solver.setOptions({ nbins: 6 });
    expect(solver.bins).toBeUndefined();
    expect(() => solver.setBins([3])).toThrow(OptionError);
    expect(() => solver.setBins([2, 0])).toThrow(OptionError);
  });
});

describe('determinism, pools and save/restore', () => {
  it('a pool gives the same run, with the members’ evaluations batched through it', async () => {
    const plain = onPeaks('sparsity', { seed: 8 });
    const plainMonitors = watch(plain);
    await plain.solve();

    const pool = new SerialPool();
    const batches: number[] = [];
    // Solvers map through a view of the pool (one chunk per worker): record what reaches its map.
    const withOptions = pool.withOptions.bind(pool);
    pool.withOptions = (options) => {
      const view = withOptions(options);
      const map = ((task: Parameters<Pool['map']>[0], ...inputs: unknown[]) => {
        batches.push([...(inputs[0] as Iterable<unknown>)].length);
        return view.map(task, ...(inputs as never[]));
      }) as Pool['map'];
      return { ...view, map };
    };
    const pooled = onPeaks('sparsity', { seed: 8 });
    pooled.setPool(pool);
    const pooledMonitors = watch(pooled);
    await pooled.solve();

    expect(pooled.energyHistory).toEqual(plain.energyHistory);
    expect(pooled.solutionHistory).toEqual(plain.solutionHistory);
    expect(pooled.memberHistories).toEqual(plain.memberHistories);
    expect(pooledMonitors.evaluations.x).toEqual(plainMonitors.evaluations.x);
    expect(pooledMonitors.evaluations.y).toEqual(plainMonitors.evaluations.y);
    expect(pooledMonitors.evaluations.id).toEqual(plainMonitors.evaluations.id);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(plain.evaluations);
    // Generation 0: the eight start points go as one batch; later batches hold one point per running member.
    expect(batches[0]).toBe(8);
    expect(Math.max(...batches)).toBe(8);
    expect(batches.length).toBeLessThan(plain.evaluations / 3);
    await pool.close();
  });

  it('nested DE members and an asynchronous objective give the same run with and without a pool', async () => {
    const run = async (pool: Pool | undefined, objective: ObjectiveFn) => {
      const solver = onPeaks('buckshot', { seed: 4, npop: 6, objective, options: { nested: 'de2', npts: 3 } });
      solver.setPool(pool);
      const monitors = watch(solver);
      for (let g = 0; g < 15; g++) await solver.step();
      return { histories: solver.memberHistories, y: monitors.evaluations.y, id: monitors.evaluations.id };
    };
    const plain = await run(undefined, peaks);
    // Three members of six for 16 generations; out-of-box trials are not evaluated.
    expect(plain.y.length).toBeLessThanOrEqual(3 * 6 * 16);
    expect(plain.y.length).toBeGreaterThan(3 * 6 * 8);
    expect(await run(new SerialPool(), peaks)).toEqual(plain);
    expect(await run(undefined, (x) => Promise.resolve(peaks(x)))).toEqual(plain);
    expect(await run(new SerialPool(), (x) => Promise.resolve(peaks(x)))).toEqual(plain);
  });

  it('an objective error in a pooled generation rejects the step, and the run can go on', async () => {
    let calls = 0;
    const pooled = onPeaks('buckshot', {
      seed: 2,
      objective: (x) => {
        if (++calls === 20) throw new Error('flaky');
        return peaks(x);
      },
    });
    pooled.setPool(new SerialPool());
    await expect(pooled.solve()).rejects.toThrow('flaky');
    await pooled.solve();
    const straight = onPeaks('buckshot', { seed: 2 });
    await straight.solve();
    expect(pooled.energyHistory).toEqual(straight.energyHistory);
  });

  it.each(kinds)('%s: a failed generation leaves no trace', async (kind) => {
    await expectRecoversFromObjectiveError(
      (objective) => {
        const solver = ensemble(kind, { seed: 5, objective, options: kind === 'lattice' ? { nbins: 4 } : { npts: 4 } });
        solver.setStrictRanges([-3, -3], [3, 3]);
        return solver;
      },
      peaks,
      30,
    );
  });

  it.each(kinds)('%s: save after k generations, JSON, restore and continue equals the straight run', async (kind) => {
    for (const k of [0, 1, 7]) {
      await expectResumesExactly(() => onPeaks(kind, { seed: 11, options: kind === 'lattice' ? { nbins: 6 } : { npts: 6 } }), k + 1);
    }
    const straight = onPeaks(kind, { seed: 11 });
    await straight.solve();
    const first = onPeaks(kind, { seed: 11 });
    for (let g = 0; g < 12; g++) await first.step();
    const resumed = loadSolver(JSON.stringify(first.saveState()), { objective: peaks }) as EnsembleSolver;
    await resumed.solve();
    expect(resumed.id).toBe(kind);
    expect(resumed.memberHistories).toEqual(straight.memberHistories);
    expect(resumed.energyHistory).toEqual(straight.energyHistory);
    expect(resumed.bestMemberIndex).toBe(straight.bestMemberIndex);
  });

  it('a state saved before the first step keeps x0 and the fixed grid', async () => {
    const lattice = new LatticeSolver({ dim: 2, seed: 3, objective: peaks });
    lattice.setBins([2, 3]);
    lattice.setInitialPoints([0.1, 0.2]);
    const restored = new LatticeSolver({ dim: 2, seed: 3, objective: peaks, options: { nbins: 6 } });
    restored.restoreState(solverStateSchema.parse(JSON.parse(JSON.stringify(lattice.saveState()))));
    await restored.step();
    await lattice.step();
    expect(restored.bins).toEqual([2, 3]);
    expect(starts(restored)).toEqual(starts(lattice));
    expect(starts(restored)[0]).toEqual([0.1, 0.2]);
  });

  it('the seed decides the run; members draw from their own generators', async () => {
    const a = onPeaks('buckshot', { seed: 21 });
    const b = onPeaks('buckshot', { seed: 21 });
    const c = onPeaks('buckshot', { seed: 22 });
    for (const s of [a, b, c]) await s.step();
    expect(starts(a)).toEqual(starts(b));
    expect(starts(a)).not.toEqual(starts(c));
    const seeds = (solver: EnsembleSolver) =>
      (solver.saveState().algorithm as { members: { settings: { seed: number } }[] }).members.map((m) => m.settings.seed);
    expect(new Set(seeds(a)).size).toBe(8);
  });

  it('refuses states that do not fit, naming the field', async () => {
    const solver = onPeaks('buckshot', { seed: 1, options: { npts: 3 } });
    await solver.step();
    const state = solver.saveState();
    const fewer = onPeaks('buckshot', { options: { npts: 2 } });
    const expectField = (fn: () => void, field: string) => {
      expect(fn).toThrow(StateError);
      try {
        fn();
      } catch (error) {
        expect((error as StateError).field).toBe(field);
      }
    };
    expectField(() => fewer.restoreState({ ...state, solver: { ...state.solver, options: { ...state.solver.options, npts: 2 } } }), 'algorithm.members');
    expectField(() => solver.restoreState({ ...state, algorithm: { members: 'none' } }), 'algorithm.members');
    const algorithm = state.algorithm as { members: { solver: object }[]; bestMember: number };
    expectField(() => solver.restoreState({ ...state, algorithm: { ...algorithm, bestMember: 7 } }), 'algorithm.bestMember');
    const powell = algorithm.members.map((m) => ({ ...m, solver: { ...m.solver, id: 'powell' } }));
    expectField(() => solver.restoreState({ ...state, algorithm: { ...algorithm, members: powell } }), 'algorithm.members.0.solver');
  });

  it('createSolver builds ensembles by id', () => {
    expect(createSolver('lattice', { dim: 2 })).toBeInstanceOf(LatticeSolver);
    expect(createSolver('sparsity', { dim: 2 })).toBeInstanceOf(SparsitySolver);
    expect(createSolver('buckshot', { dim: 2 }).meta).toBe(buckshotMeta);
  });
});

describe('rosen', () => {
  it('a buckshot of Powell members solves 3-D Rosenbrock in [-2, 2]³', async () => {
    const solver = new BuckshotSolver({ dim: 3, seed: 1, objective: numpyRosen, options: { nested: 'powell', npts: 4 } });
    solver.setStrictRanges([-2, -2, -2], [2, 2, 2]);
    await solver.solve();
    expect(solver.bestEnergy).toBeLessThan(1e-8);
  });
});
