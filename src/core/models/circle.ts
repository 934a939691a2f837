import { requireLength } from './length';

/** A point in the plane. */
export type PlanePoint = readonly [x: number, y: number];

/**
 * The minimal-enclosing-circle cost (mystic/models/circle.py) of the circle `params` = (x, y, r) for `points`:
 * r plus, for every point outside the circle at distance d > r from its centre, 1 + d − r; a negative radius
 * costs −999·r instead. Its minimum is the smallest circle that holds every point.
 */
export function circle(params: readonly number[], points: readonly PlanePoint[]): number {
  requireLength('circle', params, 3);
  const [cx, cy, r] = params as readonly [number, number, number];
  if (r < 0) return -999 * r;
  let penalty = 0;
  for (const [px, py] of points) {
    const d = Math.sqrt((px - cx) * (px - cx) + (py - cy) * (py - cy));
    if (d > r) penalty += 1 + d - r;
  }
  return r + penalty;
}

/** The enclosing-circle cost for a fixed point set, as a one-argument objective of (x, y, r). */
export function circleCost(points: readonly PlanePoint[]): (params: readonly number[]) => number {
  const fixed = points.map(([x, y]): PlanePoint => [x, y]);
  return (params) => circle(params, fixed);
}

/**
 * `count` points uniformly distributed inside the circle (x, y, r) (mystic's circle `gendata`): draws pairs
 * uniformly in the square [−1, 1)² from `random` until they fall in the unit disc, then scales by r and shifts.
 * mystic's dense, sparse and minimal circles use count = packing·floor(π r²) with packing 5, 1 and 0.2.
 */
export function circlePoints(coeffs: readonly number[], count: number, random: () => number): PlanePoint[] {
  requireLength('circlePoints', coeffs, 3);
  const [cx, cy, r] = coeffs as readonly [number, number, number];
  const points: PlanePoint[] = [];
  while (points.length < count) {
    const u = random() * 2 - 1;
    const v = random() * 2 - 1;
    if (u * u + v * v <= 1) points.push([u * r + cx, v * r + cy]);
  }
  return points;
}

/** Points on the circle (x, y, r) at angles 0, step, 2·step, … below 2π (mystic's `gencircle`). */
export function circleOutline(coeffs: readonly number[], step = 0.02): PlanePoint[] {
  requireLength('circleOutline', coeffs, 3);
  const [cx, cy, r] = coeffs as readonly [number, number, number];
  const count = Math.ceil((2 * Math.PI) / step);
  return Array.from({ length: count }, (_, i): PlanePoint => [r * Math.cos(i * step) + cx, r * Math.sin(i * step) + cy]);
}
