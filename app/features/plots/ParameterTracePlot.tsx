import { useCallback } from 'react';
import { parameterFigure } from './figures';
import type { PlotData } from './plotData';
import { PlotFrame } from './PlotFrame';

export type ParameterTracePlotProps = Pick<PlotData, 'runId' | 'parameters'>;

/** The best point per generation, one trace per parameter. */
export function ParameterTracePlot({ runId, parameters }: ParameterTracePlotProps) {
  const figure = useCallback(() => parameterFigure({ runId, parameters }), [runId, parameters]);
  return (
    <PlotFrame
      testId="plot.parameters"
      title="Parameters of the best point"
      figure={figure}
      empty={parameters.every((series) => series.x.length === 0) ? 'Solve to see the best point move.' : undefined}
    />
  );
}
