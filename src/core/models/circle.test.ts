import { describe, expect, it } from 'vitest';
import { SibylError } from '../errors';
import { Random } from '../random';
import { circle, circleCost, circleOutline, circlePoints, type PlanePoint } from './circle';

describe('circle (minimal enclosing circle cost)', () => {
  const points: PlanePoint[] = [[0, 0], [1, 0]];

  it('is the radius when every point is inside or on the circle', () => {
    expect(circle([0.5, 0, 0.5], points)).toBe(0.5);
    expect(circle([0.5, 0, 3], points)).toBe(3);
  });

  it('adds 1 + d − r for each point outside', () => {
    expect(circle([0, 0, 0.5], points)).toBe(0.5 + (1 + 1 - 0.5));
    expect(circle([5, 0, 1], points)).toBe(1 + (1 + 5 - 1) + (1 + 4 - 1));
  });

  it('costs −999·r for a negative radius', () => {
    expect(circle([0, 0, -2], points)).toBe(1998);
    expect(() => circle([0, 0], points)).toThrow(SibylError);
  });

  it('as a bound objective, keeps its own copy of the points', () => {
    const mutable: [number, number][] = [[0, 0], [1, 0]];
    const cost = circleCost(mutable);
    mutable[1]![0] = 100;
    expect(cost([0.5, 0, 0.5])).toBe(0.5);
  });
});

describe('circle point sets', () => {
  it('draws exactly count points inside the circle, reproducibly', () => {
    const draw = (): PlanePoint[] => {
      const random = Random.fromSeed(9);
      return circlePoints([3, -2, 4], 200, () => random.random());
    };
    const points = draw();
    expect(points).toHaveLength(200);
    expect(draw()).toEqual(points);
    for (const [x, y] of points) expect(Math.hypot(x - 3, y + 2)).toBeLessThanOrEqual(4 + 1e-12);
    // Uniform in the disc: the mean distance from the centre is 2r/3.
    const mean = points.reduce((sum, [x, y]) => sum + Math.hypot(x - 3, y + 2), 0) / points.length;
    expect(mean).toBeCloseTo((2 * 4) / 3, 0);
    // The true circle costs its radius (no point is outside it).
    expect(circleCost(points)([3, -2, 4])).toBe(4);
  });

  it("outlines the circle at mystic's angular step of 0.02", () => {
    const outline = circleOutline([1, 1, 2]);
    expect(outline).toHaveLength(Math.ceil((2 * Math.PI) / 0.02));
    for (const [x, y] of outline) expect(Math.hypot(x - 1, y - 1)).toBeCloseTo(2, 12);
    expect(outline[0]).toEqual([3, 1]);
  });
});
