/**
 * Numbers as the studio shows them. Costs and points are printed in full (the shortest text that reads back
 * to the same double), so two runs can be compared exactly and a point copied into a problem module.
 */

export function formatCost(value: number): string {
  return Number.isFinite(value) || Number.isNaN(value) ? String(value) : value > 0 ? 'inf' : '-inf';
}

export function formatPoint(x: readonly number[]): string {
  return x.length === 0 ? '—' : `[${x.map(formatCost).join(', ')}]`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
