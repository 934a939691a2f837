import { OptionError, SibylError, prepareProblem, type Bounds, type ObjectiveFn } from '../../core/index';
import { isThenable } from '../../core/parallel/evaluate';

/** What the studio asks for to draw a 2-D problem's contour. */
export interface ObjectiveGridRequest {
  /** The problem module; compiled here, apart from the run (a paused or finished run is left alone). */
  readonly source: string;
  readonly fileName?: string;
  /** The box to sample: [[x0 lo, x0 hi], [x1 lo, x1 hi]]. */
  readonly box: Bounds;
  /** Grid points per axis (2…400). */
  readonly n: number;
  /** Time the objective may take over the whole grid; a slow objective gets a coarser grid, or none. */
  readonly budgetMs?: number;
}

/** Raw objective values on the grid: z[j][i] is the cost at (x[i], y[j]); NaN where the objective failed. */
export interface ObjectiveGrid {
  readonly x: number[];
  readonly y: number[];
  readonly z: number[][];
}

/** Longest stretch of evaluations between two yields, so the run's commands (Pause) still answer quickly. */
const SLICE_MS = 20;
/** The background sampling must not compete with the run for long. */
const DEFAULT_BUDGET_MS = 2000;
/** Points per axis of the first, coarse pass that times the objective. */
const COARSE_POINTS = 11;

type Host = { readonly yieldToEvents: () => Promise<void>; readonly now: () => number };

function axis(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
}

function checkRequest(request: ObjectiveGridRequest): void {
  if (!Number.isInteger(request.n) || request.n < 2 || request.n > 400) {
    throw new OptionError('n', `The grid needs between 2 and 400 points per axis, not ${request.n}.`);
  }
  const sides = request.box.slice(0, 2);
  if (request.box.length !== 2 || sides.some(([lo, hi]) => !Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo))) {
    throw new OptionError('box', 'The grid box must be two finite ranges [lo, hi] with lo < hi.');
  }
}

/**
 * Evaluate the objective on an n × n grid, adding the time spent to `clock.spent`; undefined once that passes
 * `budgetMs`. A point where the objective throws or returns a non-number gets NaN: one bad corner does not
 * cost the whole picture.
 */
async function sampleOn(objective: ObjectiveFn, box: Bounds, n: number, host: Host, clock: { spent: number }, budgetMs: number): Promise<ObjectiveGrid | undefined> {
  const [[xlo, xhi], [ylo, yhi]] = box as [[number, number], [number, number]];
  const x = axis(xlo, xhi, n);
  const y = axis(ylo, yhi, n);
  const z: number[][] = [];
  let sliceStart = host.now();
  for (const yj of y) {
    const row: number[] = [];
    for (const xi of x) {
      const started = host.now();
      let value: unknown;
      try {
        value = objective([xi, yj]);
        if (isThenable(value)) value = await value;
      } catch {
        value = NaN;
      }
      row.push(typeof value === 'number' ? value : NaN);
      const now = host.now();
      clock.spent += now - started;
      if (clock.spent > budgetMs) return undefined;
      if (now - sliceStart >= SLICE_MS) {
        await host.yieldToEvents();
        sliceStart = host.now();
      }
    }
    z.push(row);
  }
  return { x, y, z };
}

/**
 * Sample a 2-D problem's raw objective (no penalties) on a grid, for the studio's contour plot. It runs in the
 * run worker, where objectives may run, beside the run: asynchronous objectives are awaited one at a time,
 * and the worker yields to its other messages every few milliseconds. A coarse pass times the objective
 * first; the full n × n grid follows only if it fits the time budget (else the finest grid that fits, or the
 * coarse one), so an expensive objective never keeps the worker from the run for long.
 */
export async function sampleObjectiveGrid(request: ObjectiveGridRequest, host: Host): Promise<ObjectiveGrid> {
  checkRequest(request);
  const problem = prepareProblem(request.source, request.fileName);
  if (problem.dim !== 2) throw new OptionError('dim', `A contour needs a 2-D problem; this one has dim ${problem.dim}.`);
  const budgetMs = request.budgetMs ?? DEFAULT_BUDGET_MS;
  const clock = { spent: 0 };
  const coarseN = Math.min(request.n, COARSE_POINTS);
  const coarse = await sampleOn(problem.objective, request.box, coarseN, host, clock, budgetMs);
  if (!coarse) {
    throw new SibylError(`The objective is too slow to sample for a contour in the background (over ${budgetMs} ms for ${coarseN}×${coarseN} points).`);
  }
  const perPoint = clock.spent / coarseN ** 2;
  const affordable = Math.floor(Math.sqrt((budgetMs - clock.spent) / Math.max(perPoint, 1e-6)));
  const n = Math.min(request.n, affordable);
  if (n <= coarseN) return coarse;
  return (await sampleOn(problem.objective, request.box, n, host, clock, budgetMs)) ?? coarse;
}
