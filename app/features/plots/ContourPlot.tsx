import { useCallback, useEffect, useState } from 'react';
import type { Bounds } from '../../../src/core/index';
import { contourBox, contourFigure, snapBox } from './figures';
import type { ObjectiveGrid, PlotData } from './plotData';
import { PlotFrame } from './PlotFrame';

/** Objective values on an n × n grid over a 2-D box, computed where the objective lives (the run worker). */
export type GridSampler = (box: Bounds, n: number) => Promise<ObjectiveGrid>;

/** Grid points per axis: 41² evaluations, odd so the box's centre is a grid point. */
export const contourResolution = 41;

export type ContourPlotProps = Pick<PlotData, 'runId' | 'parameters' | 'population' | 'bestX' | 'bounds'> & {
  readonly sampleGrid: GridSampler;
  /** Changes when the problem module is loaded anew (an edit): the grid is sampled again. */
  readonly problem: object | undefined;
};

/** What a grid was sampled for: a result for anything else is stale. */
interface GridRequest {
  readonly problem: object | undefined;
  readonly box: string;
  readonly runId: number;
}

type Sampled = { readonly request: GridRequest; readonly grid: ObjectiveGrid } | { readonly request: GridRequest; readonly error: string };

function isFor(sampled: Sampled | undefined, problem: object | undefined, box: string, runId: number): sampled is Sampled {
  return sampled !== undefined && sampled.request.problem === problem && sampled.request.box === box && sampled.request.runId === runId;
}

/** For 2-D problems: the objective's contour, with the path of the best point and the population. */
export function ContourPlot({ runId, parameters, population, bestX, bounds, sampleGrid, problem }: ContourPlotProps) {
  const seen = contourBox({ bounds, parameters, population });
  const box = seen && (bounds ? seen : snapBox(seen));
  // The box as text: a new array every render must not mean a new grid.
  const boxText = box ? JSON.stringify(box) : '';
  const [sampled, setSampled] = useState<Sampled | undefined>();

  useEffect(() => {
    if (!boxText) return;
    const request = { problem, box: boxText, runId };
    let wanted = true;
    sampleGrid(JSON.parse(boxText) as Bounds, contourResolution).then(
      (grid) => {
        if (wanted) setSampled({ request, grid });
      },
      (error: unknown) => {
        if (wanted) setSampled({ request, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      wanted = false;
    };
  }, [runId, boxText, sampleGrid, problem]);

  const latest = isFor(sampled, problem, boxText, runId) ? sampled : undefined;
  const grid = latest && 'grid' in latest ? latest.grid : undefined;
  const failed = latest && 'error' in latest ? latest.error : undefined;
  const figure = useCallback(() => contourFigure({ runId, parameters, population, bestX }, grid), [runId, parameters, population, bestX, grid]);
  return (
    <PlotFrame
      testId="plot.contour"
      title="Objective contour and path of the best point"
      figure={figure}
      empty={!box ? 'Solve to see the objective around the best point.' : !grid && !failed ? 'Sampling the objective…' : undefined}
      note={failed ? `The objective could not be sampled on a grid: ${failed}` : undefined}
    />
  );
}
