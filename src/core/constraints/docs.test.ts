import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Random } from '../random';
import { generateConstraint, generatePenalty, simplify, solveLinear, type GeneratePenaltyOptions, type PenaltyFamily, type PenaltyType } from './index';

/**
 * Every ```sibyl-constraints block of docs/constraints.md runs here, so the page cannot drift from the code.
 * A block is constraint text, then `---`, then expectations, one per line:
 *   constraint([x…]) → [x'…]   the generated hard constraint maps x to x'
 *   penalty([x…]) → value      the generated penalty at x
 *   simplify → line            the next line of simplify's output (all lines, in order)
 *   solveLinear → line         likewise for solveLinear
 *   branches → a; b | c; d     with `all`: the systems simplify returns (lines joined by ';')
 *   error → message            building or applying the constraint fails with a message containing this
 * Words after the fence are options: nvars=N join=and seed=N ptype=… k=… h=… target=x1 variables=A,B,C all.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const markdown = readFileSync(join(root, 'docs/constraints.md'), 'utf8');
const blocks = [...markdown.matchAll(/```sibyl-constraints([^\n]*)\n([\s\S]*?)```/g)].map((match) => {
  const options = Object.fromEntries(
    match[1]!
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => (word.includes('=') ? (word.split('=', 2) as [string, string]) : [word, 'true'])),
  );
  const [text, expectations] = match[2]!.split('\n---\n') as [string, string];
  return { options, text, expectations: expectations.split('\n').filter((line) => line.trim()) };
});

const numbers = (json: string): number[] => JSON.parse(json) as number[];

function closeTo(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected)));
}

describe('docs/constraints.md', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThan(15);
  });

  blocks.forEach(({ options, text, expectations }, index) => {
    it(`example ${index + 1}: ${text.split('\n')[0]}`, () => {
      const nvars = Number(options['nvars']);
      const variables = options['variables']?.split(',');
      const shared = { nvars, ...(variables ? { variables } : {}) };
      const build = (): ReturnType<typeof generateConstraint> =>
        generateConstraint(text, {
          ...shared,
          ...(options['join'] === 'and' ? { join: 'and' as const } : {}),
          ...(options['seed'] ? { random: Random.fromSeed(Number(options['seed'])) } : {}),
        });
      const penaltyOptions: GeneratePenaltyOptions = {
        ...shared,
        ...(options['ptype'] ? { ptype: options['ptype'] as PenaltyFamily | PenaltyType } : {}),
        ...(options['k'] ? { k: Number(options['k']) } : {}),
        ...(options['h'] ? { h: Number(options['h']) } : {}),
        ...(options['join'] === 'and' || options['join'] === 'or' ? { join: options['join'] } : {}),
      };
      const simplifyOptions = { ...shared, ...(options['target'] ? { target: options['target'] } : {}) };
      const simplified: string[] = [];
      const solved: string[] = [];
      for (const line of expectations) {
        const [left, right] = line.split(' → ') as [string, string];
        const point = /\((\[.*\])\)/.exec(left)?.[1];
        if (left.startsWith('constraint')) {
          build()(numbers(point!)).forEach((v, i) => closeTo(v, numbers(right)[i]!));
        } else if (left.startsWith('penalty')) {
          closeTo(generatePenalty(text, penaltyOptions)(numbers(point!)), Number(right));
        } else if (left === 'simplify') {
          simplified.push(right);
        } else if (left === 'solveLinear') {
          solved.push(right);
        } else if (left === 'branches') {
          const systems = right.split(' | ').map((system) => system.split('; ').join('\n'));
          expect(simplify(text, { ...simplifyOptions, all: true })).toEqual(systems);
        } else if (left === 'error') {
          expect(() => {
            const c = build();
            c(Array<number>(nvars).fill(0));
          }).toThrow(right);
        } else {
          throw new Error(`unknown expectation '${line}' in example ${index + 1}`);
        }
      }
      if (simplified.length > 0) expect(simplify(text, simplifyOptions)).toBe(simplified.join('\n'));
      if (solved.length > 0) expect(solveLinear(text, shared)).toBe(solved.join('\n'));
    });
  });
});
