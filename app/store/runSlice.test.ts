import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../src/core/index';
import { foldSnapshot, initialRun } from './runSlice';

function snapshot(runId: number, generations: number[], extra: Partial<RunSnapshot> = {}): RunSnapshot {
  const last = generations.at(-1) ?? -1;
  return {
    runId,
    status: 'running',
    solverId: 'de',
    generation: last,
    evaluations: 10 * (last + 1),
    bestCost: 1 / (last + 2),
    bestRawCost: 1 / (last + 2),
    bestX: [last, last],
    message: '',
    limits: { generations: 100, evaluations: 1000 },
    progress: (last + 1) / 100,
    evaluationsPerSecond: 0,
    elapsedMs: 0,
    nanEvaluations: 0,
    offsets: { generation: 0, evaluations: 0, elapsedMs: 0 },
    history: { generations, costs: generations.map((g) => 1 / (g + 2)), points: generations.map((g) => [g, g]) },
    ...extra,
  };
}

describe('folding snapshots into the run slice', () => {
  it('takes the numbers and appends the history of the same run', () => {
    const first = foldSnapshot(initialRun, snapshot(1, [0, 1, 2]));
    const second = foldSnapshot(first, snapshot(1, [3, 4], { members: [{ member: 0, generations: [3, 4], costs: [1, 0.5] }] }));
    expect(second.generation).toBe(4);
    expect(second.series.cost.x).toEqual([0, 1, 2, 3, 4]);
    expect(second.members).toEqual([{ member: 0, cost: { x: [3, 4], y: [1, 0.5] }, stride: 1 }]);
    expect(second.bestX).toEqual([4, 4]);
  });

  it('starts the series over for another run and keeps the last population when a snapshot has none', () => {
    const population = { generation: 2, points: [[1, 2]], costs: [3], size: 1 };
    const first = foldSnapshot(initialRun, snapshot(1, [0, 1, 2], { population }));
    expect(foldSnapshot(first, snapshot(1, [3])).population).toBe(population);
    const next = foldSnapshot(first, snapshot(2, [0]));
    expect(next.series.cost.x).toEqual([0]);
    expect(next.population).toBeUndefined();
    expect(next.runId).toBe(2);
  });
});
