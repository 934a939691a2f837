import { useCallback, useState } from 'react';
import { parameterColor, parameterFigure } from './figures';
import type { PlotData } from './plotData';
import { PlotFrame } from './PlotFrame';

export type ParameterTracePlotProps = Pick<PlotData, 'runId' | 'parameters'>;

/** The best point per generation, one trace per parameter; the legend's entries show and hide them. */
export function ParameterTracePlot({ runId, parameters }: ParameterTracePlotProps) {
  const [hidden, setHidden] = useState<ReadonlySet<number>>(() => new Set());
  const figure = useCallback(() => parameterFigure({ runId, parameters }, hidden), [runId, parameters, hidden]);
  const toggle = (index: number) =>
    setHidden((before) => {
      const after = new Set(before);
      if (!after.delete(index)) after.add(index);
      return after;
    });
  return (
    <PlotFrame
      testId="plot.parameters"
      title="Parameters of the best point"
      figure={figure}
      empty={parameters.every((series) => series.x.length === 0) ? 'Solve to see the best point move.' : undefined}
      controls={
        parameters.length > 1 ? (
          <span className="plots-legend" data-testid="plot.parameters.legend">
            {parameters.map((_, index) => (
              <button
                key={index}
                type="button"
                className="plots-legend-entry"
                data-testid={`plot.parameters.legend.x${index}`}
                aria-pressed={!hidden.has(index)}
                title={hidden.has(index) ? `Show x${index}` : `Hide x${index}`}
                onClick={() => toggle(index)}
              >
                <span className="plots-legend-swatch" style={{ background: parameterColor(index) }} />x{index}
              </button>
            ))}
          </span>
        ) : undefined
      }
    />
  );
}
