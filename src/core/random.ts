import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

/** The saved form of a Random: xoroshiro128+'s four 32-bit words. */
export type RandomState = readonly number[];

/**
 * The one source of randomness in Sibyl. Every solver draws from exactly one Random, whose state is part of
 * the solver state, so a run continues bit for bit after save and restore, in Node and in the browser alike.
 */
export class Random {
  private generator: Generator;

  private constructor(generator: Generator) {
    this.generator = generator;
  }

  static fromSeed(seed: number): Random {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    // xoroshiro128plus takes a 32-bit seed; fold larger seeds so every safe integer gives its own stream.
    const folded = (seed | 0) ^ Math.floor(seed / 2 ** 32);
    return new Random(xoroshiro128plus(folded));
  }

  static fromState(state: RandomState): Random {
    if (state.length !== 4 || !state.every((w) => Number.isInteger(w))) {
      throw new RangeError('random state must be four 32-bit integers');
    }
    return new Random(xoroshiro128plusFromState(state));
  }

  getState(): number[] {
    return [...this.generator.getState()];
  }

  /** Uniform in [0, 1). */
  random(): number {
    return uniformFloat64(this.generator);
  }

  /**
   * True with probability p (to within 2^-32), from one 32-bit word where `random()` spends two: DE draws
   * one per coordinate of every trial, which makes this the solver's most frequent draw.
   */
  chance(p: number): boolean {
    return this.generator.next() >>> 0 < p * 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * uniformFloat64(this.generator);
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return uniformInt(this.generator, 0, n - 1);
  }

  /** Uniform integer in [lo, hi] inclusive. */
  integer(lo: number, hi: number): number {
    return uniformInt(this.generator, lo, hi);
  }

  /**
   * `count` distinct integers from [0, n), none equal to `exclude` (DE's r1..r5 ≠ i).
   * Draws by rejection, which is cheap because count ≤ 5 ≪ n in every caller.
   */
  distinct(n: number, count: number, exclude: number, out: number[] = []): number[] {
    const available = exclude >= 0 && exclude < n ? n - 1 : n;
    if (count > available) throw new RangeError(`cannot draw ${count} distinct indices from ${available}`);
    // Indexed writes into the caller's array: emptying it and pushing would allocate on every call.
    let found = 0;
    while (found < count) {
      const r = uniformInt(this.generator, 0, n - 1);
      if (r !== exclude && !occursBefore(out, found, r)) out[found++] = r;
    }
    if (out.length !== count) out.length = count;
    return out;
  }
}

/** Whether `value` is among the first `end` entries of `values`. */
function occursBefore(values: readonly number[], end: number, value: number): boolean {
  for (let k = 0; k < end; k++) if (values[k] === value) return true;
  return false;
}
