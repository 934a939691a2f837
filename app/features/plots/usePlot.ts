import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { schedulePlot, type ScheduledPlot } from './drawLoop';
import { loadPlotly, plotConfig } from './plotly';
import type { FigureBuilder, PlotlyApi } from './plotly';
import { readPlotTheme, themedLayout, watchTheme, type PlotTheme } from './theme';

/** Where a plot is: plotly still loading, drawn, or plotly failed to load (the message says so). */
export type PlotStatus = 'loading' | 'ready' | 'failed';

/**
 * Draw the figure `build` makes into the returned element with plotly, loaded on first use. `build` may
 * change as often as the store does; the plot is redrawn (Plotly.react, which only reapplies what changed)
 * when the page's draw loop gives it a turn (drawLoop.ts: one plot per frame, within the main thread's
 * budget, not while off-screen), and again when the panel resizes or the theme changes. `name` labels its
 * draws in the performance timeline.
 */
export function usePlot(build: FigureBuilder, name: string): { ref: RefObject<HTMLDivElement | null>; status: PlotStatus } {
  const ref = useRef<HTMLDivElement | null>(null);
  const buildRef = useRef(build);
  const scheduled = useRef<ScheduledPlot | undefined>(undefined);
  const [status, setStatus] = useState<PlotStatus>('loading');

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let disposed = false;
    let resized = false;
    // Reading the theme forces a style recalculation: it is read again only when the theme may have changed.
    let theme: PlotTheme | undefined;
    let loaded: PlotlyApi | undefined;

    loadPlotly().then(
      (plotly) => {
        if (disposed) return;
        loaded = plotly;
        setStatus('ready');
        scheduled.current = schedulePlot(element, name, async () => {
          if (disposed) return;
          theme ??= readPlotTheme(element);
          const figure = buildRef.current(theme);
          await plotly.react(element, figure.data, themedLayout(figure.layout, theme), plotConfig);
          if (resized && !disposed) {
            resized = false;
            await plotly.Plots.resize(element);
          }
        });
      },
      () => {
        if (!disposed) setStatus('failed');
      },
    );
    const resizeObserver = new ResizeObserver(() => {
      resized = true;
      scheduled.current?.request();
    });
    resizeObserver.observe(element);
    const unwatchTheme = watchTheme(() => {
      theme = undefined;
      scheduled.current?.request();
    });

    return () => {
      disposed = true;
      scheduled.current?.dispose();
      scheduled.current = undefined;
      resizeObserver.disconnect();
      unwatchTheme();
      loaded?.purge(element);
    };
  }, [name]);

  useEffect(() => {
    buildRef.current = build;
    scheduled.current?.request();
  }, [build]);

  return { ref, status };
}
