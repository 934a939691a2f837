import type { Random } from '../random';

/** mystic's ten DE strategies, in mystic's order. */
export const strategyNames = [
  'Best1Bin',
  'Best1Exp',
  'Rand1Bin',
  'Rand1Exp',
  'RandToBest1Bin',
  'RandToBest1Exp',
  'Best2Bin',
  'Best2Exp',
  'Rand2Bin',
  'Rand2Exp',
] as const;

export type StrategyName = (typeof strategyNames)[number];

/** The mutation part of a strategy: what the donor coordinate is built from. */
export type DonorKind = 'best1' | 'rand1' | 'randToBest1' | 'best2' | 'rand2';

export interface Strategy {
  readonly donor: DonorKind;
  /** Binomial: each coordinate independently; exponential: a run of consecutive coordinates. */
  readonly crossover: 'binomial' | 'exponential';
  /** How many distinct random members (r1, r2, …, all ≠ i) the donor needs. */
  readonly randomMembers: number;
}

const randomMembersOf: Record<DonorKind, number> = { best1: 2, rand1: 3, randToBest1: 2, best2: 4, rand2: 5 };

function strategy(donor: DonorKind, crossover: Strategy['crossover']): Strategy {
  return { donor, crossover, randomMembers: randomMembersOf[donor] };
}

export const strategies: Readonly<Record<StrategyName, Strategy>> = {
  Best1Bin: strategy('best1', 'binomial'),
  Best1Exp: strategy('best1', 'exponential'),
  Rand1Bin: strategy('rand1', 'binomial'),
  Rand1Exp: strategy('rand1', 'exponential'),
  RandToBest1Bin: strategy('randToBest1', 'binomial'),
  RandToBest1Exp: strategy('randToBest1', 'exponential'),
  Best2Bin: strategy('best2', 'binomial'),
  Best2Exp: strategy('best2', 'exponential'),
  Rand2Bin: strategy('rand2', 'binomial'),
  Rand2Exp: strategy('rand2', 'exponential'),
};

/** Population size a strategy needs: its random members plus the target member itself. */
export function minimumPopulation(name: StrategyName): number {
  return strategies[name].randomMembers + 1;
}

/** The settings of one trial construction, read once per generation. */
export interface TrialSettings {
  readonly strategy: Strategy;
  /** F, the scaling factor. */
  readonly scale: number;
  /** CR, the crossover probability. */
  readonly cross: number;
}

type Vector = readonly number[];

/**
 * Builds trial vectors for one dimension, reusing its scratch so the hot loop allocates nothing.
 *
 * Random draws per trial, always in this order: (1) the distinct members r1, r2, … (all ≠ i) by
 * `rng.distinct`; (2) the forced coordinate n = `rng.below(dim)`; (3) the crossover draws. Binomial visits
 * coordinates 0..dim-1 in order and mutates coordinate j when j = n or, drawing one `chance(CR)` for each
 * other j, when it comes up true. Exponential mutates a run n, n+1, … (cyclically) whose length is 1 plus
 * one for every consecutive true `chance(CR)`, at most dim, drawing no more once the run covers dim.
 */
export class TrialBuilder {
  private readonly indices: number[] = [];

  constructor(readonly dim: number) {}

  /** Write the trial for member i into `trial`: member i with the crossover's coordinates from the donor. */
  build(trial: number[], i: number, population: readonly Vector[], best: Vector, settings: TrialSettings, rng: Random): void {
    const { dim, indices } = this;
    const { strategy, scale: F, cross } = settings;
    const randomMembers = strategy.randomMembers;
    rng.distinct(population.length, randomMembers, i, indices);
    const n = rng.below(dim);

    const t = population[i] as Vector;
    const a = row(population, indices, 0);
    const b = row(population, indices, 1);
    // Donors with fewer random members never read c, d, e; aliasing them to a keeps the code uniform.
    const c = randomMembers > 2 ? row(population, indices, 2) : a;
    const d = randomMembers > 3 ? row(population, indices, 3) : a;
    const e = randomMembers > 4 ? row(population, indices, 4) : a;
    // The whole donor first (reference §3.1's table), one tight loop per kind; the crossover then puts member
    // i's value back where the donor is not taken. Computing a few unused donor coordinates is cheaper than
    // deciding the donor kind, or calling through a function, for every coordinate.
    switch (strategy.donor) {
      case 'best1':
        for (let j = 0; j < dim; j++) trial[j] = at(best, j) + F * (at(a, j) - at(b, j));
        break;
      case 'rand1':
        for (let j = 0; j < dim; j++) trial[j] = at(a, j) + F * (at(b, j) - at(c, j));
        break;
      case 'randToBest1':
        for (let j = 0; j < dim; j++) trial[j] = at(t, j) + F * (at(best, j) - at(t, j)) + F * (at(a, j) - at(b, j));
        break;
      case 'best2':
        for (let j = 0; j < dim; j++) trial[j] = at(best, j) + F * (at(a, j) + at(b, j) - at(c, j) - at(d, j));
        break;
      case 'rand2':
        for (let j = 0; j < dim; j++) trial[j] = at(a, j) + F * (at(b, j) + at(c, j) - at(d, j) - at(e, j));
        break;
    }

    if (strategy.crossover === 'binomial') {
      for (let j = 0; j < dim; j++) if (j !== n && !rng.chance(cross)) trial[j] = at(t, j);
      return;
    }
    let run = 1;
    while (run < dim && rng.chance(cross)) run++;
    // The run is n … n+run−1 (cyclically); the coordinates after it keep member i's values.
    for (let k = run, j = (n + run) % dim; k < dim; k++, j = j + 1 === dim ? 0 : j + 1) trial[j] = at(t, j);
  }
}

function at(v: Vector, j: number): number {
  return v[j] as number;
}

function row(population: readonly Vector[], indices: readonly number[], k: number): Vector {
  return population[indices[k] as number] as Vector;
}
