import type { Layout } from 'plotly.js-dist-min';

/** The colours a plot takes from the panel it sits in, as plotly understands them (rgba strings). */
export interface PlotTheme {
  readonly text: string;
  readonly grid: string;
  /** The shell's accent (--accent), for the trace that matters most in a plot. */
  readonly accent: string;
  readonly fontFamily: string;
}

const rgbaCache = new Map<string, readonly [number, number, number, number]>();
let probe: CanvasRenderingContext2D | null | undefined;

/**
 * Any CSS colour as sRGB bytes. Computed styles may be `oklch(…)` or `color(srgb …)`, which plotly's colour
 * parser does not read; a canvas pixel always comes back as sRGB.
 */
function toRgba(color: string): readonly [number, number, number, number] {
  const known = rgbaCache.get(color);
  if (known) return known;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!probe) return [128, 128, 128, 1];
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = '#808080';
  probe.fillStyle = color;
  probe.fillRect(0, 0, 1, 1);
  const [r = 128, g = 128, b = 128, a = 255] = probe.getImageData(0, 0, 1, 1).data;
  const rgba = [r, g, b, a / 255] as const;
  rgbaCache.set(color, rgba);
  return rgba;
}

function withAlpha(color: string, alpha: number): string {
  const [r, g, b, a] = toRgba(color);
  return `rgba(${r}, ${g}, ${b}, ${Number((a * alpha).toFixed(3))})`;
}

/** Read the theme from the element's computed style: the shell's CSS variables decide its colours and font. */
export function readPlotTheme(element: Element): PlotTheme {
  const style = getComputedStyle(element);
  const accent = style.getPropertyValue('--accent').trim() || style.color;
  return { text: withAlpha(style.color, 1), grid: withAlpha(style.color, 0.14), accent: withAlpha(accent, 1), fontFamily: style.fontFamily };
}

/** The layout with the theme's colours on a transparent background, so the panel shows through. */
export function themedLayout(layout: Partial<Layout>, theme: PlotTheme): Partial<Layout> {
  const axis = { gridcolor: theme.grid, zerolinecolor: theme.grid, linecolor: theme.grid, tickcolor: theme.grid };
  return {
    ...layout,
    paper_bgcolor: 'rgba(0, 0, 0, 0)',
    plot_bgcolor: 'rgba(0, 0, 0, 0)',
    font: { family: theme.fontFamily, size: 12, color: theme.text, ...layout.font },
    xaxis: { ...axis, ...layout.xaxis },
    yaxis: { ...axis, ...layout.yaxis },
    legend: { bgcolor: 'rgba(0, 0, 0, 0)', ...layout.legend },
  };
}

/**
 * Call `onChange` when the page's theme may have changed: the shell switches themes by an attribute or class
 * on <html> or <body>, or follows the system's colour scheme. Returns the unsubscribe function.
 */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  const options = { attributes: true, attributeFilter: ['class', 'style', 'data-theme', 'data-color-scheme'] };
  observer.observe(document.documentElement, options);
  observer.observe(document.body, options);
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  scheme.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    scheme.removeEventListener('change', onChange);
  };
}
