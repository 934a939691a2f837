import { describe, expect, it } from 'vitest';
import { OptionError, ParseError } from '../../errors';
import { Random } from '../../random';
import { ConstraintError } from '../errors';
import { mean } from '../measures';
import { generateConditions, generateConstraint, generatePenalty } from './generate';
import { linearSymbolic, symbolicBounds } from './helpers';
import { solveLinear } from './solve';

describe('generateConstraint (reference §6.4)', () => {
  const example = 'x0 + x1 <= 5\nx2 = x0 * x1\nmean([x0, x1, x2]) >= 1.0';

  it('maps [4, 4, 0] to [1, 4, 4], simplifying as needed', () => {
    const c = generateConstraint(example, { nvars: 3 });
    expect(c([4, 4, 0])).toEqual([1, 4, 4]);
    expect(c([1, 2, 2])).toEqual([1, 2, 2]);
    expect(c.simplified).toBe('x0 <= -x1 + 5\nx2 = x0*x1\nmean([x0, x1, x2]) >= 1');
  });

  it('applies lines top to bottom; join "and" cycles them to a joint solution', () => {
    const text = 'x2 = x0/2.\nx0 >= 0.';
    const sequential = generateConstraint(text, { nvars: 3 });
    expect(sequential([1, 2, 3])).toEqual([1, 2, 0.5]);
    // mystic's generate_constraint also runs top to bottom (its solvers are reversed, then nested with
    // inner); its older docstring value [0.0, 2, 0.0] is what the lines give applied together:
    expect(sequential([-1, 2, -3])).toEqual([0, 2, -0.5]);
    const joined = generateConstraint(text, { nvars: 3, join: 'and', random: Random.fromSeed(1) });
    expect(joined([-1, 2, -3])).toEqual([0, 2, 0]);
    expect(joined([1, 2, 3])).toEqual([1, 2, 0.5]);
    // The same holds for mystic's cos example: its docstring value is the joint solution.
    const cosine = generateConstraint('x0 = cos(x1) + 2.\nx1 = x2*2.', { nvars: 3, join: 'and' });
    expect(cosine([1, 0, 1])).toEqual([1.5838531634528576, 2, 1]);
    expect(generateConstraint('x0 = cos(x1) + 2.\nx1 = x2*2.', { nvars: 3 })([1, 0, 1])).toEqual([3, 2, 1]);
  });

  it('keeps strict inequalities inside by tol + rel·|bound|, and moves != off an equal value', () => {
    expect(generateConstraint('x0 < x1', { nvars: 2 })([3, 1])).toEqual([0.999999999999998, 1]);
    expect(generateConstraint('x0 > x1', { nvars: 2 })([0, 1])).toEqual([1.000000000000002, 1]);
    expect(generateConstraint('x0 != x1', { nvars: 2 })([1, 1])).toEqual([1.0000000000000022, 1]);
    expect(generateConstraint('x0 != x1', { nvars: 2 })([1, 2])).toEqual([1, 2]);
    expect(generateConstraint('x0 < 1', { nvars: 1, tol: 0.1, rel: 0 })([5])).toEqual([0.9]);
    // A bound that lands on a value a != line forbids steps over it, as mystic's solvers do.
    expect(generateConstraint('x0 != 1\nx0 >= 1', { nvars: 1 })([0])).toEqual([1.000000000000002]);
    expect(() => generateConstraint('x0 < 1', { nvars: 1, tol: -1 })).toThrow(OptionError);
  });

  it('imposes statistics of plain variables on the left', () => {
    expect(generateConstraint('mean([x0,x1,x2]) = 2.0', { nvars: 3 })([1, 2, 6])).toEqual([0, 1, 5]);
    const spread = generateConstraint('spread([x0,x1,x2]) = 1.0', { nvars: 3 })([1, 2, 6]);
    [2.6, 2.8, 3.6].forEach((v, i) => expect(spread[i]).toBeCloseTo(v, 14));
    const capped = generateConstraint('variance([x0, x1]) <= 1\nsum([x2, x3]) = 10', { nvars: 4 })([0, 4, 1, 4]);
    expect((capped[1]! - capped[0]!) ** 2 / 4).toBeCloseTo(1, 12);
    expect(capped[2]! + capped[3]!).toBeCloseTo(10, 12);
    expect(generateConstraint('prod([x0, x1]) = 8', { nvars: 2 })([1, 2]).reduce((a, b) => a * b)).toBeCloseTo(8, 12);
    // With the list's variables on the right too, the line is isolated instead.
    const y = generateConstraint('mean([x0, x1, x2]) >= x2', { nvars: 3 })([0, 0, 3]);
    expect(mean(y)).toBeGreaterThanOrEqual(y[2]! - 1e-12);
  });

  it('leaves points that satisfy a line alone', () => {
    const c = generateConstraint('x0*x1 <= 4\nabs(x2) <= 2', { nvars: 3 });
    expect(c([5, -1, 1])).toEqual([5, -1, 1]);
    expect(c([1, 1, -1.5])).toEqual([1, 1, -1.5]);
  });

  it('picks, among branches, the result nearest to x', () => {
    const c = generateConstraint('abs(x0) <= 2', { nvars: 1 });
    expect(c([-3])).toEqual([-2]);
    expect(c([3])).toEqual([2]);
    const product = generateConstraint('x0*x1 <= 4', { nvars: 2 });
    const y = product([5, 2]);
    expect(y[0]! * y[1]!).toBeLessThanOrEqual(4);
    expect(y).toEqual([5, -1e-15]);
    expect(generateConstraint('x0*x1 = 4', { nvars: 2 })([1, 2])).toEqual([2, 2]);
  });

  it('turns an infeasible violated line into NaN, which solvers score as +∞', () => {
    expect(generateConstraint('x0 <= sqrt(x1)', { nvars: 2 })([3, -1])[0]).toBeNaN();
    expect(generateConstraint('x0 <= sqrt(x1)', { nvars: 2 })([3, 4])).toEqual([2, 4]);
    // Of two ways to isolate, the plain line wins: x1 >= x0**2 rather than -sqrt(x1) <= x0 <= sqrt(x1).
    expect(generateConstraint('x0**2 <= x1', { nvars: 2 })([3, -1])).toEqual([3, 9]);
  });

  it('checks its input and options', () => {
    const c = generateConstraint('x0 <= 1', { nvars: 2 });
    expect(() => c([1])).toThrow(ConstraintError);
    expect(() => c([1])).toThrow('The constraints expect 2 variables, got x = [1].');
    expect(() => generateConstraint('x2 <= 1', { nvars: 2 })).toThrow(ParseError);
    expect(() => generateConstraint('sin(x0) <= cos(x1)', { nvars: 2 })).toThrow(/no variable can be isolated/);
    expect(() => generateConstraint('x0 <= 1', {} as never)).toThrow(OptionError);
  });

  it('fails clearly when joined lines cannot all hold', () => {
    const c = generateConstraint('x0 <= 1\nx0 >= 2', { nvars: 1, join: 'and', random: Random.fromSeed(1), maxCycles: 10 });
    expect(() => c([0])).toThrow(ConstraintError);
    const fallback = generateConstraint('x0 <= 1\nx0 >= 2', { nvars: 1, join: 'and', onFail: () => [1.5] });
    expect(fallback([0])).toEqual([1.5]);
  });

  it('works with named variables', () => {
    const c = generateConstraint('A + B <= 1\nC = A - B', { nvars: 3, variables: ['A', 'B', 'C'] });
    expect(c([2, 0, 0])).toEqual([1, 0, 1]);
  });
});

describe('generateConditions and generatePenalty (reference §6.4)', () => {
  it('gives mystic’s conditions: inequality 4.2817…, equality 6.0', () => {
    const { inequalities, equalities } = generateConditions('x0**2 = 2.5*x3 - 5.0\nexp(x2/x0) >= 7.0', { nvars: 4 });
    expect(inequalities[0]!([1, 0, 1, 0])).toBeCloseTo(4.2817181715409554, 14);
    expect(inequalities[0]!.text).toBe('exp(x2/x0) >= 7.0');
    expect(equalities[0]!([1, 0, 1, 0])).toBe(6);
  });

  it('penalty of the running example: 27400 at [4,4,0], 0 at [1,2,2]', () => {
    const p = generatePenalty('x0 + x1 <= 5\nx2 = x0 * x1\nmean([x0, x1, x2]) >= 1.0', { nvars: 3 });
    expect(p([4, 4, 0])).toBe(27400);
    expect(p([1, 2, 2])).toBe(0);
    expect(p.error([1, 2, 2])).toBe(0);
  });

  it('penalty of x2 = x0/2, x0 >= 0: 25 at [1,2,0], 0 at [1,2,0.5]', () => {
    const p = generatePenalty('x2 = x0/2.\nx0 >= 0.', { nvars: 3 });
    expect(p([1, 2, 0])).toBe(25);
    expect(p([1, 2, 0.5])).toBe(0);
  });

  it('takes a family or a single type, k and h, and joins', () => {
    expect(generatePenalty('x0 <= 1', { nvars: 1, ptype: 'linear' })([3])).toBe(400);
    expect(generatePenalty('x0 = 1', { nvars: 1, ptype: 'linear', k: 2 })([3])).toBe(4);
    expect(generatePenalty('x0 <= 1', { nvars: 1, ptype: 'uniformInequality', k: 9 })([3])).toBe(9);
    const escalating = generatePenalty('x0 = 1', { nvars: 1, k: 1, h: 10 });
    escalating.iter();
    expect(escalating([3])).toBe(40);
    expect(generatePenalty('x0 <= 1\nx0 >= 2', { nvars: 1, join: 'and' })([3])).toBe(800);
    expect(generatePenalty('x0 <= 1\nx0 >= 2', { nvars: 1, join: 'or' })([3])).toBe(0);
    expect(() => generatePenalty('x0 <= 1', { nvars: 1, ptype: 'cubic' as never })).toThrow(OptionError);
  });

  it('handles strict and != lines', () => {
    const strict = generatePenalty('x0 < 1', { nvars: 1, tol: 0.5, rel: 0 });
    expect(strict([1])).toBe(2 * 100 * 0.25);
    const differ = generatePenalty('x0 != 1', { nvars: 1 });
    expect(differ([1])).toBe(100);
    expect(differ([2])).toBe(0);
  });
});

describe('symbolicBounds and linearSymbolic', () => {
  it('write bounds and matrices as text, as mystic does', () => {
    expect(symbolicBounds([0, 1], [2, 3])).toBe('x0 >= 0.0\nx1 >= 1.0\nx0 <= 2.0\nx1 <= 3.0');
    expect(symbolicBounds([-10, null], [10, 69], 'y')).toBe('y0 >= -10.0\ny0 <= 10.0\ny1 <= 69.0');
    expect(symbolicBounds([-1, -2], [1, 2], ['A', 'B'])).toBe('A >= -1.0\nB >= -2.0\nA <= 1.0\nB <= 2.0');
    expect(linearSymbolic([[1, 2]], [3], [[1, -1]], [0])).toBe('1.0*x0 + -1.0*x1 <= 0.0\n1.0*x0 + 2.0*x1 = 3.0');
    expect(linearSymbolic([[3, 4, 5], [1, 6, -9]], [0, 0], [1, 0, 0], [5])).toBe(
      '1.0*x0 + 0.0*x1 + 0.0*x2 <= 5.0\n3.0*x0 + 4.0*x1 + 5.0*x2 = 0.0\n1.0*x0 + 6.0*x1 + -9.0*x2 = 0.0',
    );
    expect(() => symbolicBounds([2], [1])).toThrow(OptionError);
    expect(() => linearSymbolic([[1, 2]], [1, 2])).toThrow(OptionError);
  });

  it('produce text the constraint generator accepts', () => {
    const c = generateConstraint(linearSymbolic([[1, 2]], [3], [[1, -1]], [0]), { nvars: 2 });
    const y = c([5, 0]);
    expect(y[0]! + 2 * y[1]!).toBeCloseTo(3, 12);
  });
});

describe('solveLinear', () => {
  it('solves mystic’s example: x0 + 2*x1 = 3, x0 - x1 = 0 → x0 = 1, x1 = 1', () => {
    expect(solveLinear('x0 + 2*x1 = 3\nx0 - x1 = 0')).toBe('x0 = 1\nx1 = 1');
  });

  it('writes pivots in terms of free variables, so sequential application satisfies every equation', () => {
    expect(solveLinear('x0 + x1 + x2 = 6\nx0 - x2 = 1')).toBe('x0 = x2 + 1\nx1 = -2*x2 + 5');
    const random = Random.fromSeed(5);
    const A = Array.from({ length: 10 }, () => Array.from({ length: 30 }, () => random.integer(-9, 9)));
    const b = Array.from({ length: 10 }, () => random.integer(-9, 9));
    const text = linearSymbolic(A, b);
    const c = generateConstraint(solveLinear(text), { nvars: 30 });
    const y = c(Array.from({ length: 30 }, () => random.uniform(-3, 3)));
    A.forEach((row, i) => {
      const lhs = row.reduce((s, a, j) => s + a * y[j]!, 0);
      expect(Math.abs(lhs - b[i]!)).toBeLessThan(1e-9);
    });
  });

  it('drops redundant equations and rejects contradictory or nonlinear ones', () => {
    expect(solveLinear('x0 + x1 = 2\n2*x0 + 2*x1 = 4')).toBe('x0 = -x1 + 2');
    expect(() => solveLinear('x0 + x1 = 2\nx0 + x1 = 3')).toThrow('contradict');
    expect(() => solveLinear('x0*x1 = 2')).toThrow(ParseError);
    expect(() => solveLinear('x0 <= 2')).toThrow('equations only');
  });
});
