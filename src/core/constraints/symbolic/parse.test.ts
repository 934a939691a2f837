import { describe, expect, it } from 'vitest';
import { OptionError, ParseError } from '../../errors';
import { compile, printNode } from './ast';
import { Scope, parseRelations } from './parse';

function parseError(text: string, nvars?: number): ParseError {
  try {
    parseRelations(text, new Scope(nvars === undefined ? {} : { nvars }));
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`no error for ${text}`);
}

describe('the constraint language parser', () => {
  it('reads one relation per line, skipping blanks and comments', () => {
    const relations = parseRelations('x0 + x1 <= 5\n\n  # a comment\nx2 == x0*x1  # tie\nmean([x0, x1]) != 2', new Scope());
    expect(relations.map((r) => [r.line, r.cmp, r.source])).toEqual([
      [1, '<=', 'x0 + x1 <= 5'],
      [4, '=', 'x2 == x0*x1'],
      [5, '!=', 'mean([x0, x1]) != 2'],
    ]);
  });

  it('follows Python precedence: -x**2 is -(x**2), powers are right-associative, ^ is a power', () => {
    const value = (text: string, x: number[]): number => compile(parseRelations(`${text} = 0`, new Scope())[0]!.lhs)(x);
    expect(value('-x0**2', [3])).toBe(-9);
    expect(value('2**3**2', [])).toBe(512);
    expect(value('x0^2 + 2^-1', [3])).toBe(9.5);
    expect(value('1e-3 + .5 + 2.', [])).toBe(2.501);
    expect(value('sqrt(abs(x0)) + mean([x0, 3]) + pi - pi', [-4])).toBe(1.5);
    expect(value('average(x0, 3) + ptp([1, 5]) + var([1, 3]) + product([2, 3]) + log(8, 2)', [1])).toBe(2 + 4 + 1 + 6 + 3);
  });

  it('knows variable bases, explicit names and extra constants', () => {
    const named = parseRelations('A + B*g = C', new Scope({ variables: ['A', 'B', 'C'], constants: { g: 9.81 } }))[0]!;
    expect(compile(named.lhs)([1, 2, 0])).toBeCloseTo(20.62, 12);
    const y = parseRelations('y1 >= y0', new Scope({ variables: 'y' }))[0]!;
    expect(printNode(y.lhs, (i) => `y${i}`)).toBe('y1');
    expect(() => new Scope({ variables: ['A', '2B'] })).toThrow(OptionError);
  });

  it('prints expressions back to text that parses to the same value', () => {
    const texts = ['-(x0 + x1)*x2/(x1 - x0)**2 - -3', '2**-x0 + (-2)**2 - x1**x0**2', 'x0 - (x1 - x2) + (x0*x1)/x2', 'max([x0, x1]) + atan2(x0, 1)'];
    const scope = new Scope();
    for (const text of texts) {
      const node = parseRelations(`${text} = 0`, scope)[0]!.lhs;
      const printed = printNode(node, (i) => `x${i}`);
      const again = parseRelations(`${printed} = 0`, scope)[0]!.lhs;
      expect(compile(again)([0.7, 1.3, 2.9])).toBe(compile(node)([0.7, 1.3, 2.9]));
    }
  });

  it.each([
    ['x0 + * x1 <= 3', 1, 6, "unexpected '*'"],
    ['x0 + x1', 1, 8, 'needs a comparator'],
    ['x0 < x1 < 2', 1, 9, "only one comparator per line; found a second one, '<'"],
    ['x0 $ 2 = 1', 1, 4, "unexpected character '$'"],
    ['foo(x0) = 1', 1, 1, "unknown function 'foo'"],
    ['y0 = 1', 1, 1, "unknown name 'y0'"],
    ['x0 = (x1 + 2', 1, 13, "expected ')' to close the parenthesis, found the end of the line"],
    ['x0 = 1\nx1 >= 2 2', 2, 9, "unexpected '2'"],
    ['sin x0 = 1', 1, 1, "'sin' needs arguments in parentheses"],
    ['sqrt([x0]) = 1', 1, 6, 'takes numbers, not a list'],
    ['atan2(x0) = 1', 1, 1, 'atan2 takes 2 arguments, got 1'],
    ['x0 = [x1]', 1, 6, 'a list [...] may only be the argument of a list function'],
  ])('reports %j at line %i, column %i', (text, line, column, message) => {
    const error = parseError(text);
    expect(error.line).toBe(line);
    expect(error.column).toBe(column);
    expect(error.message).toContain(message);
    expect(error.message).toMatch(new RegExp(`^Line ${line}, column ${column}: `));
  });

  it('rejects a variable out of range, naming it and the dimension', () => {
    const error = parseError('x0 + x7 <= 1', 3);
    expect([error.line, error.column]).toEqual([1, 6]);
    expect(error.message).toBe('Line 1, column 6: x7 is out of range: the problem has 3 variables (x0…x2).');
  });
});
