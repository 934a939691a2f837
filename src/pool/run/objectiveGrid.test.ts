import { describe, expect, it } from 'vitest';
import { OptionError } from '../../core/index';
import { sampleObjectiveGrid } from './objectiveGrid';

const host = { yieldToEvents: () => Promise.resolve(), now: () => performance.now() };

const peaks = `import { peaks } from 'sibyl/models';
export default { dim: 2, bounds: [[-3, 3], [-3, 3]], objective: (x: number[]) => peaks(x) };
`;

describe('sampleObjectiveGrid', () => {
  it('samples the objective at (x[i], y[j]) into z[j][i], corners included', async () => {
    const grid = await sampleObjectiveGrid({ source: peaks, box: [[-3, 3], [-2, 2]], n: 5 }, host);
    expect(grid.x).toEqual([-3, -1.5, 0, 1.5, 3]);
    expect(grid.y).toEqual([-2, -1, 0, 1, 2]);
    // MATLAB's peaks at (0, 0) is 3·e^(−1) − e^(−1)/3 = 0.98101184...; at (1.5, −1): 3·0.25·e^(−2.25) − 10·(0.3 − 3.375 + 1)·e^(−3.25) − e^(−7.25)/3.
    expect(grid.z[2]?.[2]).toBeCloseTo(3 * Math.exp(-1) - Math.exp(-1) / 3, 12);
    expect(grid.z[1]?.[3]).toBeCloseTo(0.75 * Math.exp(-2.25) - 10 * (0.3 - 3.375 + 1) * Math.exp(-3.25) - Math.exp(-7.25) / 3, 12);
    expect(grid.z).toHaveLength(5);
  });

  it('awaits asynchronous objectives and gives NaN where the objective throws or returns no number', async () => {
    const source = `export default { dim: 2, objective: async (x: number[]) => {
      if (x[0] < 0) throw new Error('outside the domain');
      return x[1] > 0 ? ('not a number' as unknown as number) : x[0] + x[1];
    } };`;
    const grid = await sampleObjectiveGrid({ source, box: [[-1, 1], [-1, 1]], n: 3 }, host);
    expect(grid.z).toEqual([
      [NaN, -1, 0],
      [NaN, 0, 1],
      [NaN, NaN, NaN],
    ]);
  });

  it('yields to the worker’s other messages during a long sampling', async () => {
    let clock = 0;
    let yields = 0;
    const slowHost = { yieldToEvents: () => (yields++, Promise.resolve()), now: () => (clock += 5) };
    await sampleObjectiveGrid({ source: peaks, box: [[-3, 3], [-3, 3]], n: 10 }, slowHost);
    // 100 points, the clock moving 5 ms per reading: a yield about every 20 ms of sampling, not per row.
    expect(yields).toBeGreaterThanOrEqual(20);
  });

  it('samples a coarser grid when the full one would not fit the time budget, and none when even that does not', async () => {
    // A clock that moves 1 ms per reading: every evaluation costs 1 ms.
    let clock = 0;
    const timed = { yieldToEvents: () => Promise.resolve(), now: () => clock++ };
    // 11² = 121 ms for the coarse pass; 379 ms left afford 19² points, not 41².
    const grid = await sampleObjectiveGrid({ source: peaks, box: [[-3, 3], [-3, 3]], n: 41, budgetMs: 500 }, timed);
    expect(grid.x).toHaveLength(19);
    expect(grid.z).toHaveLength(19);
    expect(grid.x[9]).toBeCloseTo(0, 12);
    const full = await sampleObjectiveGrid({ source: peaks, box: [[-3, 3], [-3, 3]], n: 41, budgetMs: 2000 }, timed);
    expect(full.x).toHaveLength(41);
    await expect(sampleObjectiveGrid({ source: peaks, box: [[-3, 3], [-3, 3]], n: 41, budgetMs: 50 }, timed)).rejects.toThrow(/too slow to sample/);
  });

  it('refuses a problem that is not 2-D and a bad request, with the setting at fault', async () => {
    const rosen = `import { rosen } from 'sibyl/models'; export default { dim: 3, objective: (x: number[]) => rosen(x) };`;
    await expect(sampleObjectiveGrid({ source: rosen, box: [[0, 1], [0, 1]], n: 4 }, host)).rejects.toThrow(/2-D problem; this one has dim 3/);
    await expect(sampleObjectiveGrid({ source: peaks, box: [[0, 1], [1, 1]], n: 4 }, host)).rejects.toBeInstanceOf(OptionError);
    await expect(sampleObjectiveGrid({ source: peaks, box: [[0, 1], [0, 1]], n: 1 }, host)).rejects.toThrow(/between 2 and 400/);
  });
});
