import { describe, expect, it } from 'vitest';
import type { Solver } from '../core';
import { Progress, progressLine } from './progress';

/** The part of a solver the progress display reads. */
function fakeSolver(state: { generations: number; evaluations: number; bestEnergy: number }): Solver {
  return { ...state, limits: { generations: 200, evaluations: 10_000 } } as unknown as Solver;
}

function collector() {
  const sink = { text: '', writes: 0, write: (t: string) => ((sink.text += t), sink.writes++) };
  return sink;
}

describe('Progress', () => {
  it('prints a ChiSquare line every `verbose` generations, once per generation', () => {
    const lines = collector();
    const progress = new Progress({ verbose: 3, lines, columns: 80, now: () => 0 }, -1);
    for (let g = 0; g <= 7; g++) {
      progress.update(fakeSolver({ generations: g, evaluations: 10 * g, bestEnergy: 1 / (g + 1) }));
      progress.update(fakeSolver({ generations: g, evaluations: 10 * g, bestEnergy: 1 / (g + 1) }));
    }
    expect(lines.text).toBe(
      'Generation 0 has ChiSquare: 1.0\nGeneration 3 has ChiSquare: 0.25\nGeneration 6 has ChiSquare: 0.14285714285714285\n',
    );
  });

  it('redraws the bar at most ten times a second and erases it before printing a line', () => {
    let clock = 0;
    const bar = collector();
    const lines = collector();
    const progress = new Progress({ verbose: 0, lines, bar, columns: 80, now: () => clock }, -1);
    for (let g = 0; g < 200; g++, clock += 5) progress.update(fakeSolver({ generations: g, evaluations: 50 * g, bestEnergy: 2 }));
    // 200 updates over one second of fake time.
    expect(bar.writes).toBe(10);
    progress.print('hello\n');
    expect(bar.text.endsWith('\r\x1b[K')).toBe(true);
    expect(lines.text).toBe('hello\n');
    progress.update(fakeSolver({ generations: 200, evaluations: 10_000, bestEnergy: 2 }));
    expect(bar.writes).toBe(12);
  });

  it('measures progress against the nearer limit and fits the terminal', () => {
    const line = progressLine(fakeSolver({ generations: 50, evaluations: 7_500, bestEnergy: 0.001 }), 80);
    expect(line).toBe(`[${'#'.repeat(23)}${'-'.repeat(7)}]  75%  gen 50/200  evals 7500/10000  best 0.001`);
    expect(line.length).toBeLessThan(80);
    expect(progressLine(fakeSolver({ generations: 1, evaluations: 1, bestEnergy: Infinity }), 30)).toHaveLength(29);
  });
});
