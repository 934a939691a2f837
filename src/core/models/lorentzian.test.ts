import { describe, expect, it } from 'vitest';
import { SibylError } from '../errors';
import { Random } from '../random';
import { histogram, lorentzian, lorentzianData } from './lorentzian';

describe('lorentzian', () => {
  it('peaks at E0 with height A0·2/(π·G0), over a quadratic background, all divided by n', () => {
    expect(lorentzian([0, 0, 0, 1, 0, 2, 1], 0)).toBeCloseTo(1 / Math.PI, 15);
    expect(lorentzian([0, 0, 0, 3, 5, 0.5, 1], 5)).toBeCloseTo((3 * 2) / (Math.PI * 0.5), 12);
    // Half height at E0 ± G0/2.
    expect(lorentzian([0, 0, 0, 1, 5, 0.5, 1], 5.25)).toBeCloseTo(lorentzian([0, 0, 0, 1, 5, 0.5, 1], 5) / 2, 12);
    expect(lorentzian([1, 2, 3, 0, 0, 1, 2], 2)).toBe((1 + 4 + 12) / 2);
    expect(() => lorentzian([1, 2, 3], 0)).toThrow(SibylError);
  });

  it('has area A0 under the peak', () => {
    let area = 0;
    const step = 0.01;
    for (let x = -2000; x < 2000; x += step) area += lorentzian([0, 0, 0, 7, 1, 3, 1], x) * step;
    // The tails beyond ±2000 hold 2·atan-complement ≈ G0/(π·2000) of the area.
    expect(area).toBeCloseTo(7 * (1 - 3 / (Math.PI * 2000)), 3);
  });
});

describe('lorentzianData', () => {
  const peak = [0, 0, 0, 1, 0, 2, 1];

  it('draws the requested number of samples in [xmin, xmax), reproducibly from its random source', () => {
    const draw = (): number[] => {
      const random = Random.fromSeed(5);
      return lorentzianData(peak, -10, 10, 500, () => random.random());
    };
    const samples = draw();
    expect(samples).toHaveLength(500);
    expect(draw()).toEqual(samples);
    for (const x of samples) {
      expect(x).toBeGreaterThanOrEqual(-10);
      expect(x).toBeLessThan(10);
    }
  });

  it('follows the Cauchy distribution: P(|x − E0| < G0/2) = atan(1)/atan(10) on [−10, 10)', () => {
    const random = Random.fromSeed(11);
    const samples = lorentzianData(peak, -10, 10, 4000, () => random.random());
    const inside = samples.filter((x) => Math.abs(x) < 1).length / samples.length;
    // 0.534, with a standard deviation of √(p(1−p)/4000) ≈ 0.008.
    expect(inside).toBeCloseTo(Math.atan(1) / Math.atan(10), 1);
    expect(Math.abs(inside - Math.atan(1) / Math.atan(10))).toBeLessThan(0.03);
  });
});

describe('histogram', () => {
  it('counts in half-open bins, the last one closed, like numpy.histogram', () => {
    expect(histogram([0, 0.5, 1, 1.5, 2, 2.5, -1], 1, 0, 3)).toEqual({ centres: [0.5, 1.5], counts: [2, 3] });
    // Edges 0, 0.1, …, 0.4 (numpy's arange stops below 0.45): four bins, the value 0.2 opening the third.
    const { centres, counts } = histogram([0.1, 0.2, 0.35], 0.1, 0, 0.45);
    expect(counts).toEqual([0, 1, 1, 1]);
    [0.05, 0.15, 0.25, 0.35].forEach((centre, i) => expect(centres[i]).toBeCloseTo(centre, 15));
  });

  it('is empty when fewer than two edges fit', () => {
    expect(histogram([1, 2], 5, 0, 3)).toEqual({ centres: [], counts: [] });
  });
});
