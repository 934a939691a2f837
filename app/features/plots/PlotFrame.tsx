import type { ReactNode } from 'react';
import type { FigureBuilder } from './plotly';
import { usePlot } from './usePlot';

export interface PlotFrameProps {
  /** The container's test id (plot.convergence, plot.parameters, …). */
  readonly testId: string;
  readonly title: string;
  /** Makes the figure in the page's colours, when the plot redraws. */
  readonly figure: FigureBuilder;
  /** Controls shown beside the title (scale toggle, axis selects). */
  readonly controls?: ReactNode;
  /** A line under the plot: what is drawn when it is not obvious (a shifted log axis, a capped population). */
  readonly note?: string | undefined;
  /** Shown over the plot while there is nothing to draw yet. */
  readonly empty?: string | undefined;
}

/** One plot panel: a title bar with its controls, the plotly surface, and a note. */
export function PlotFrame({ testId, title, figure, controls, note, empty }: PlotFrameProps) {
  const { ref, status } = usePlot(figure, testId);
  const overlay = status === 'loading' ? 'Loading plots…' : status === 'failed' ? 'The plotting library could not be loaded; reload the page to try again.' : empty;
  return (
    <figure className="plots-frame" data-testid={testId} data-plot-status={status}>
      <figcaption className="plots-header">
        <span className="plots-title">{title}</span>
        {controls}
      </figcaption>
      <div className="plots-body">
        <div ref={ref} className="plots-surface" />
        {overlay ? <p className="plots-overlay">{overlay}</p> : null}
      </div>
      {note ? <p className="plots-note">{note}</p> : null}
    </figure>
  );
}
