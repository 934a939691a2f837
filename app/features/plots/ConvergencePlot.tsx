import { useCallback, useState } from 'react';
import { convergenceFigure } from './figures';
import type { CostScale } from './figures';
import { describeShift, logView } from './logScale';
import type { PlotData } from './plotData';
import { PlotFrame } from './PlotFrame';
import type { PlotTheme } from './theme';

export type ConvergencePlotProps = Pick<PlotData, 'runId' | 'convergence' | 'members'>;

/** The best cost per generation, one trace per ensemble member, with a log-scale toggle. */
export function ConvergencePlot({ runId, convergence, members }: ConvergencePlotProps) {
  const [scale, setScale] = useState<CostScale>('log');
  const figure = useCallback((theme: PlotTheme) => convergenceFigure({ runId, convergence, members }, scale, theme), [runId, convergence, members, scale]);
  const view = scale === 'log' ? logView([convergence.y, ...members.map((member) => member.y)]) : undefined;
  return (
    <PlotFrame
      testId="plot.convergence"
      title={members.length > 0 ? `Convergence (${members.length} members)` : 'Convergence'}
      figure={figure}
      empty={convergence.x.length === 0 ? 'Solve to see the best cost fall.' : undefined}
      note={view?.shifted ? `Some costs are ≤ 0, so the log axis shows cost − min + ε (${describeShift(view)}): the distance to the best cost seen.` : undefined}
      controls={
        <label className="plots-control">
          <input
            type="checkbox"
            data-testid="plot.convergence.log"
            checked={scale === 'log'}
            onChange={(event) => setScale(event.target.checked ? 'log' : 'linear')}
          />
          log scale
        </label>
      }
    />
  );
}
