import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSolverState } from '../core';
import { main } from './main';

let folder: string;

async function sibyl(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: folder,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

async function solveJson(argv: string[]): Promise<Record<string, unknown>> {
  const ran = await sibyl([...argv, '--json']);
  expect(ran.stderr).toBe('');
  expect(ran.code).toBe(0);
  return JSON.parse(ran.stdout) as Record<string, unknown>;
}

/** A failed run: exit code 1, nothing on stdout, one line on stderr. */
async function failure(argv: string[]): Promise<string> {
  const ran = await sibyl(argv);
  expect(ran.stdout).toBe('');
  expect(ran.code).toBe(1);
  const lines = ran.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}

const write = (name: string, text: string) => writeFileSync(join(folder, name), text);
const withoutTime = ({ elapsedMs: _elapsed, saved: _saved, ...rest }: Record<string, unknown>) => rest;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'sibyl-constraints-'));
  // mystic's examples2/cvxqp.py: the equality as symbolic text, as a penalty.
  write(
    'qp.ts',
    `export default {
  name: 'cvxopt QP',
  bounds: [[0, 1000], [0, 1000]],
  objective: (x: number[]) => 2 * x[0] ** 2 + x[1] ** 2 + x[0] * x[1] + x[0] + x[1],
  penalties: 'x0 + x1 - 1.0 == 0.0',
};
`,
  );
  // The same with k = 1e4, built with the library a problem module may import.
  write(
    'qpStiff.ts',
    `import { generatePenalty } from 'sibyl';
export default {
  dim: 2,
  x0: [0, 0],
  objective: (x: number[]) => 2 * x[0] ** 2 + x[1] ** 2 + x[0] * x[1] + x[0] + x[1],
  penalties: generatePenalty('x0 + x1 - 1.0 == 0.0', { nvars: 2, k: 1e4 }),
};
`,
  );
  write('plane.js', `export default { dim: 2, objective: (x) => (x[0] - 3) ** 2 + (x[1] - 3) ** 2 };\n`);
  write('badText.js', `export default { dim: 3, objective: (x) => x[0], constraints: 'x0 >= 0\\nx1 <= x0 +' };\n`);
  write(
    'clash.js',
    `import { generateConstraint } from 'sibyl';
export default { dim: 2, objective: (x) => x[0], constraints: generateConstraint('x0 <= 1\\nx0 >= 2', { nvars: 2, join: 'and' }) };
`,
  );
  write(
    'throws.js',
    `export default { dim: 2, x0: [0.5, 1.5], objective: (x) => x[0], constraints: (x) => { if (x[1] > 1) throw new Error('x1 too large'); return x; } };\n`,
  );
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('constraints and penalties on the command line', () => {
  it('applies a module’s symbolic penalties and reports the cost with and without them', async () => {
    const result = await solveJson(['solve', 'qp.ts', '--solver', 'de2', '--npop', '40', '--seed', '2']);
    const [x0, x1] = result['solution'] as number[];
    // k = 100: the penalized optimum lies a little off the line x0 + x1 = 1.
    expect(x0).toBeCloseTo(0.25, 1);
    expect(x1).toBeCloseTo(0.75, 1);
    expect(result['rawCost']).not.toBe(result['cost']);
    const { stdout } = await sibyl(['solve', 'qp.ts', '--solver', 'de2', '--npop', '40', '--seed', '2']);
    expect(stdout).toContain(`Current function value: ${String(result['cost'])}`);
    expect(stdout).toContain(`Objective without penalties: ${String(result['rawCost'])}`);
  });

  it('applies a penalty function built from the library (A15: x = [0.25, 0.75], f = 1.875)', async () => {
    const result = await solveJson(['solve', 'qpStiff.ts', '--solver', 'powell']);
    const [x0, x1] = result['solution'] as number[];
    expect(Math.abs(x0! - 0.25)).toBeLessThanOrEqual(2e-2 * 0.25);
    expect(Math.abs(x1! - 0.75)).toBeLessThanOrEqual(2e-2 * 0.75);
    expect(Math.abs((result['cost'] as number) - 1.875)).toBeLessThanOrEqual(2e-2 * 1.875);
  });

  it('--constraints with --tight keeps every point on the constraint and inside the box', async () => {
    const result = await solveJson(['solve', 'plane.js', '--constraints', 'x0 = 2*x1', '--bounds', '0:1', '--tight', '--seed', '4', '--npop', '20']);
    const [x0, x1] = result['solution'] as number[];
    expect(x0).toBe(2 * x1!);
    expect(x0).toBeCloseTo(1, 3);
    expect(result['rawCost']).toBe(result['cost']);
  });

  it('--constraints and --penalties replace the module’s and are rebuilt on --resume: a split run ends as a straight one', async () => {
    const flags = ['--constraints', 'x1 >= 0.1; x0 = 2*x1', '--penalties', 'x0 + x1 <= 1.2', '--bounds', '0:1', '--resample', '--seed', '11', '--npop', '12'];
    const straight = await solveJson(['solve', 'qp.ts', ...flags]);
    const first = await sibyl(['solve', 'qp.ts', ...flags, '--max-generations', '6', '--save', 'split.json']);
    expect(first.code).toBe(0);
    const state = parseSolverState(readFileSync(join(folder, 'split.json'), 'utf8'));
    expect(state.problem?.constraints).toBe('x1 >= 0.1\n x0 = 2*x1');
    expect(state.problem?.penalties).toBe('x0 + x1 <= 1.2');
    expect(state.settings.strictRanges).toMatchObject({ tight: true, clip: false });
    const resumed = await solveJson(['solve', '--resume', 'split.json']);
    expect(withoutTime(resumed)).toEqual(withoutTime(straight));
    const [x0, x1] = resumed['solution'] as number[];
    expect(x1).toBeGreaterThanOrEqual(0.1);
    expect(x0).toBe(2 * x1!);
  });

  it('with --resume, new --bounds keep the saved mode and --resample changes it', async () => {
    const saved = () => parseSolverState(readFileSync(join(folder, 'mode.json'), 'utf8')).settings.strictRanges;
    const common = ['--constraints', 'x0 = 2*x1', '--max-generations', '2', '--save', 'mode.json'];
    expect((await sibyl(['solve', 'plane.js', ...common, '--bounds', '0:1', '--tight', '--seed', '3'])).code).toBe(0);
    expect((await sibyl(['solve', '--resume', 'mode.json', ...common, '--bounds', '0:0.8'])).code).toBe(0);
    expect(saved()).toEqual({ min: [0, 0], max: [0.8, 0.8], tight: true, clip: true });
    expect((await sibyl(['solve', '--resume', 'mode.json', ...common, '--resample'])).code).toBe(0);
    expect(saved()).toEqual({ min: [0, 0], max: [0.8, 0.8], tight: true, clip: false });
  });

  it('reports a malformed constraint line with its line, column and token', async () => {
    expect(await failure(['solve', 'plane.js', '--constraints', 'x0 + x1 <= 5; x1 = x0 * * x1'])).toBe(
      "sibyl: --constraints: Line 2, column 12: unexpected '*'; expected a number, a variable, a function or '('.",
    );
    expect(await failure(['solve', 'badText.js'])).toMatch(/^sibyl: badText\.js: constraints: Line 2, column \d+: /);
  });

  it('refuses a variable beyond the problem’s dimension', async () => {
    expect(await failure(['solve', 'plane.js', '--penalties', 'x0 + x7 <= 1'])).toBe(
      'sibyl: --penalties: Line 1, column 6: x7 is out of range: the problem has 2 variables (x0…x1).',
    );
  });

  it('ends constraints that cannot all hold with a clear message instead of a hang', async () => {
    expect(await failure(['solve', 'clash.js', '--seed', '1'])).toMatch(
      /^sibyl: The constraints could not all be satisfied within 100 cycles \(last x = \[[^\]]+\]\)\.$/,
    );
  });

  it('reports the point at which a constraint function threw', async () => {
    expect(await failure(['solve', 'throws.js', '--solver', 'nm'])).toBe('sibyl: The constraints threw at x = [0.5, 1.5]: x1 too large');
  });

  it('refuses --tight without bounds', async () => {
    expect(await failure(['solve', 'plane.js', '--tight'])).toBe(
      'sibyl: --tight applies the bounds together with the constraints, but the run has no bounds; give --bounds.',
    );
  });
});
