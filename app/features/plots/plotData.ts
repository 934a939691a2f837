import type { Bounds, PopulationView } from '../../../src/core/index';
import type { Series } from '../../store/index';

/**
 * What the plots draw, gathered from the run's store by one selector (PlotsPanel). Every series is bounded
 * and decimated already (app/store/series.ts), so a plot's cost does not grow with the length of the run.
 */
export interface PlotData {
  /** Changes when a new run starts; plots then forget the user's zoom. */
  readonly runId: number;
  /** Parameters of the problem (0 before the first snapshot). */
  readonly dim: number;
  /** Best cost (with penalties) after each generation. */
  readonly convergence: Series;
  /** Best point after each generation: one series per parameter. */
  readonly parameters: readonly Series[];
  /** Ensemble members' best cost after each generation, one series per member (empty for other solvers). */
  readonly members: readonly Series[];
  /** The latest population (or simplex, or members' bests). */
  readonly population: PopulationView | undefined;
  /** The latest best point. */
  readonly bestX: readonly number[];
  /** The box the run searches (strict ranges, else the initial range), when known. */
  readonly bounds: Bounds | undefined;
}

/** Objective values on a rectangular grid: z[j][i] is the cost at (x[i], y[j]), plotly's contour layout. */
export interface ObjectiveGrid {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly z: readonly (readonly number[])[];
}
