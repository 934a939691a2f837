import { describe, expect, it } from 'vitest';
import { bestPath, contourBox, contourFigure, contourLevels, convergenceFigure, parameterColors, parameterFigure, pointBudget, populationFigure, snapBox, tracePointCap, webglThreshold } from './figures';
import type { ObjectiveGrid } from './plotData';

const theme = { text: 'rgba(0, 0, 0, 1)', grid: 'rgba(0, 0, 0, 0.14)', accent: 'rgba(47, 91, 211, 1)', fontFamily: 'sans-serif' };

type Trace = { type?: string; x?: unknown[]; y?: unknown[]; z?: unknown[][]; name?: string };

function traces(figure: { data: unknown[] }): Trace[] {
  return figure.data as Trace[];
}

function grid(f: (x: number, y: number) => number, lo: number, hi: number, n: number): ObjectiveGrid {
  const axis = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  return { x: axis, y: axis, z: axis.map((y) => axis.map((x) => f(x, y))) };
}

const rosen = (x: number, y: number): number => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
const peaks = (x: number, y: number): number =>
  3 * (1 - x) ** 2 * Math.exp(-(x ** 2) - (y + 1) ** 2) - 10 * (x / 5 - x ** 3 - y ** 5) * Math.exp(-(x ** 2) - y ** 2) - Math.exp(-((x + 1) ** 2) - y ** 2) / 3;

describe('convergenceFigure', () => {
  const convergence = { x: [0, 1, 2, 3], y: [4, 1, -2, -2] };

  it('draws the costs as they are on a linear axis', () => {
    const figure = convergenceFigure({ runId: 1, convergence, members: [] }, 'linear', theme);
    expect(figure.layout.yaxis?.type).toBe('linear');
    expect(traces(figure)).toHaveLength(1);
    expect(traces(figure)[0]?.y).toEqual([4, 1, -2, -2]);
  });

  it('shifts non-positive costs on a log axis and says so in the axis title', () => {
    const figure = convergenceFigure({ runId: 1, convergence, members: [] }, 'log', theme);
    expect(figure.layout.yaxis?.type).toBe('log');
    // min −2; smallest positive distance to it is 3 (from 1), so ε = 0.3.
    const y = traces(figure)[0]?.y as number[];
    expect(y.map((value) => Number(value.toFixed(12)))).toEqual([6.3, 3.3, 0.3, 0.3]);
    expect(figure.layout.yaxis?.title).toEqual({ text: 'best cost − min + ε' });
  });

  it('draws one trace per ensemble member under the best cost, shifted by the minimum over all of them', () => {
    const members = [
      { x: [0, 1], y: [5, -3] },
      { x: [0, 1], y: [7, 6] },
    ];
    const figure = convergenceFigure({ runId: 1, convergence: { x: [0, 1], y: [5, -3] }, members }, 'log', theme);
    const drawn = traces(figure);
    expect(drawn.map((trace) => trace.name)).toEqual(['member 0', 'member 1', 'best cost']);
    // min −3, smallest gap 8 → ε 0.8.
    expect((drawn[1]?.y as number[]).map((value) => Number(value.toFixed(12)))).toEqual([10.8, 9.8]);
  });

  it('draws the best cost in the theme’s accent and keeps many long member traces within the point budget', () => {
    const long = { x: Array.from({ length: 2000 }, (_, i) => i), y: Array.from({ length: 2000 }, (_, i) => 100 / (1 + i)) };
    const figure = convergenceFigure({ runId: 1, convergence: long, members: Array.from({ length: 64 }, () => long) }, 'linear', theme);
    const drawn = figure.data as { x: unknown[]; y: unknown[]; line?: { color?: string } }[];
    expect(drawn.at(-1)?.line?.color).toBe(theme.accent);
    // The best cost is thinned to one trace's cap, from its first generation to its last.
    expect(drawn.at(-1)?.x.length).toBeLessThanOrEqual(tracePointCap + 1);
    expect(drawn.at(-1)?.x.length).toBeGreaterThan(tracePointCap * 0.9);
    expect([drawn.at(-1)?.x[0], drawn.at(-1)?.x.at(-1)]).toEqual([0, 1999]);
    expect([drawn.at(-1)?.y[0], drawn.at(-1)?.y.at(-1)]).toEqual([100, 100 / 2000]);
    const memberPoints = drawn.slice(0, -1).reduce((total, trace) => total + trace.x.length, 0);
    expect(memberPoints).toBeLessThanOrEqual(pointBudget + 64);
    expect(memberPoints).toBeGreaterThan(pointBudget / 2);
  });

  it('turns infinite costs into gaps', () => {
    const figure = convergenceFigure({ runId: 1, convergence: { x: [0, 1], y: [Infinity, 3] }, members: [] }, 'log', theme);
    expect(traces(figure)[0]?.y).toEqual([null, 3]);
  });
});

describe('parameterFigure', () => {
  it('thins each long parameter trace to the cap, keeping its extremes', () => {
    const x = Array.from({ length: 2000 }, (_, i) => i);
    const spiky = { x, y: x.map((i) => (i === 777 ? 9 : Math.sin(i / 50))) };
    const drawn = traces(parameterFigure({ runId: 1, parameters: [spiky, spiky] }));
    for (const trace of drawn) {
      expect(trace.x?.length).toBeLessThanOrEqual(tracePointCap + 1);
      expect(Math.max(...(trace.y as number[]))).toBe(9);
    }
  });

  it('draws one trace per parameter, named x0, x1, …', () => {
    const figure = parameterFigure({ runId: 1, parameters: [{ x: [0, 1], y: [0.5, 0.7] }, { x: [0, 2], y: [-1, 1] }, { x: [0], y: [3] }] });
    expect(traces(figure).map((trace) => [trace.name, trace.x, trace.y])).toEqual([
      ['x0', [0, 1], [0.5, 0.7]],
      ['x1', [0, 2], [-1, 1]],
      ['x2', [0], [3]],
    ]);
  });

  it('colours the traces in turn as its legend does, leaves the hidden ones out, and draws no legend of its own', () => {
    const parameters = Array.from({ length: 12 }, (_, j) => ({ x: [0], y: [j] }));
    const figure = parameterFigure({ runId: 1, parameters }, new Set([1, 11]));
    const drawn = traces(figure) as { line: { color: string }; visible: boolean }[];
    expect(drawn.map((trace) => trace.line.color)).toEqual([...parameterColors, parameterColors[0], parameterColors[1]]);
    expect(drawn.map((trace, j) => [j, trace.visible]).filter(([, visible]) => !visible)).toEqual([[1, false], [11, false]]);
    expect(figure.layout.showlegend).toBe(false);
  });
});

describe('populationFigure', () => {
  const population = { generation: 3, points: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], costs: [10, 20, 5], size: 3 };

  it('projects the population on the chosen parameters and marks the best point', () => {
    const figure = populationFigure({ runId: 1, population, bestX: [7, 8, 9], bounds: undefined }, { x: 2, y: 0 }, theme);
    const [members, best] = traces(figure);
    expect(members?.type).toBe('scatter');
    expect(members?.x).toEqual([3, 6, 9]);
    expect(members?.y).toEqual([1, 4, 7]);
    expect([best?.x, best?.y]).toEqual([[9], [7]]);
    expect(figure.layout.xaxis?.title).toEqual({ text: 'x2' });
  });

  it('can put the cost on an axis, and fixes parameter axes to the padded bounds', () => {
    const figure = populationFigure({ runId: 1, population, bestX: [7, 8, 9], bounds: [[0, 10], [0, 10], [0, 10]] }, { x: 1, y: 'cost' }, theme);
    const [members, best] = traces(figure);
    expect(members?.y).toEqual([10, 20, 5]);
    expect(best?.y).toEqual([5]);
    expect(figure.layout.xaxis?.range).toEqual([-0.3, 10.3]);
    expect(figure.layout.yaxis?.range).toBeUndefined();
  });

  it('switches to WebGL for large populations', () => {
    const size = webglThreshold + 1;
    const large = { generation: 0, points: Array.from({ length: size }, (_, i) => [i, -i]), costs: Array.from({ length: size }, () => 1), size };
    expect(traces(populationFigure({ runId: 1, population: large, bestX: [0, 0], bounds: undefined }, { x: 0, y: 1 }, theme))[0]?.type).toBe('scattergl');
  });
});

describe('bestPath', () => {
  it('pairs two separately sampled parameters, holding each one’s last value, without repeats', () => {
    const first = { x: [0, 5, 10], y: [1, 2, 3] };
    const second = { x: [0, 3, 10], y: [-1, -2, -3] };
    expect(bestPath(first, second)).toEqual({ x: [1, 1, 2, 3], y: [-1, -2, -2, -3] });
  });

  it('starts once both parameters have a value', () => {
    expect(bestPath({ x: [2, 4], y: [1, 1] }, { x: [3, 4], y: [9, 8] })).toEqual({ x: [1, 1], y: [9, 8] });
  });
});

describe('contourBox', () => {
  it('uses finite bounds', () => {
    expect(contourBox({ bounds: [[-3, 3], [-2, 2]], parameters: [], population: undefined })).toEqual([[-3, 3], [-2, 2]]);
  });

  it('falls back to the region the run has seen, with a margin', () => {
    const box = contourBox({ bounds: undefined, parameters: [{ x: [0, 1], y: [0, 4] }, { x: [0], y: [1] }], population: { generation: 0, points: [[2, 3]], costs: [0], size: 1 } });
    expect(box).toEqual([[-1, 5], [0.5, 3.5]]);
    expect(contourBox({ bounds: undefined, parameters: [], population: undefined })).toBeUndefined();
  });
});

describe('contourLevels', () => {
  it('colours a deep valley (Rosenbrock) by the log of the distance to the minimum', () => {
    const levels = contourLevels(grid(rosen, -2, 2, 41));
    expect(levels.title).toContain('log');
    // The grid holds (1, 1), where rosen is 0: the darkest level; (−2, −2) is 3609 above it.
    const flat = levels.z.flat() as number[];
    expect(Math.min(...flat)).toBe(levels.z[30]?.[30]);
    expect(levels.z[0]?.[0]).toBeCloseTo(Math.log10(3609 + 0), 1);
  });

  it('colours an even surface (peaks) by the cost itself', () => {
    const peaksGrid = grid(peaks, -3, 3, 41);
    const levels = contourLevels(peaksGrid);
    expect(levels.title).toBe('cost');
    expect(levels.z).toEqual(peaksGrid.z);
  });
});

describe('contourFigure', () => {
  it('draws the grid, the best path, the population and the best point', () => {
    const figure = contourFigure(
      {
        runId: 1,
        parameters: [{ x: [0, 1], y: [0, 1] }, { x: [0, 1], y: [0, 1] }],
        population: { generation: 1, points: [[0.5, 0.5]], costs: [1], size: 1 },
        bestX: [1, 1],
      },
      grid(peaks, -3, 3, 11),
    );
    expect(traces(figure).map((trace) => trace.type)).toEqual(['contour', 'scatter', 'scatter', 'scatter']);
    expect(traces(figure)[0]?.z).toHaveLength(11);
    expect(figure.layout.xaxis?.range).toEqual([-3, 3]);
  });

  it('hands plotly the same contour trace for the same grid, so moving points do not recompute it', () => {
    const peaksGrid = grid(peaks, -3, 3, 11);
    const data = { runId: 1, parameters: [], population: undefined, bestX: [] };
    expect(contourFigure(data, peaksGrid).data[0]).toBe(contourFigure({ ...data, bestX: [1, 2] }, peaksGrid).data[0]);
  });
});

describe('snapBox', () => {
  it('widens each side to multiples of the power of ten below its span', () => {
    expect(snapBox([[0.37, 4.2], [-1234, 5678]])).toEqual([[0, 5], [-2000, 6000]]);
  });

  it('keeps the box while the region grows inside it', () => {
    expect(snapBox([[0.5, 4.9], [-1100, 5100]])).toEqual(snapBox([[0.37, 4.2], [-1234, 5678]]));
  });
});
