import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { createFrameThrottle } from './frameThrottle';
import { loadPlotly, plotConfig } from './plotly';
import type { FigureBuilder, PlotlyApi } from './plotly';
import { readPlotTheme, themedLayout, watchTheme } from './theme';

/** Where a plot is: plotly still loading, drawn, or plotly failed to load (the message says so). */
export type PlotStatus = 'loading' | 'ready' | 'failed';

/**
 * Draw the figure `build` makes into the returned element with plotly, loaded on first use. `build` may
 * change as often as the store does; it is called, and plotly redraws (Plotly.react, which only reapplies
 * what changed), at most 20 times a second on animation frames, and again when the panel resizes or the
 * theme changes. Never two draws at once: a change during a draw is drawn right after it.
 */
export function usePlot(build: FigureBuilder): { ref: RefObject<HTMLDivElement | null>; status: PlotStatus } {
  const ref = useRef<HTMLDivElement | null>(null);
  const buildRef = useRef(build);
  const scheduleRef = useRef<() => void>(() => {});
  const [status, setStatus] = useState<PlotStatus>('loading');

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let plotly: PlotlyApi | undefined;
    let drawing = false;
    let dirty = false;
    let resized = false;
    let disposed = false;

    const draw = (): void => {
      if (!plotly || disposed) return;
      if (drawing) {
        dirty = true;
        return;
      }
      const theme = readPlotTheme(element);
      const figure = buildRef.current(theme);
      drawing = true;
      const api = plotly;
      void api
        .react(element, figure.data, themedLayout(figure.layout, theme), plotConfig)
        .then(() => {
          if (resized && !disposed) {
            resized = false;
            return api.Plots.resize(element);
          }
          return undefined;
        })
        // A failed redraw leaves the previous picture; the next change draws again.
        .catch((error: unknown) => console.error('A plot could not be redrawn:', error))
        .finally(() => {
          drawing = false;
          if (dirty && !disposed) {
            dirty = false;
            throttle.schedule();
          }
        });
    };
    const throttle = createFrameThrottle(draw);
    scheduleRef.current = () => throttle.schedule();

    loadPlotly().then(
      (api) => {
        if (disposed) return;
        plotly = api;
        setStatus('ready');
        throttle.schedule();
      },
      () => {
        if (!disposed) setStatus('failed');
      },
    );
    const resizeObserver = new ResizeObserver(() => {
      resized = true;
      throttle.schedule();
    });
    resizeObserver.observe(element);
    const unwatchTheme = watchTheme(() => throttle.schedule());

    return () => {
      disposed = true;
      throttle.dispose();
      resizeObserver.disconnect();
      unwatchTheme();
      scheduleRef.current = () => {};
      plotly?.purge(element);
    };
  }, []);

  useEffect(() => {
    buildRef.current = build;
    scheduleRef.current();
  }, [build]);

  return { ref, status };
}
