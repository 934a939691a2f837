import type { ObjectiveFn } from '../src/core/index';

/** A 10-D Rosenbrock that costs about 1 ms: a busy wait, so it costs the same in any thread or process. */
export const slowSource = `
import { rosen } from 'sibyl/models';
export default {
  dim: 10,
  objective: (x: number[]) => {
    const until = performance.now() + 1;
    while (performance.now() < until);
    return rosen(x);
  },
};
`;

/** The same without the wait: what a generation then costs is the pool's round trip. */
export const cheapSource = `
import { rosen } from 'sibyl/models';
export default { dim: 10, objective: (x: number[]) => rosen(x) };
`;

/** One de2 run of the pool benchmarks. */
export interface De2Run {
  readonly objective: ObjectiveFn;
  readonly npop: number;
  readonly generations: number;
}
