/**
 * The gallery: mystic's classic problems as problem modules (source text importing from 'sibyl/models'),
 * each with a setup that reaches its known optimum (reference/mystic.md §7, §8). `?example=ID` opens one.
 * Settings follow mystic's own examples where they exist (A5, A7, A8, A12, A14–A16); the others were chosen
 * so the run ends at the optimum, which examples.test.ts checks for every entry.
 */

/** The example ids of DESIGN.md, in gallery order. */
export const exampleIds = [
  'rosenbrock',
  'chebyshev8',
  'zimmermann',
  'corana',
  'griewangk',
  'peaks',
  'decay',
  'lp',
  'qp',
  'integer',
  'mean-spread',
  'ensemble',
] as const;
export type ExampleId = (typeof exampleIds)[number];

/** The setup an example opens with; anything left out takes the solver's default. */
export interface ExampleSetup {
  readonly solver: string;
  readonly npop?: number;
  readonly seed: number;
  readonly termination: string;
  /** Solver options (meta.optionSpecs names) that differ from the defaults. */
  readonly options?: Readonly<Record<string, number | boolean | string>>;
  /** A generation limit, as mystic's example sets it. */
  readonly maxGenerations?: number;
}

export interface Example {
  readonly id: ExampleId;
  readonly title: string;
  /** One sentence: the problem and its known optimum. */
  readonly summary: string;
  readonly source: string;
  readonly setup: ExampleSetup;
  /** The known optimum, for the gallery and the tests. */
  readonly optimum: { readonly x?: readonly number[]; readonly cost: number };
}

const box = (dim: number, lo: number, hi: number): string => `[${Array.from({ length: dim }, () => `[${lo}, ${hi}]`).join(', ')}]`;

export const examples: readonly Example[] = [
  {
    id: 'rosenbrock',
    title: 'Rosenbrock 3-D',
    summary: "Rosenbrock's banana valley in 3-D; minimum 0 at (1, 1, 1).",
    source: `import { rosen } from 'sibyl/models';

// mystic's examples/test_rosenbrock.py: DE with 30 members, CR 0.5, F 0.6, until VTR(1e-4).
export default {
  name: 'Rosenbrock 3-D',
  dim: 3,
  bounds: ${box(3, -2, 2)},
  objective: (x: number[]) => rosen(x),
};
`,
    setup: { solver: 'de', npop: 30, seed: 123, termination: 'VTR(0.0001)', options: { strategy: 'Best1Bin', cross: 0.5, scale: 0.6 } },
    optimum: { x: [1, 1, 1], cost: 0 },
  },
  {
    id: 'chebyshev8',
    title: 'Chebyshev polynomial fit',
    summary: "Storn's Chebyshev problem: fit the 9 coefficients of T8 inside the band; minimum 0 at [128, 0, −256, 0, 160, 0, −32, 0, 1].",
    source: `import { chebyshev8cost } from 'sibyl/models';

// mystic's examples/test_ffit.py: 90 members, Best1Exp, CR 1, F 0.9, until VTR(0.01).
export default {
  name: 'Chebyshev 8 fit',
  dim: 9,
  bounds: ${box(9, -300, 300)},
  objective: (coefficients: number[]) => chebyshev8cost(coefficients),
};
`,
    setup: { solver: 'de', npop: 90, seed: 123, termination: 'VTR(0.01)', maxGenerations: 1600, options: { strategy: 'Best1Exp', cross: 1, scale: 0.9 } },
    optimum: { x: [128, 0, -256, 0, 160, 0, -32, 0, 1], cost: 0 },
  },
  {
    id: 'zimmermann',
    title: "Zimmermann's problem",
    summary: "Zimmermann's corner problem; minimum 0 at (7, 2), a trap at (2.35, 5.95).",
    source: `import { zimmermann } from 'sibyl/models';

// mystic's examples/test_zimmermann.py: 20 members, Rand1Exp, CR 0.3, F 1, until VTR(1e-7).
export default {
  name: 'Zimmermann',
  dim: 2,
  bounds: ${box(2, 0, 10)},
  objective: (x: number[]) => zimmermann(x),
};
`,
    setup: { solver: 'de', npop: 20, seed: 123, termination: 'VTR(1e-7)', maxGenerations: 2500, options: { strategy: 'Rand1Exp', cross: 0.3, scale: 1 } },
    optimum: { x: [7, 2], cost: 0 },
  },
  {
    id: 'corana',
    title: "Corana's parabola",
    summary: "Corana's parabola in 4-D: a staircase of plateaus; minimum 0 wherever every |x_i| < 0.05.",
    source: `import { corana } from 'sibyl/models';

export default {
  name: 'Corana 4-D',
  dim: 4,
  bounds: ${box(4, -1000, 1000)},
  objective: (x: number[]) => corana(x),
};
`,
    setup: { solver: 'de', npop: 40, seed: 123, termination: 'VTR(1e-8)', maxGenerations: 2000, options: { strategy: 'Rand1Bin', cross: 0.9, scale: 0.8 } },
    optimum: { cost: 0 },
  },
  {
    id: 'griewangk',
    title: "Griewangk's function",
    summary: "Griewangk's function in 10-D: a bowl covered in ripples; minimum 0 at the origin.",
    source: `import { griewangk } from 'sibyl/models';

export default {
  name: 'Griewangk 10-D',
  dim: 10,
  bounds: ${box(10, -400, 400)},
  objective: (x: number[]) => griewangk(x),
};
`,
    setup: { solver: 'de', npop: 50, seed: 123, termination: 'VTR(1e-6)', maxGenerations: 5000, options: { strategy: 'Rand1Bin', cross: 0.2, scale: 0.5 } },
    optimum: { x: new Array<number>(10).fill(0), cost: 0 },
  },
  {
    id: 'peaks',
    title: 'Peaks',
    summary: "MATLAB's peaks surface; minimum −6.5511 at (0.2283, −1.6255), with two local minima.",
    source: `import { peaks } from 'sibyl/models';

export default {
  name: 'Peaks',
  dim: 2,
  bounds: ${box(2, -3, 3)},
  objective: (x: number[]) => peaks(x),
};
`,
    setup: { solver: 'de', npop: 20, seed: 123, termination: 'ChangeOverGeneration(1e-10, 50)', options: { strategy: 'Best1Bin', cross: 0.9, scale: 0.8 } },
    optimum: { x: [0.22827892, -1.62553496], cost: -6.551133332835841 },
  },
  {
    id: 'decay',
    title: 'Radioactive decay fit',
    summary: "Bevington's silver decay counts fitted with a background and two exponentials; best χ² 66.08 with mean lives 34.2 s and 209.7 s.",
    source: `import { decayCost } from 'sibyl/models';

// Coefficients: background a1, amplitudes a2 and a3, mean lives a4 and a5 (seconds).
export default {
  name: 'Silver decay',
  dim: 5,
  bounds: [[0, 100], [100, 2000], [100, 200], [1, 200], [1, 300]],
  objective: (a: number[]) => decayCost(a),
};
`,
    setup: { solver: 'de', npop: 50, seed: 123, termination: 'ChangeOverGeneration(1e-8, 100)', options: { strategy: 'Best1Bin', cross: 0.9, scale: 0.8 } },
    optimum: { x: [10.1341, 957.7705, 128.2811, 34.2443, 209.6908], cost: 66.0785235 },
  },
  {
    id: 'lp',
    title: 'Linear program',
    summary: 'Minimize −x0 + 4x1 subject to −3x0 + x1 ≤ 6, x0 + 2x1 ≤ 4, x1 ≥ −3; minimum −22 at (10, −3).',
    source: `// mystic's examples2/lp.py: the inequalities as penalties, x1 >= -3 as a bound.
export default {
  name: 'Linear program',
  dim: 2,
  bounds: [[-1000, 1000], [-3, 1000]],
  objective: (x: number[]) => -x[0] + 4 * x[1],
  penalties: '-3*x0 + x1 <= 6\\nx0 + 2*x1 <= 4',
};
`,
    setup: { solver: 'de2', npop: 40, seed: 123, termination: 'ChangeOverGeneration(1e-8, 100)' },
    optimum: { x: [10, -3], cost: -22 },
  },
  {
    id: 'qp',
    title: 'Quadratic program',
    summary: 'Minimize 2x0² + x1² + x0·x1 + x0 + x1 with x ≥ 0 and x0 + x1 = 1; minimum 1.875 at (0.25, 0.75).',
    source: `// mystic's examples2/cvxqp.py, with the equality as a hard constraint.
export default {
  name: 'Quadratic program',
  dim: 2,
  bounds: [[0, 1], [0, 1]],
  objective: ([x0, x1]: number[]) => 2 * x0 ** 2 + x1 ** 2 + x0 * x1 + x0 + x1,
  constraints: 'x0 = 1 - x1',
};
`,
    setup: { solver: 'de2', npop: 40, seed: 123, termination: 'ChangeOverGeneration(1e-10, 50)' },
    optimum: { x: [0.25, 0.75], cost: 1.875 },
  },
  {
    id: 'integer',
    title: 'Integer program',
    summary: 'Minimize x0 + 2x1 subject to 3x0 + 2x1 ≥ 17 over non-negative integers; minimum 6 at (6, 0).',
    source: `// mystic's examples2/integer_programming.py: round to integers (a function), penalize the inequality (text).
export default {
  name: 'Integer program',
  dim: 2,
  bounds: [[0, 10], [0, 10]],
  objective: (x: number[]) => x[0] + 2 * x[1],
  constraints: (x: number[]) => x.map(Math.round),
  penalties: '3*x0 + 2*x1 >= 17',
};
`,
    setup: { solver: 'de2', npop: 20, seed: 123, termination: 'ChangeOverGeneration(1e-6, 50)' },
    optimum: { x: [6, 0], cost: 6 },
  },
  {
    id: 'mean-spread',
    title: 'Mean and spread',
    summary: 'Minimize |Σx − 5| with the mean and the spread of x both held at 5; every feasible x costs 20.',
    source: `// mystic's tests/test_solver_constraints.py: the constraints hold exactly, so the cost is |25 - 5|.
export default {
  name: 'Mean and spread',
  dim: 5,
  x0: [1, 2, 3, 4, 5],
  objective: (x: number[]) => Math.abs(x.reduce((sum, xi) => sum + xi, 0) - 5),
  constraints: 'spread([x0, x1, x2, x3, x4]) = 5\\nmean([x0, x1, x2, x3, x4]) = 5',
};
`,
    setup: { solver: 'nm', seed: 123, termination: 'CandidateRelativeTolerance(0.0001, 0.0001)' },
    optimum: { cost: 20 },
  },
  {
    id: 'ensemble',
    title: 'Lattice on Schwefel',
    summary: "Schwefel's function has a minimum in every cell; 16 Powell searches started on a grid find the global one, −837.97 at (420.97, 420.97).",
    source: `import { schwefel } from 'sibyl/models';

export default {
  name: 'Schwefel 2-D',
  dim: 2,
  bounds: ${box(2, -500, 500)},
  objective: (x: number[]) => schwefel(x),
};
`,
    setup: { solver: 'lattice', seed: 123, termination: 'NormalizedChangeOverGeneration(0.0001, 10)', options: { nbins: 16, nested: 'powell' } },
    optimum: { x: [420.9687465, 420.9687465], cost: -837.9657745448675 },
  },
];

export function isExampleId(id: string): id is ExampleId {
  return (exampleIds as readonly string[]).includes(id);
}

export function getExample(id: ExampleId): Example {
  const example = examples.find((entry) => entry.id === id);
  if (!example) throw new RangeError(`no example ${id}`);
  return example;
}
