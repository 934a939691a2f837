import { useCallback, useState } from 'react';
import { populationFigure } from './figures';
import type { PopulationAxis } from './figures';
import type { PlotData } from './plotData';
import { PlotFrame } from './PlotFrame';
import type { PlotTheme } from './theme';

export type PopulationPlotProps = Pick<PlotData, 'runId' | 'dim' | 'population' | 'bestX' | 'bounds'>;

function axisLabel(axis: PopulationAxis): string {
  return axis === 'cost' ? 'cost' : `x${axis}`;
}

/** An axis the problem still has: a parameter index beyond a new, smaller dimension falls back to `fallback`. */
function validAxis(axis: PopulationAxis, dim: number, fallback: PopulationAxis): PopulationAxis {
  return axis === 'cost' || axis < dim ? axis : fallback;
}

function AxisSelect({ testId, label, value, dim, onChange }: { testId: string; label: string; value: PopulationAxis; dim: number; onChange: (axis: PopulationAxis) => void }) {
  const axes: PopulationAxis[] = [...Array.from({ length: dim }, (_, index) => index), 'cost'];
  return (
    <label className="plots-control">
      {label}
      <select data-testid={testId} value={String(value)} onChange={(event) => onChange(event.target.value === 'cost' ? 'cost' : Number(event.target.value))}>
        {axes.map((axis) => (
          <option key={String(axis)} value={String(axis)}>
            {axisLabel(axis)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The latest population projected on two chosen axes (parameters or the cost). */
export function PopulationPlot({ runId, dim, population, bestX, bounds }: PopulationPlotProps) {
  const [chosenX, setX] = useState<PopulationAxis>(0);
  const [chosenY, setY] = useState<PopulationAxis>(1);
  const x = validAxis(chosenX, dim, 0);
  const y = validAxis(chosenY, dim, dim > 1 ? 1 : 'cost');
  const figure = useCallback((theme: PlotTheme) => populationFigure({ runId, population, bestX, bounds }, { x, y }, theme), [runId, population, bestX, bounds, x, y]);
  const shown = population?.points.length ?? 0;
  const capped = population !== undefined && population.size > shown;
  return (
    <PlotFrame
      testId="plot.population"
      title={population ? `Population (${population.size}, generation ${population.generation})` : 'Population'}
      figure={figure}
      empty={population ? undefined : 'Solve to see the population.'}
      note={capped ? `Showing ${shown} of ${population.size} members.` : undefined}
      controls={
        <span className="plots-controls">
          <AxisSelect testId="plot.population.x" label="x" value={x} dim={dim} onChange={setX} />
          <AxisSelect testId="plot.population.y" label="y" value={y} dim={dim} onChange={setY} />
        </span>
      }
    />
  );
}
