import { describe, expect, it } from 'vitest';
import { Random } from './random';

describe('Random.chance', () => {
  it('never comes up at 0 and always at 1', () => {
    const rng = Random.fromSeed(3);
    for (let k = 0; k < 10_000; k++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
    }
  });

  it('comes up with probability p', () => {
    const rng = Random.fromSeed(11);
    const draws = 200_000;
    for (const p of [0.1, 0.5, 0.9]) {
      let hits = 0;
      for (let k = 0; k < draws; k++) if (rng.chance(p)) hits++;
      // Five standard deviations of a binomial count: a correct coin fails this about once in 3.5 million runs.
      expect(Math.abs(hits / draws - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / draws));
    }
  });

  it('spends one word of the generator, where random() spends two', () => {
    const coins = Random.fromSeed(5);
    const uniform = Random.fromSeed(5);
    coins.chance(0.5);
    expect(coins.getState()).not.toEqual(uniform.getState());
    coins.chance(0.5);
    uniform.random();
    expect(coins.getState()).toEqual(uniform.getState());
  });
});
