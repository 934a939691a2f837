import type Plotly from 'plotly.js-dist-min';
import type { Config, Data, Layout } from 'plotly.js-dist-min';
import type { PlotTheme } from './theme';

/** The plotly API, as the lazily loaded module gives it. */
export type PlotlyApi = typeof Plotly;

/** What a plot component asks to have drawn: plotly's figure, without the config every plot shares. */
export interface Figure {
  readonly data: Data[];
  readonly layout: Partial<Layout>;
}

/** Builds a figure in the page's current colours; called when the plot redraws (drawLoop.ts decides when). */
export type FigureBuilder = (theme: PlotTheme) => Figure;

/** Shared by every plot: no plotly logo or cloud links (the studio works offline), resize with the panel. */
export const plotConfig: Partial<Config> = {
  displaylogo: false,
  responsive: false,
  scrollZoom: false,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toImage'],
};

let loading: Promise<PlotlyApi> | undefined;

/**
 * plotly is several megabytes: it is imported on first use, in its own chunk, so the studio's first screen
 * does not wait for it. A failed load is forgotten, so the next plot tries again.
 */
export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-dist-min').then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
