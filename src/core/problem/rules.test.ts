import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors';
import { problemConstraints, problemPenalty } from './rules';

describe('a problem’s constraints and penalties, as text or functions', () => {
  it('builds a hard constraint from text, lines applied top to bottom', () => {
    const c = problemConstraints('x2 = x0/2.\nx0 >= 0.', 3, '--constraints');
    expect(c?.([-1, 2, -3])).toEqual([0, 2, -0.5]);
  });

  it('builds mystic’s quadratic penalty from text', () => {
    const p = problemPenalty('x2 = x0/2.\nx0 >= 0.', 3, '--penalties');
    expect(p?.([1, 2, 0])).toBe(25);
    expect(p?.([-1, 2, -0.5])).toBe(200);
  });

  it('passes functions through and reads blank text as none', () => {
    const f = (x: number[]) => x;
    expect(problemConstraints(f, 2, 'c')).toBe(f);
    expect(problemConstraints(undefined, 2, 'c')).toBeUndefined();
    expect(problemConstraints('  \n', 2, 'c')).toBeUndefined();
    expect(problemPenalty('', 2, 'p')).toBeUndefined();
  });

  it('reports a malformed line with its line, column and the offending token, after where the text came from', () => {
    const error = catchError(() => problemConstraints('x0 + x1 <= 5\nx2 = x0 * * x1', 3, '--constraints'));
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ line: 2, column: 11 });
    expect((error as Error).message).toBe(
      "--constraints: Line 2, column 11: unexpected '*'; expected a number, a variable, a function or '('.",
    );
  });

  it('refuses a variable beyond the problem’s dimension', () => {
    const error = catchError(() => problemPenalty('x0 + x7 <= 1', 3, 'rosen.ts: penalties'));
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toBe('rosen.ts: penalties: Line 1, column 6: x7 is out of range: the problem has 3 variables (x0…x2).');
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
