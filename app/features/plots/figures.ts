import type { Data, Layout } from 'plotly.js-dist-min';
import type { Bounds, PopulationView } from '../../../src/core/index';
import { fitToBudget } from '../../store/decimate';
import type { Series } from '../../store/index';
import { logAxisTitle, logView, plotValues } from './logScale';
import type { ObjectiveGrid, PlotData } from './plotData';
import type { Figure } from './plotly';
import type { PlotTheme } from './theme';

/** Above this many points a scatter is drawn with WebGL (scattergl): SVG markers stall past a few thousand. */
export const webglThreshold = 2000;

/**
 * Most points one trace hands plotly: about one per pixel of a plot in the studio's grid (a third of a wide
 * page), min/max-decimated so spikes stay. The store keeps four times as many. What a redraw costs, in time
 * and in garbage (a full-speed run's redraws allocate some 40 MB a second, whose collection is the page's
 * longest pause), grows with the points drawn.
 */
export const tracePointCap = 500;

/** Most points the traces of one plot hold together (many ensemble members share it). */
export const pointBudget = 8000;

/** Traces decimated to their share of the plot's budget, and each to at most `tracePointCap` points. */
function fitTraces(traces: readonly Series[]): Series[] {
  return fitToBudget(traces, Math.min(pointBudget, tracePointCap * traces.length));
}

/** Margins that leave room for tick labels (up to 10⁻¹⁰⁰ on a log axis) and titles, and nothing else: the panels are small. */
const margin = { l: 70, r: 12, t: 8, b: 40 };

/** A y-axis scale the user picks for the convergence plot. */
export type CostScale = 'linear' | 'log';

/** One axis of the population view: a parameter index, or the cost. */
export type PopulationAxis = number | 'cost';

/** Smallest and largest finite value ([∞, −∞] when there is none); no spread, so long arrays are fine. */
function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  return [lo, hi];
}

/**
 * What every axis shares, chosen for the cost of a redraw, which plotly spends mostly on tick labels. Labels
 * may run past the plot's edge (the default hides such labels by measuring every label's box), stay
 * horizontal (the default measures them to decide whether to turn them) and are few. The fixed margins (no
 * automargin, which redraws again whenever a label's width changes) leave the labels their room.
 */
const axisDefaults = { ticklabeloverflow: 'allow', tickangle: 0, nticks: 6 } as const;

function baseLayout(runId: number, layout: Partial<Layout>): Partial<Layout> {
  return {
    margin,
    uirevision: runId,
    showlegend: false,
    hovermode: 'closest',
    ...layout,
    xaxis: { ...axisDefaults, ...layout.xaxis },
    yaxis: { ...axisDefaults, ...layout.yaxis },
  };
}

/** The best cost per generation (one thin trace per ensemble member beneath it), on a linear or log axis. */
export function convergenceFigure(data: Pick<PlotData, 'runId' | 'convergence' | 'members'>, scale: CostScale, theme: PlotTheme): Figure {
  const view = scale === 'log' ? logView([data.convergence.y, ...data.members.map((member) => member.y)]) : undefined;
  const members: Data[] = fitTraces(data.members).map((member, index) => ({
    type: 'scatter',
    mode: 'lines',
    name: `member ${index}`,
    x: [...member.x],
    y: plotValues(member.y, view),
    line: { width: 1, shape: 'hv' },
    opacity: 0.45,
  }));
  const [convergence = data.convergence] = fitTraces([data.convergence]);
  const best: Data = {
    type: 'scatter',
    mode: 'lines',
    name: 'best cost',
    x: [...convergence.x],
    y: plotValues(convergence.y, view),
    line: { width: 2.5, shape: 'hv', color: theme.accent },
  };
  return {
    data: [...members, best],
    layout: baseLayout(data.runId, {
      xaxis: { title: { text: 'generation' } },
      yaxis: {
        type: scale,
        title: { text: view ? logAxisTitle(view, 'best cost') : 'best cost' },
        exponentformat: 'power',
        uirevision: `${data.runId}:${scale}`,
      },
    }),
  };
}

/** Colours of the parameter traces, in turn (plotly's own default sequence), shared with their HTML legend. */
export const parameterColors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] as const;

export function parameterColor(index: number): string {
  return parameterColors[index % parameterColors.length] as string;
}

/**
 * The best point per generation: one trace per parameter, those in `hidden` left out. The legend is the
 * page's (ParameterTracePlot), not plotly's: plotly draws its legend again on every redraw, a fifth of
 * this plot's cost.
 */
export function parameterFigure(data: Pick<PlotData, 'runId' | 'parameters'>, hidden: ReadonlySet<number> = new Set()): Figure {
  return {
    data: fitTraces(data.parameters).map((series, index) => ({
      type: 'scatter',
      mode: 'lines',
      name: `x${index}`,
      x: [...series.x],
      y: plotValues(series.y),
      line: { width: 1.5, shape: 'hv', color: parameterColor(index) },
      visible: !hidden.has(index),
    })),
    layout: baseLayout(data.runId, {
      xaxis: { title: { text: 'generation' } },
      yaxis: { title: { text: 'best x' } },
    }),
  };
}

function axisValues(population: PopulationView, axis: PopulationAxis): number[] {
  return axis === 'cost' ? [...population.costs] : population.points.map((point) => point[axis] ?? NaN);
}

function axisTitle(axis: PopulationAxis): string {
  return axis === 'cost' ? 'cost' : `x${axis}`;
}

/** The axis range of a parameter's bounds, padded so members on the bound stay visible. */
function boundsRange(bounds: Bounds | undefined, axis: PopulationAxis): [number, number] | undefined {
  if (axis === 'cost' || !bounds) return undefined;
  const pair = bounds[axis];
  if (!pair || !Number.isFinite(pair[0]) || !Number.isFinite(pair[1]) || pair[1] <= pair[0]) return undefined;
  const pad = (pair[1] - pair[0]) * 0.03;
  return [pair[0] - pad, pair[1] + pad];
}

/**
 * The population projected on two axes (parameters or the cost), the best point marked. Fixed to the bounds
 * when known, so the population is seen to contract; WebGL above `webglThreshold` members.
 */
export function populationFigure(
  data: Pick<PlotData, 'runId' | 'population' | 'bestX' | 'bounds'>,
  axes: { readonly x: PopulationAxis; readonly y: PopulationAxis },
  theme: PlotTheme,
): Figure {
  const population = data.population;
  const size = population?.points.length ?? 0;
  const members: Data = {
    type: size > webglThreshold ? 'scattergl' : 'scatter',
    mode: 'markers',
    name: 'population',
    x: population ? plotValues(axisValues(population, axes.x)) : [],
    y: population ? plotValues(axisValues(population, axes.y)) : [],
    marker: { size: size > webglThreshold ? 3 : 6, opacity: 0.75, color: theme.accent },
  };
  const bestCost = population ? extent(population.costs)[0] : NaN;
  const bestValue = (axis: PopulationAxis): number | null => {
    const value = axis === 'cost' ? bestCost : data.bestX[axis];
    return value !== undefined && Number.isFinite(value) ? value : null;
  };
  const best: Data = {
    type: 'scatter',
    mode: 'markers',
    name: 'best',
    x: [bestValue(axes.x)],
    y: [bestValue(axes.y)],
    marker: { size: 12, symbol: 'star', color: '#e4572e', line: { width: 1, color: '#ffffff' } },
  };
  const xRange = boundsRange(data.bounds, axes.x);
  const yRange = boundsRange(data.bounds, axes.y);
  return {
    data: [members, best],
    layout: baseLayout(data.runId, {
      xaxis: { title: { text: axisTitle(axes.x) }, ...(xRange ? { range: xRange, autorange: false } : {}) },
      yaxis: { title: { text: axisTitle(axes.y) }, ...(yRange ? { range: yRange, autorange: false } : {}) },
      uirevision: `${data.runId}:${axisTitle(axes.x)}:${axisTitle(axes.y)}`,
    }),
  };
}

/**
 * The path of the best point in 2-D from two separately decimated parameter series: each parameter holds its
 * last value between its own samples (the best point only moves on improvement), consecutive repeats dropped.
 */
export function bestPath(first: Series, second: Series): { x: number[]; y: number[] } {
  const generations = [...new Set([...first.x, ...second.x])].sort((a, b) => a - b);
  const path = { x: [] as number[], y: [] as number[] };
  let i = -1;
  let j = -1;
  for (const generation of generations) {
    while (i + 1 < first.x.length && (first.x[i + 1] as number) <= generation) i++;
    while (j + 1 < second.x.length && (second.x[j + 1] as number) <= generation) j++;
    if (i < 0 || j < 0) continue;
    const x = first.y[i] as number;
    const y = second.y[j] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y) || (x === path.x.at(-1) && y === path.y.at(-1))) continue;
    path.x.push(x);
    path.y.push(y);
  }
  return path;
}

/**
 * The box the contour samples: the run's bounds when finite, else the region the best path and the
 * population cover with a 25 % margin. Undefined while there is nothing to go by.
 */
export function contourBox(data: Pick<PlotData, 'bounds' | 'parameters' | 'population'>): Bounds | undefined {
  const bounds = data.bounds;
  if (bounds && bounds.length >= 2 && bounds.slice(0, 2).every(([lo, hi]) => Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    return [bounds[0] as [number, number], bounds[1] as [number, number]];
  }
  const box: [number, number][] = [];
  for (let axis = 0; axis < 2; axis++) {
    const [lo, hi] = extent([...(data.parameters[axis]?.y ?? []), ...(data.population?.points.map((point) => point[axis] ?? NaN) ?? [])]);
    if (lo > hi) return undefined;
    const pad = hi > lo ? (hi - lo) * 0.25 : Math.max(1, Math.abs(lo) * 0.25);
    box.push([lo - pad, hi + pad]);
  }
  return box;
}

/**
 * Widen a box outward to round numbers (multiples of the power of ten below each side's span), so a box taken
 * from the region the run has seen changes, and the grid is sampled again, only when the run leaves it.
 */
export function snapBox(box: Bounds): Bounds {
  return box.map(([lo, hi]) => {
    const step = 10 ** Math.floor(Math.log10(hi - lo));
    return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
  });
}

/**
 * Colour a grid by log10(f − min + ε) when most of it sits near the bottom of a range many times larger (the
 * lowest tenth of the grid within 1 % of the range, as in Rosenbrock's valley, which would otherwise be one
 * flat colour), else by f itself. ε is a thousandth of that lowest tenth's spread.
 */
export function contourLevels(grid: ObjectiveGrid): { z: (number | null)[][]; title: string } {
  const finite = grid.z.flat().filter(Number.isFinite).sort((a, b) => a - b);
  const min = finite[0];
  const max = finite.at(-1);
  const lowTenth = finite[Math.floor(finite.length / 10)];
  const plain = { z: grid.z.map((row) => plotValues(row)), title: 'cost' };
  if (min === undefined || max === undefined || lowTenth === undefined || lowTenth - min <= 0) return plain;
  if ((max - min) / (lowTenth - min) < 100) return plain;
  const epsilon = (lowTenth - min) * 1e-3;
  return {
    z: grid.z.map((row) => row.map((value) => (Number.isFinite(value) ? Math.log10(value - min + epsilon) : null))),
    title: 'log₁₀(cost − min + ε)',
  };
}

/**
 * The contour trace of a grid, made once per grid: redraws during a run then hand plotly the same arrays, and
 * plotly.react does not recompute the contour lines for every move of the population.
 */
const contourTraces = new WeakMap<ObjectiveGrid, Data>();

function contourTrace(grid: ObjectiveGrid): Data {
  let trace = contourTraces.get(grid);
  if (!trace) {
    const levels = contourLevels(grid);
    trace = {
      type: 'contour',
      name: 'objective',
      x: [...grid.x],
      y: [...grid.y],
      z: levels.z,
      colorscale: 'Viridis',
      ncontours: 24,
      line: { width: 0.5 },
      colorbar: { title: { text: levels.title, side: 'right' }, thickness: 12 },
      hoverinfo: 'x+y+z',
    };
    contourTraces.set(grid, trace);
  }
  return trace;
}

/** The objective's contour over a 2-D box with the path of the best point and the population on top. */
export function contourFigure(data: Pick<PlotData, 'runId' | 'parameters' | 'population' | 'bestX'>, grid: ObjectiveGrid | undefined): Figure {
  const traces: Data[] = grid ? [contourTrace(grid)] : [];
  const [first, second] = fitTraces(data.parameters.slice(0, 2));
  if (first && second) {
    const path = bestPath(first, second);
    traces.push({ type: 'scatter', mode: 'lines+markers', name: 'best path', ...path, line: { width: 1.5, color: '#ffffff' }, marker: { size: 3, color: '#ffffff' } });
  }
  if (data.population) {
    traces.push({
      type: data.population.points.length > webglThreshold ? 'scattergl' : 'scatter',
      mode: 'markers',
      name: 'population',
      x: data.population.points.map((point) => point[0] ?? NaN),
      y: data.population.points.map((point) => point[1] ?? NaN),
      marker: { size: 4, color: 'rgba(255, 255, 255, 0.55)' },
    });
  }
  const [bx, by] = data.bestX;
  if (bx !== undefined && by !== undefined) {
    traces.push({ type: 'scatter', mode: 'markers', name: 'best', x: [bx], y: [by], marker: { size: 12, symbol: 'star', color: '#e4572e', line: { width: 1, color: '#ffffff' } } });
  }
  const range = (axis: 0 | 1): [number, number] | undefined => {
    const values = axis === 0 ? grid?.x : grid?.y;
    const lo = values?.[0];
    const hi = values?.at(-1);
    return lo === undefined || hi === undefined ? undefined : [lo, hi];
  };
  const xRange = range(0);
  const yRange = range(1);
  return {
    data: traces,
    layout: baseLayout(data.runId, {
      xaxis: { title: { text: 'x0' }, ...(xRange ? { range: xRange, autorange: false } : {}) },
      yaxis: { title: { text: 'x1' }, ...(yRange ? { range: yRange, autorange: false } : {}) },
    }),
  };
}
