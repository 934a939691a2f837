import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors';
import { GRADIENT_STEP, lnorm } from './conditions';
import {
  and,
  candidateRelativeTolerance,
  changeOverGeneration,
  checkTermination,
  describeTermination,
  evaluationLimits,
  gradientNormTolerance,
  historyNeeded,
  limitsMessage,
  normalizedChangeOverGeneration,
  normalizedCostTarget,
  not,
  or,
  parseTermination,
  populationSpread,
  solutionImprovement,
  solverInterrupt,
  timeLimits,
  vtr,
  vtrChangeOverGeneration,
  when,
} from './index';
import type { Termination, TerminationView } from './types';

function fakeView(overrides: Partial<TerminationView> = {}): TerminationView {
  const energyHistory = overrides.energyHistory ?? [];
  return {
    energyHistory,
    generations: Math.max(0, energyHistory.length - 1),
    evaluations: 0,
    population: [],
    popEnergy: [],
    bestSolution: [],
    bestEnergy: energyHistory[energyHistory.length - 1] ?? Infinity,
    trialSolution: [],
    elapsedMs: 0,
    interrupted: false,
    rawCost: () => {
      throw new Error('rawCost not expected');
    },
    ...overrides,
  };
}

const withHistory = (energyHistory: number[]): TerminationView => fakeView({ energyHistory });
const check = (t: Termination | string, view: TerminationView): string =>
  checkTermination(typeof t === 'string' ? parseTermination(t) : t, view);

const VTR_DEFAULT = "VTR with {'tolerance': 0.005, 'target': 0.0}";
const COG_DEFAULT = "ChangeOverGeneration with {'tolerance': 1e-06, 'generations': 30}";
const NCOG_DEFAULT = "NormalizedChangeOverGeneration with {'tolerance': 0.0001, 'generations': 10}";

describe('reference A19', () => {
  it('COG() fires on 31 entries with a drop of 1e-7 over the last 30, not on 30 entries', () => {
    const history31 = [5, 1 + 1e-7, ...new Array<number>(29).fill(1)];
    expect(history31).toHaveLength(31);
    expect(check('COG()', withHistory(history31))).toBe(COG_DEFAULT);
    expect(check('COG()', withHistory(history31.slice(1)))).toBe('');
  });

  it('NCOG() fires on [2, 1, 1, …] of 11 entries', () => {
    expect(check('NCOG()', withHistory([2, ...new Array<number>(10).fill(1)]))).toBe(NCOG_DEFAULT);
    expect(check('NCOG()', withHistory([2, ...new Array<number>(9).fill(1)]))).toBe('');
  });

  it('VTR() fires at 0.004; VTR(0.001) does not; VTR() at -5 does not', () => {
    expect(check('VTR()', withHistory([1, 0.004]))).toBe(VTR_DEFAULT);
    expect(check('VTR(0.001)', withHistory([1, 0.004]))).toBe('');
    expect(check('VTR()', withHistory([1, -5]))).toBe('');
  });

  it('And(VTR(), COG()) on 12 zeros is not met; Or gives the VTR message', () => {
    const zeros = withHistory(new Array<number>(12).fill(0));
    expect(check('And(VTR(), COG())', zeros)).toBe('');
    expect(check('Or(VTR(), COG())', zeros)).toBe(VTR_DEFAULT);
  });
});

describe('history a termination reads', () => {
  it('is the last g + 1 entries for changes over g generations, all of them for g = 0, else the last one', () => {
    expect(historyNeeded(undefined)).toBe(1);
    expect(historyNeeded(vtr())).toBe(1);
    expect(historyNeeded(changeOverGeneration())).toBe(31);
    expect(historyNeeded(normalizedChangeOverGeneration(1e-4, 500))).toBe(501);
    expect(historyNeeded(vtrChangeOverGeneration(0.005, 1e-6, 7))).toBe(8);
    expect(historyNeeded(changeOverGeneration(1e-6, 0))).toBe(Infinity);
    expect(historyNeeded(normalizedCostTarget(null, 1e-6, 30))).toBe(31);
    expect(historyNeeded(normalizedCostTarget(1, 1e-6, 30))).toBe(1);
    expect(historyNeeded(normalizedCostTarget(null, 1e-6, null))).toBe(1);
    expect(historyNeeded(evaluationLimits(1000))).toBe(1);
    expect(historyNeeded(or(vtr(), and(changeOverGeneration(1e-6, 50), not(normalizedChangeOverGeneration()))))).toBe(51);
    expect(historyNeeded(when(changeOverGeneration(1e-6, 12)))).toBe(13);
  });
});

describe('messages as mystic prints them', () => {
  const cases: [string, string][] = [
    ['VTR()', VTR_DEFAULT],
    ['VTR(1, -0.25)', "VTR with {'tolerance': 1.0, 'target': -0.25}"],
    ['ChangeOverGeneration(1e-6, 500)', "ChangeOverGeneration with {'tolerance': 1e-06, 'generations': 500}"],
    ['NormalizedChangeOverGeneration()', NCOG_DEFAULT],
    ['CandidateRelativeTolerance()', "CandidateRelativeTolerance with {'xtol': 0.0001, 'ftol': 0.0001}"],
    ['SolutionImprovement()', "SolutionImprovement with {'tolerance': 1e-05}"],
    ['NormalizedCostTarget()', "NormalizedCostTarget with {'fval': None, 'tolerance': 1e-06, 'generations': 30}"],
    ['NormalizedCostTarget(0, 1e-6, 0)', "NormalizedCostTarget with {'fval': 0.0, 'tolerance': 1e-06, 'generations': 0}"],
    ['VTRChangeOverGeneration()', "VTRChangeOverGeneration with {'ftol': 0.005, 'gtol': 1e-06, 'generations': 30, 'target': 0.0}"],
    ['PopulationSpread()', "PopulationSpread with {'tolerance': 1e-06}"],
    ['GradientNormTolerance()', "GradientNormTolerance with {'tolerance': 1e-05, 'norm': inf}"],
    ['GradientNormTolerance(1e-3, 2)', "GradientNormTolerance with {'tolerance': 0.001, 'norm': 2}"],
    ['EvaluationLimits(10, 60000)', "EvaluationLimits with {'generations': 10, 'evaluations': 60000}"],
    ['TimeLimits()', "TimeLimits with {'seconds': 86400}"],
    ['TimeLimits(0.5)', "TimeLimits with {'seconds': 0.5}"],
    ['SolverInterrupt()', 'SolverInterrupt with {}'],
  ];
  it.each(cases)('%s', (text, message) => {
    // A view on which every condition is met, so the message is what the check returns.
    const everything = fakeView({
      energyHistory: new Array<number>(600).fill(0),
      generations: 1e9,
      evaluations: 1e9,
      population: [[1], [1]],
      popEnergy: [0, 0],
      bestSolution: [1],
      trialSolution: [[1]],
      elapsedMs: 1e12,
      interrupted: true,
      rawCost: () => 0,
    });
    expect(check(text, everything)).toBe(message);
  });

  it('EvaluationLimits() never fires; its description shows the None limits', () => {
    expect(describeTermination(evaluationLimits())).toBe("EvaluationLimits with {'generations': None, 'evaluations': None}");
  });

  it('limitsMessage lists evaluations first, as the solver reports its own limits', () => {
    expect(limitsMessage(10, 60000)).toBe("EvaluationLimits with {'evaluations': 60000, 'generations': 10}");
  });
});

describe('formulas at and around their thresholds', () => {
  it('VTR: |last - target| <= tolerance, inclusive', () => {
    expect(check(vtr(0.5, 2), withHistory([9, 2.5]))).not.toBe('');
    expect(check(vtr(0.5, 2), withHistory([9, 1.5]))).not.toBe('');
    expect(check(vtr(0.5, 2), withHistory([9, 2.5000000000000004]))).toBe('');
    expect(check(vtr(0.5, 2), withHistory([9, 1.4999999999999998]))).toBe('');
    expect(check(vtr(), withHistory([]))).toBe('');
  });

  it('ChangeOverGeneration: hist[-g] - hist[-1] <= tolerance once len > g', () => {
    const g = 3;
    expect(check(changeOverGeneration(0.25, g), withHistory([100, 1.25, 1.1, 1]))).not.toBe('');
    expect(check(changeOverGeneration(0.25, g), withHistory([100, 1.2500000000000002, 1.1, 1]))).toBe('');
    // Only the last g entries matter: the big drop from 100 is outside the window.
    expect(check(changeOverGeneration(0.25, g), withHistory([1, 1, 1]))).toBe('');
    // A rise counts as no improvement.
    expect(check(changeOverGeneration(0, g), withHistory([0, 1, 2, 5]))).not.toBe('');
    // Equal infinities (all members out of bounds) count as unchanged although ∞ − ∞ is NaN.
    expect(check(changeOverGeneration(0, g), withHistory([Infinity, Infinity, Infinity, Infinity]))).not.toBe('');
    // g = 0 reads hist[-0], the first entry, as Python does.
    expect(check(changeOverGeneration(0.5, 0), withHistory([1.5, 9, 1]))).not.toBe('');
    expect(check(changeOverGeneration(0.5, 0), withHistory([1.75, 9, 1]))).toBe('');
  });

  it('NormalizedChangeOverGeneration: 2(a - b) <= tol(|a| + |b|) + 1e-20', () => {
    // a = 1.5, b = 1: 2 * 0.5 = 1 against tol * 2.5; met exactly at tol = 0.4.
    expect(check(normalizedChangeOverGeneration(0.4, 2), withHistory([9, 1.5, 1]))).not.toBe('');
    expect(check(normalizedChangeOverGeneration(0.39, 2), withHistory([9, 1.5, 1]))).toBe('');
    // At zero the 1e-20 allows a change of 5e-21 but not 1e-20.
    expect(check(normalizedChangeOverGeneration(0, 2), withHistory([9, 5e-21, 0]))).not.toBe('');
    expect(check(normalizedChangeOverGeneration(0, 2), withHistory([9, 1.1e-20, 0]))).toBe('');
    expect(check(normalizedChangeOverGeneration(0, 2), withHistory([9, 1.5]))).toBe('');
  });

  it('CandidateRelativeTolerance: every member within xtol and ftol of the first', () => {
    const population = [
      [1, 2],
      [1.25, 1.75],
      [0.875, 2],
    ];
    const view = (popEnergy: number[]): TerminationView => fakeView({ population, popEnergy });
    expect(check(candidateRelativeTolerance(0.25, 0.5), view([1, 1.5, 0.5]))).not.toBe('');
    expect(check(candidateRelativeTolerance(0.2, 0.5), view([1, 1.5, 0.5]))).toBe('');
    expect(check(candidateRelativeTolerance(0.25, 0.5), view([1, 1.5, 0.4]))).toBe('');
    expect(check(candidateRelativeTolerance(), fakeView({ population: [[1]], popEnergy: [1] }))).toBe(
      'Warning: Invalid termination condition (nPop < 2)',
    );
    // ∞ − ∞ is NaN, never within tolerance.
    expect(check(candidateRelativeTolerance(1, 1), view([Infinity, Infinity, Infinity]))).toBe('');
  });

  it('SolutionImprovement: sum |best - trial| <= tolerance, the largest over several trials', () => {
    const bestSolution = [1, 2];
    expect(check(solutionImprovement(0.5), fakeView({ bestSolution, trialSolution: [[1.25, 1.75]] }))).not.toBe('');
    expect(check(solutionImprovement(0.5), fakeView({ bestSolution, trialSolution: [[1.25, 1.5]] }))).toBe('');
    expect(check(solutionImprovement(0.5), fakeView({ bestSolution, trialSolution: [[1, 2], [1.5, 2.25]] }))).toBe('');
    expect(check(solutionImprovement(0.75), fakeView({ bestSolution, trialSolution: [[1, 2], [1.5, 2.25]] }))).not.toBe('');
    expect(check(solutionImprovement(), fakeView({ bestSolution }))).toBe('');
  });

  it('NormalizedCostTarget: |last - fval| <= |tolerance·fval|, or no improvement over g without fval', () => {
    expect(check(normalizedCostTarget(10, 0.25), withHistory([99, 12.5]))).not.toBe('');
    expect(check(normalizedCostTarget(10, 0.25), withHistory([99, 7.5]))).not.toBe('');
    expect(check(normalizedCostTarget(10, 0.25), withHistory([99, 12.6]))).toBe('');
    expect(check(normalizedCostTarget(-10, 0.25), withHistory([99, -12.5]))).not.toBe('');
    // fval = 0 needs an exact hit.
    expect(check(normalizedCostTarget(0), withHistory([0]))).not.toBe('');
    expect(check(normalizedCostTarget(0), withHistory([1e-300]))).toBe('');
    // No fval: met once the last g generations brought no improvement at all.
    expect(check(normalizedCostTarget(null, 1e-6, 2), withHistory([5, 1, 1]))).not.toBe('');
    expect(check(normalizedCostTarget(null, 1e-6, 2), withHistory([5, 1, 0.999999]))).toBe('');
    expect(check(normalizedCostTarget(null, 1e-6, 2), withHistory([1, 1]))).toBe('');
    // No fval and no generations: met at once.
    expect(check(normalizedCostTarget(null, 1e-6, 0), withHistory([5]))).not.toBe('');
    expect(check(normalizedCostTarget(null, 1e-6, null), withHistory([5]))).not.toBe('');
    expect(check(normalizedCostTarget(null, 1e-6, 0), withHistory([]))).toBe('');
  });

  it('VTRChangeOverGeneration: either the change test or the target test', () => {
    const term = vtrChangeOverGeneration(0.5, 0.25, 2, 10);
    expect(check(term, withHistory([99, 10.5]))).not.toBe('');
    expect(check(term, withHistory([99, 10.75]))).toBe('');
    expect(check(term, withHistory([99, 21.25, 21]))).not.toBe('');
    expect(check(term, withHistory([99, 21.5, 21]))).toBe('');
  });

  it('PopulationSpread: |x - x0| <= |tolerance·x0| in every coordinate', () => {
    const spread = (population: number[][]) => check(populationSpread(0.125), fakeView({ population }));
    expect(spread([[8, -16], [9, -14], [7, -18]])).not.toBe('');
    expect(spread([[8, -16], [9, -14], [7, -18.5]])).toBe('');
    // A zero coordinate allows no spread at all.
    expect(spread([[0, 1], [0, 1]])).not.toBe('');
    expect(spread([[0, 1], [1e-300, 1]])).toBe('');
    expect(spread([])).toBe('');
  });

  it('GradientNormTolerance: forward differences of step sqrt(eps), infinity norm by default', () => {
    expect(GRADIENT_STEP).toBe(1.4901161193847656e-8);
    let calls = 0;
    const sphere = (x: readonly number[]): number => {
      calls++;
      return x.reduce((sum, v) => sum + v * v, 0);
    };
    const view = fakeView({ bestSolution: [0.001, -0.003], rawCost: sphere });
    // For a sum of squares the forward difference is 2x + h (up to rounding).
    const h = GRADIENT_STEP;
    const infNorm = Math.abs(2 * -0.003 + h);
    expect(check(gradientNormTolerance(infNorm * 1.000001), view)).toBe(
      `GradientNormTolerance with {'tolerance': ${infNorm * 1.000001}, 'norm': inf}`,
    );
    expect(check(gradientNormTolerance(infNorm * 0.999999), view)).toBe('');
    expect(calls).toBe(6);
    const twoNorm = Math.hypot(2 * 0.001 + h, 2 * -0.003 + h);
    expect(check(gradientNormTolerance(twoNorm * 1.000001, 2), view)).not.toBe('');
    expect(check(gradientNormTolerance(twoNorm * 0.999999, 2), view)).toBe('');
    expect(check(gradientNormTolerance(2, 0), view)).not.toBe('');
    expect(check(gradientNormTolerance(1.5, 0), view)).toBe('');
  });

  it('lnorm follows mystic: count for p = 0, max/min magnitude for ±∞, max magnitude on overflow', () => {
    expect(lnorm([3, -4, 0], 2)).toBe(5);
    expect(lnorm([3, -4, 0], 1)).toBe(7);
    expect(lnorm([3, -4, 0], 0)).toBe(2);
    expect(lnorm([3, -4, 0.5], Infinity)).toBe(4);
    expect(lnorm([3, -4, 0.5], -Infinity)).toBe(0.5);
    expect(lnorm([1e200, 2], 2)).toBe(1e200);
    expect(lnorm([-8, 1], 0.5)).toBe(8);
  });

  it('EvaluationLimits: generations >= limit or evaluations >= limit; None never', () => {
    expect(check(evaluationLimits(10, 100), fakeView({ generations: 10, evaluations: 5 }))).not.toBe('');
    expect(check(evaluationLimits(10, 100), fakeView({ generations: 9, evaluations: 100 }))).not.toBe('');
    expect(check(evaluationLimits(10, 100), fakeView({ generations: 9, evaluations: 99 }))).toBe('');
    expect(check(evaluationLimits(null, 100), fakeView({ generations: 1e9, evaluations: 99 }))).toBe('');
    expect(check(evaluationLimits(), fakeView({ generations: 1e9, evaluations: 1e9 }))).toBe('');
  });

  it('TimeLimits: elapsed seconds >= seconds', () => {
    expect(check(timeLimits(5), fakeView({ elapsedMs: 5000 }))).toBe("TimeLimits with {'seconds': 5}");
    expect(check(timeLimits(5), fakeView({ elapsedMs: 4999 }))).toBe('');
    expect(check(timeLimits(), fakeView({ elapsedMs: 86_399_999 }))).toBe('');
    expect(check(timeLimits(), fakeView({ elapsedMs: 86_400_000 }))).toBe("TimeLimits with {'seconds': 86400}");
  });

  it('SolverInterrupt: the interrupt flag', () => {
    expect(check(solverInterrupt(), fakeView({ interrupted: true }))).toBe('SolverInterrupt with {}');
    expect(check(solverInterrupt(), fakeView())).toBe('');
  });
});

describe('compounds', () => {
  const converged = withHistory([...new Array<number>(40).fill(0)]);
  const far = withHistory([...new Array<number>(40).fill(5)]);

  it('And needs all, and joins their messages in term order', () => {
    expect(check(and(vtr(), changeOverGeneration()), converged)).toBe(`${VTR_DEFAULT}; ${COG_DEFAULT}`);
    expect(check(and(changeOverGeneration(), vtr()), converged)).toBe(`${COG_DEFAULT}; ${VTR_DEFAULT}`);
    expect(check(and(vtr(), changeOverGeneration()), far)).toBe('');
  });

  it('Or gives the satisfied messages only, each once', () => {
    expect(check(or(vtr(), changeOverGeneration()), far)).toBe(COG_DEFAULT);
    expect(check(or(vtr(), changeOverGeneration(), vtr()), converged)).toBe(`${VTR_DEFAULT}; ${COG_DEFAULT}`);
    expect(check(or(and(vtr(), changeOverGeneration()), when(vtr())), converged)).toBe(`${VTR_DEFAULT}; ${COG_DEFAULT}`);
    expect(check(or(vtr(), vtr(0.001)), far)).toBe('');
  });

  it('When wraps one condition', () => {
    expect(check(when(vtr()), converged)).toBe(VTR_DEFAULT);
    expect(check(when(vtr()), far)).toBe('');
  });

  it('Not is met when its term is not, and names it', () => {
    expect(check(not(vtr()), far)).toBe(`Not(${VTR_DEFAULT})`);
    expect(check(not(vtr()), converged)).toBe('');
    expect(check(not(and(vtr(), changeOverGeneration())), far)).toBe(`Not(And(${VTR_DEFAULT}, ${COG_DEFAULT}))`);
    expect(check(not(not(vtr())), converged)).toBe(`Not(Not(${VTR_DEFAULT}))`);
    expect(check('And(NormalizedChangeOverGeneration(1e-4, 10), Not(VTR(100)))', withHistory(new Array<number>(11).fill(500)))).toBe(
      "NormalizedChangeOverGeneration with {'tolerance': 0.0001, 'generations': 10}; Not(VTR with {'tolerance': 100.0, 'target': 0.0})",
    );
  });

  it('a CandidateRelativeTolerance warning counts as met inside compounds', () => {
    const single = fakeView({ population: [[1]], popEnergy: [1], energyHistory: [1] });
    expect(check(and(candidateRelativeTolerance(), vtr(2)), single)).toBe(
      "Warning: Invalid termination condition (nPop < 2); VTR with {'tolerance': 2.0, 'target': 0.0}",
    );
    expect(check(not(candidateRelativeTolerance()), single)).toBe('');
  });
});

describe('factories', () => {
  it('keep only the given settings, filling skipped ones with defaults', () => {
    expect(vtr()).toEqual({ type: 'condition', name: 'VTR', args: [] });
    expect(vtr(0.01)).toEqual({ type: 'condition', name: 'VTR', args: [0.01] });
    expect(changeOverGeneration(undefined, 50)).toEqual({ type: 'condition', name: 'ChangeOverGeneration', args: [1e-6, 50] });
    expect(evaluationLimits(undefined, 1000)).toEqual({ type: 'condition', name: 'EvaluationLimits', args: [null, 1000] });
    expect(and(vtr(), not(solverInterrupt()))).toEqual({
      type: 'And',
      terms: [
        { type: 'condition', name: 'VTR', args: [] },
        { type: 'Not', term: { type: 'condition', name: 'SolverInterrupt', args: [] } },
      ],
    });
  });

  it('reject settings mystic could not use', () => {
    expect(() => changeOverGeneration(1e-6, 2.5)).toThrow(OptionError);
    expect(() => changeOverGeneration(1e-6, -1)).toThrow(/whole number/);
    expect(() => vtr(NaN)).toThrow(/NaN/);
    expect(() => and()).toThrow(/at least one/);
  });
});
