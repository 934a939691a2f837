/**
 * Costs on a log axis. Costs may be zero or negative (a maximisation written as −f, a residual that reaches
 * 0, a shifted objective), which a log axis cannot show. Then every trace is drawn as cost − min + ε, with
 * one min over all traces so they stay comparable: the distance to the best cost seen, which is what a
 * convergence plot on a log axis is read for anyway. ε is a tenth of the smallest positive distance, so the
 * final plateau sits one decade below the last improvement instead of falling off a cliff.
 */
export interface LogView {
  /** Whether values are shifted (some finite value was ≤ 0). */
  readonly shifted: boolean;
  /** The smallest finite value over all traces (0 when there is none). */
  readonly min: number;
  /** Added after subtracting `min` when shifted. */
  readonly epsilon: number;
}

/** How to put these traces on a log axis. */
export function logView(traces: readonly (readonly number[])[]): LogView {
  let min = Infinity;
  for (const trace of traces) for (const value of trace) if (Number.isFinite(value) && value < min) min = value;
  if (min === Infinity) return { shifted: false, min: 0, epsilon: 0 };
  if (min > 0) return { shifted: false, min, epsilon: 0 };
  let smallestGap = Infinity;
  for (const trace of traces) {
    for (const value of trace) {
      const gap = value - min;
      if (Number.isFinite(gap) && gap > 0 && gap < smallestGap) smallestGap = gap;
    }
  }
  return { shifted: true, min, epsilon: smallestGap === Infinity ? 1 : smallestGap / 10 };
}

/** Values to draw: transformed by `view` when given; non-finite values become gaps (null) either way. */
export function plotValues(values: readonly number[], view?: LogView): (number | null)[] {
  const shift = view?.shifted === true;
  return values.map((value) => {
    if (!Number.isFinite(value)) return null;
    return shift && view ? value - view.min + view.epsilon : value;
  });
}

/** The y-axis title that says what a log axis shows. */
export function logAxisTitle(view: LogView, label: string): string {
  return view.shifted ? `${label} − min + ε` : label;
}

/** The shift's numbers, for a note beside the plot: "min −2, ε 0.05". */
export function describeShift(view: LogView): string {
  return `min ${formatNumber(view.min)}, ε ${formatNumber(view.epsilon)}`;
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5 ? String(Number(value.toPrecision(4))) : value.toExponential(2);
}
