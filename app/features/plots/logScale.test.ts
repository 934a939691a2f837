import { describe, expect, it } from 'vitest';
import { describeShift, logAxisTitle, logView, plotValues } from './logScale';

describe('logView', () => {
  it('leaves positive costs alone', () => {
    const view = logView([[100, 10, 1e-8], [5, Infinity]]);
    expect(view).toEqual({ shifted: false, min: 1e-8, epsilon: 0 });
    expect(plotValues([100, 10, 1e-8], view)).toEqual([100, 10, 1e-8]);
    expect(logAxisTitle(view, 'best cost')).toBe('best cost');
  });

  it('shifts by the global minimum when a cost is zero or negative, with ε a tenth of the smallest gap', () => {
    const view = logView([[3, 1, -2, -2], [0.5, -1.5]]);
    expect(view.shifted).toBe(true);
    expect(view.min).toBe(-2);
    expect(view.epsilon).toBeCloseTo(0.05, 15);
    expect(plotValues([3, 1, -2, -2], view)).toEqual([5.05, 3.05, 0.05, 0.05]);
    for (const value of plotValues([0.5, -1.5], view)) expect(value).toBeGreaterThan(0);
    expect(logAxisTitle(view, 'best cost')).toBe('best cost − min + ε');
    expect(describeShift(view)).toBe('min -2, ε 0.05');
    expect(describeShift(logView([[-837.96577454, -837.96577452]]))).toBe('min -838, ε 2.00e-9');
  });

  it('shifts zero costs too, and uses ε = 1 when every cost is the same', () => {
    expect(logView([[0, 0, 0]])).toEqual({ shifted: true, min: 0, epsilon: 1 });
    expect(plotValues([0, 0], logView([[0, 0]]))).toEqual([1, 1]);
  });

  it('turns non-finite values into gaps and ignores them for the minimum', () => {
    const view = logView([[Infinity, NaN, 4, -Infinity, 2]]);
    expect(view).toEqual({ shifted: false, min: 2, epsilon: 0 });
    expect(plotValues([Infinity, NaN, 4, -Infinity, 2], view)).toEqual([null, null, 4, null, 2]);
    expect(plotValues([Infinity, -1])).toEqual([null, -1]);
    expect(logView([[Infinity], []])).toEqual({ shifted: false, min: 0, epsilon: 0 });
  });
});
