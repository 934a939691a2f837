import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSolver, parseLog, parseSolverState } from '../core';
import { rosen } from '../core/models';
import { main } from './main';

let folder: string;

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function sibyl(argv: string[], options: { isTTY?: boolean; signal?: AbortSignal } = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: folder,
    isTTY: options.isTTY ?? false,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout, stderr };
}

/** Run with --json and return the parsed result, failing with stderr if the run failed. */
async function solveJson(argv: string[]): Promise<Record<string, unknown>> {
  const ran = await sibyl([...argv, '--json']);
  expect(ran.stderr).toBe('');
  expect(ran.code).toBe(0);
  const lines = ran.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as Record<string, unknown>;
}

/** A failed run: the exit code and the one line on stderr. */
async function failure(argv: string[]): Promise<{ code: number; message: string }> {
  const ran = await sibyl(argv);
  expect(ran.stdout).toBe('');
  const lines = ran.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return { code: ran.code, message: lines[0] as string };
}

const write = (name: string, text: string) => writeFileSync(join(folder, name), text);
const read = (name: string) => readFileSync(join(folder, name), 'utf8');
const withoutTime = ({ elapsedMs: _elapsed, saved: _saved, ...rest }: Record<string, unknown>) => rest;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'sibyl-cli-'));
  // TypeScript with a type annotation, importing the built-in models.
  write(
    'rosen.ts',
    `import { rosen } from 'sibyl/models';
const dim: number = 3;
export default {
  name: 'Rosenbrock 3-D',
  dim,
  objective: (x: number[]): number => rosen(x),
};
`,
  );
  write(
    'rosenBounded.ts',
    `import { rosen } from 'sibyl/models';
export default { name: 'bounded', bounds: [[0, 2], [0, 2], [0, 2]], objective: (x: number[]) => rosen(x) };
`,
  );
  write('sphere.js', `export default { dim: 2, x0: [1, 1], objective: (x) => x[0] * x[0] + x[1] * x[1] };\n`);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('sibyl command line', () => {
  it('prints its version and help', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await sibyl(['--version'])).toEqual({ code: 0, stdout: `sibyl ${pkg.version}\n`, stderr: '' });
    const help = await sibyl(['solve', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--solver', '--npop', '--termination', '--resume', '--restart-from-log', '--json', '--option']) {
      expect(help.stdout).toContain(flag);
    }
  });

  it('refuses a bad command line with exit code 2', async () => {
    expect(await failure([])).toEqual({ code: 2, message: 'sibyl: Give a command: sibyl solve PROBLEM [options] (see sibyl --help).' });
    expect(await failure(['optimize', 'x.ts'])).toEqual({ code: 2, message: expect.stringContaining("Unknown command 'optimize'") });
    expect(await failure(['solve', 'rosen.ts', '--npop-size', '3'])).toEqual({
      code: 2,
      message: "sibyl: Unknown option '--npop-size' (see sibyl --help).",
    });
    expect(await failure(['solve', 'rosen.ts', '--npop'])).toEqual({ code: 2, message: "sibyl: Option '--npop' needs a value." });
    expect(await failure(['solve'])).toEqual({ code: 2, message: expect.stringContaining('solve needs a PROBLEM file') });
  });
});

describe('sibyl solve', () => {
  it('runs a TypeScript problem that imports sibyl/models, exactly as the library does (reference A8 setup)', async () => {
    const argv = ['solve', 'rosen.ts', '--npop', '30', '--cross', '0.5', '--scale', '0.6', '--bounds', '0:2'];
    const result = await solveJson([...argv, '--termination', 'VTR(0.0001)', '--seed', '123']);

    const solver = createSolver('de', { dim: 3, npop: 30, seed: 123, objective: rosen, options: { cross: 0.5, scale: 0.6 } });
    solver.setStrictRanges([0, 0, 0], [2, 2, 2]);
    solver.setRandomInitialPoints([0, 0, 0], [2, 2, 2]);
    solver.setTermination('VTR(0.0001)');
    const message = await solver.solve();

    expect(result).toMatchObject({
      solution: solver.bestSolution,
      cost: solver.bestEnergy,
      rawCost: solver.bestEnergy,
      generations: solver.generations,
      evaluations: solver.evaluations,
      nanEvaluations: 0,
      termination: message,
      condition: 'VTR(1e-4)',
      solver: 'de',
      seed: 123,
      dim: 3,
      npop: 30,
      options: { strategy: 'Best1Bin', cross: 0.5, scale: 0.6 },
      problem: 'Rosenbrock 3-D',
    });
    expect(typeof result['elapsedMs']).toBe('number');
    // Reference A8: f ≤ 1e-4 with x within 1e-2 of [1, 1, 1]; out-of-box trials are not counted.
    expect(result['cost']).toBeLessThanOrEqual(1e-4);
    for (const v of result['solution'] as number[]) expect(Math.abs(v - 1)).toBeLessThan(1e-2);
    expect(result['termination']).toBe("VTR with {'tolerance': 0.0001, 'target': 0.0}");
    expect(result['evaluations']).toBeLessThanOrEqual(30 * ((result['generations'] as number) + 1));
  });

  it('matches scipy fmin through --solver nm (reference A1)', async () => {
    const result = await solveJson(['solve', 'rosen.ts', '--solver', 'nm', '--x0', '0,0,0', '--seed', '1']);
    expect(result['generations']).toBe(165);
    expect(result['evaluations']).toBe(289);
    expect(Math.abs((result['cost'] as number) - 1.1605792769954724e-9) / 1.1605792769954724e-9).toBeLessThan(1e-7);
  });

  it('prints mystic-style progress and closing summary', async () => {
    const argv = ['solve', 'rosenBounded.ts', '--npop', '12', '--seed', '5', '--termination', 'VTR(0.01)'];
    const result = await solveJson(argv);
    const ran = await sibyl([...argv, '--verbose', '4']);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe('');
    const generations = result['generations'] as number;
    const progress = ran.stdout.split('\n').filter((line) => line.startsWith('Generation '));
    expect(progress).toHaveLength(Math.floor(generations / 4) + 1);
    expect(progress[0]).toMatch(/^Generation 0 has ChiSquare: \d/);
    expect(progress.at(-1)).toMatch(new RegExp(`^Generation ${Math.floor(generations / 4) * 4} has ChiSquare: `));
    expect(ran.stdout).toContain(
      [
        'Optimization terminated successfully.',
        `         Current function value: ${String(result['cost'])}`,
        `         Iterations: ${generations}`,
        `         Function evaluations: ${String(result['evaluations'])}`,
        "Termination: VTR with {'tolerance': 0.01, 'target': 0.0}",
        `Solution: [${(result['solution'] as number[]).join(', ')}]`,
      ].join('\n'),
    );
    expect(ran.stdout).toContain('Solver de, seed 5, ');
  });

  it('warns when a limit stops the run', async () => {
    const ran = await sibyl(['solve', 'sphere.js', '--solver', 'powell', '--max-generations', '1', '--termination', 'VTR(0)']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^Warning: Maximum number of iterations has been exceeded\.\n/);
    expect(ran.stdout).toContain("Termination: EvaluationLimits with {'evaluations': 2000, 'generations': 1}");
  });

  it('keeps stdout for the JSON result: progress lines go to stderr with --json', async () => {
    const ran = await sibyl(['solve', 'sphere.js', '--solver', 'nm', '--verbose', '1', '--max-generations', '2', '--json']);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ generations: 2, solver: 'nm' });
    expect(ran.stderr).toMatch(/^Generation 0 has ChiSquare: 2\.0\nGeneration 1 has ChiSquare: \S+\nGeneration 2 has ChiSquare: \S+\n$/);
  });

  it('refuses a --save file in a missing folder before running', async () => {
    expect(await failure(['solve', 'sphere.js', '--save', 'nowhere/state.json'])).toEqual({
      code: 1,
      message: "sibyl: Cannot write 'nowhere/state.json': its folder does not exist.",
    });
  });

  it('draws a progress bar on a terminal and erases it', async () => {
    const ran = await sibyl(['solve', 'rosenBounded.ts', '--seed', '1', '--max-generations', '30'], { isTTY: true });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toMatch(/^\r\[[#-]+\] +\d+% {2}gen \d+\/30 {2}evals \d+\/\d+ {2}best /);
    expect(ran.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(ran.stdout).toMatch(/^Warning: Maximum number of iterations/);
  });

  it('maps --option and the DE flags onto the solver options', async () => {
    const nm = await solveJson(['solve', 'sphere.js', '--solver', 'nm', '--option', 'radius=0.2', '--option', 'adaptive=true']);
    expect(nm['options']).toEqual({ radius: 0.2, adaptive: true });
    const de = await solveJson(['solve', 'sphere.js', '--strategy', 'Rand1Exp', '--max-generations', '2', '--bounds', '-1:1']);
    expect(de['options']).toEqual({ strategy: 'Rand1Exp', cross: 0.9, scale: 0.8 });
    expect(de['generations']).toBe(2);
    expect(Number.isSafeInteger(de['seed'])).toBe(true);
  });

  it('stops after the current generation when interrupted, saves, and exits with 130', async () => {
    const controller = new AbortController();
    controller.abort();
    const ran = await sibyl(['solve', 'rosenBounded.ts', '--seed', '2', '--save', 'interrupted.json', '--json'], {
      signal: controller.signal,
    });
    expect(ran.code).toBe(130);
    const result = JSON.parse(ran.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ generations: 0, termination: 'SolverInterrupt with {}', saved: 'interrupted.json' });
    expect(parseSolverState(read('interrupted.json')).stopMessage).toBe('SolverInterrupt with {}');
  });

  it('is interrupted while running, between generations', async () => {
    write('slow.js', `export default { dim: 2, bounds: [[-1, 1], [-1, 1]], objective: (x) => { let s = 0; for (let i = 0; i < 2e4; i++) s += Math.sin(i); return x[0] * x[0] + x[1] * x[1] + s * 0; } };\n`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const ran = await sibyl(['solve', 'slow.js', '--seed', '3', '--termination', 'VTR(-1)', '--max-generations', '100000', '--json'], {
      signal: controller.signal,
    });
    expect(ran.code).toBe(130);
    const result = JSON.parse(ran.stdout) as Record<string, unknown>;
    expect(result['termination']).toBe('SolverInterrupt with {}');
    expect(result['generations']).toBeGreaterThan(0);
    expect(result['generations']).toBeLessThan(100000);
  });
});

describe('save and resume', () => {
  const common = ['--bounds', '0:2', '--npop', '16', '--seed', '11', '--termination', 'VTR(1e-12)'];

  const splits: [string, string[]][] = [
    ['de', ['rosenBounded.ts', '--npop', '16']],
    ['de2', ['rosenBounded.ts', '--npop', '16']],
    ['nm', ['rosen.ts', '--x0', '0.5,1.5,0.2']],
    ['powell', ['rosen.ts', '--x0', '0.5,1.5,0.2']],
    ['buckshot', ['rosenBounded.ts', '--option', 'npts=3']],
  ];
  it.each(splits)('%s: a run split by --save and --resume ends exactly where the uninterrupted run ends', async (id, problem) => {
    const argv = ['solve', ...problem, '--solver', id, '--seed', '11'];
    const whole = await solveJson(argv);
    const half = Math.floor((whole['generations'] as number) / 2);
    expect(half).toBeGreaterThan(0);
    const file = `split-${id}.json`;
    const first = await solveJson([...argv, '--max-generations', String(half), '--save', file]);
    expect(first['generations']).toBe(half);
    // The limit that stopped the first part is lifted: the resumed run goes on to the end.
    const second = await solveJson(['solve', '--resume', file, '--save', file]);
    expect(withoutTime(second)).toEqual(withoutTime(whole));
  });

  it('counts limits given with --resume from the saved counts', async () => {
    const whole = await solveJson(['solve', 'rosen.ts', ...common, '--max-generations', '60']);
    expect(whole['generations']).toBe(60);
    await solveJson(['solve', 'rosen.ts', ...common, '--max-generations', '25', '--save', 'relative.json']);
    const second = await solveJson(['solve', '--resume', 'relative.json', '--max-generations', '35']);
    expect(withoutTime(second)).toEqual(withoutTime(whole));
  });

  it('saves every N generations into the --save file, atomically', async () => {
    const ran = await sibyl(['solve', 'rosen.ts', ...common, '--max-generations', '7', '--save', 'every.json', '--save-every', '3']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('State saved to every.json');
    const state = parseSolverState(read('every.json'));
    expect(state.history.y).toHaveLength(8);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('lets options given with --resume override the saved ones', async () => {
    await solveJson(['solve', 'rosen.ts', ...common, '--max-generations', '3', '--save', 'override.json']);
    const resumed = await solveJson([
      'solve', '--resume', 'override.json', '--strategy', 'Rand1Exp', '--cross', '0.3', '--termination', 'VTR(0.5)', '--max-generations', '2',
    ]);
    expect(resumed['options']).toEqual({ strategy: 'Rand1Exp', cross: 0.3, scale: 0.8 });
    expect(resumed['condition']).toBe('VTR(0.5)');
    expect(resumed['generations']).toBeLessThanOrEqual(5);
  });

  it('says so when the saved run had already stopped and nothing lets it continue', async () => {
    const stopped = await solveJson(['solve', 'rosen.ts', ...common, '--termination', 'VTR(1e9)', '--save', 'done.json']);
    expect(stopped['generations']).toBe(0);
    const ran = await sibyl(['solve', '--resume', 'done.json', '--json']);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe(
      "The run saved in 'done.json' had already stopped (VTR with {'tolerance': 1000000000.0, 'target': 0.0}); " +
        'give --termination, --max-generations or --max-evaluations to continue it.\n',
    );
    expect(JSON.parse(ran.stdout)).toMatchObject({ generations: 0 });
    const continued = await solveJson(['solve', '--resume', 'done.json', '--termination', 'VTR(1e-12)', '--max-generations', '3']);
    expect(continued['generations']).toBe(3);
  });

  it('refuses a different problem source unless --force', async () => {
    await solveJson(['solve', 'rosen.ts', ...common, '--max-generations', '2', '--save', 'source.json']);
    write('rosenEdited.ts', `${read('rosen.ts')}// edited\n`);
    expect(await failure(['solve', 'rosenEdited.ts', '--resume', 'source.json'])).toEqual({
      code: 1,
      message: "sibyl: The problem in 'rosenEdited.ts' differs from the one saved in 'source.json'; give --force to continue the saved run with it.",
    });
    const forced = await solveJson(['solve', 'rosenEdited.ts', '--resume', 'source.json', '--force', '--max-generations', '1', '--save', 'source.json']);
    expect(forced['generations']).toBe(3);
    expect(parseSolverState(read('source.json')).problem?.source).toBe(read('rosenEdited.ts'));
    // The same source is accepted without --force.
    expect((await sibyl(['solve', 'rosenEdited.ts', '--resume', 'source.json', '--max-generations', '1'])).code).toBe(0);
  });

  it('refuses settings a resumed run cannot change', async () => {
    await solveJson(['solve', 'rosen.ts', ...common, '--max-generations', '1', '--save', 'fixed.json']);
    expect(await failure(['solve', '--resume', 'fixed.json', '--solver', 'nm'])).toEqual({
      code: 1,
      message: "sibyl: --solver nm differs from the saved run's de; a resumed run keeps its solver.",
    });
    expect((await failure(['solve', '--resume', 'fixed.json', '--seed', '12'])).message).toContain('--seed 12 differs');
    expect((await failure(['solve', '--resume', 'fixed.json', '--x0', '1,1,1'])).message).toContain('--x0 sets the start of a new run');
  });

  it('names what is wrong with a bad state file', async () => {
    await solveJson(['solve', 'rosen.ts', ...common, '--max-generations', '1', '--save', 'good.json']);
    const good = JSON.parse(read('good.json')) as Record<string, unknown>;
    write('notjson.json', '{"format": "sibyl.solver-state",');
    write('other.json', '{"hello": "world"}');
    write('v2.json', JSON.stringify({ ...good, version: 2 }));
    write('tampered.json', JSON.stringify({ ...good, best: { ...(good['best'] as object), x: [1, 2] } }));
    write('wrongtype.json', JSON.stringify({ ...good, counters: { ...(good['counters'] as object), evaluations: 'many' } }));

    const notJson = await failure(['solve', '--resume', 'notjson.json']);
    expect(notJson.code).toBe(1);
    expect(notJson.message).toMatch(/^sibyl: notjson\.json: The state file is not JSON \(.+\)\.$/);
    expect((await failure(['solve', '--resume', 'other.json'])).message).toBe(
      'sibyl: other.json: This is not a Sibyl solver state (expected "format": "sibyl.solver-state").',
    );
    expect((await failure(['solve', '--resume', 'v2.json'])).message).toBe(
      'sibyl: v2.json: The state file has version 2; this Sibyl reads version 1.',
    );
    expect((await failure(['solve', '--resume', 'tampered.json'])).message).toBe(
      "sibyl: tampered.json: The state file's field 'best.x' has 2 entries where dim is 3 (was it edited?).",
    );
    expect((await failure(['solve', '--resume', 'wrongtype.json'])).message).toContain("invalid field 'counters.evaluations'");
    expect((await failure(['solve', '--resume', 'absent.json'])).message).toBe(
      "sibyl: Cannot read the state file 'absent.json': no such file.",
    );
  });
});

describe('logs', () => {
  it("writes mystic's LoggingMonitor format, one line per generation and the STOP line", async () => {
    const result = await solveJson(['solve', 'rosenBounded.ts', '--seed', '4', '--npop', '10', '--max-generations', '12', '--log', 'run.log']);
    const text = read('run.log');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^# \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    expect(lines[1]).toBe('# sibyl solve: bounded, solver de, seed 4');
    expect(lines[2]).toBe('# ___#___  __ChiSquare__  __params__');
    expect(lines[3]).toMatch(/^ {2}\(0,\) {5}\S+ {3}\[\S+, \S+, \S+\]$/);
    expect(lines.at(-1)).toBe(`# STOP("${String(result['termination'])}")`);
    const log = parseLog(text, 'run.log');
    expect(log.entries.map((e) => e.step)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    const last = log.entries.at(-1);
    expect(last?.x).toEqual(result['solution']);
    expect(last?.cost).toBe(result['cost']);
  });

  it('appends a resumed run to the log, numbering on, with LOADED and DUMPED lines', async () => {
    const argv = ['--seed', '4', '--npop', '10', '--log', 'resumed.log', '--save', 'resumed.json'];
    await solveJson(['solve', 'rosenBounded.ts', ...argv, '--max-generations', '3']);
    await solveJson(['solve', '--resume', 'resumed.json', ...argv.slice(4), '--max-generations', '2']);
    const log = parseLog(read('resumed.log'));
    expect(log.entries.map((e) => e.step)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(log.info.filter((line) => /^(STOP|LOADED|DUMPED)\(/.test(line))).toEqual([
      'DUMPED("resumed.json")',
      expect.stringMatching(/^STOP\("EvaluationLimits/),
      'LOADED("resumed.json")',
      'DUMPED("resumed.json")',
      expect.stringMatching(/^STOP\("EvaluationLimits/),
    ]);
  });

  it('restarts from the best logged point', async () => {
    write(
      'old.log',
      [
        '# Tue Nov 24 20:21:58 2026',
        '# ___#___  __ChiSquare__  __params__',
        '  (0,)     409.0   [0.0, 2.0, 0.0]',
        '  (1,)     3.0   [1.5, 2.0, 4.0]',
        '  (2,)     nan   [1.0, 1.0, 1.0]',
        '  (3,)     2.5   [0.5, 0.25, 0.0625]',
        '# STOP("VTR with {\'tolerance\': 0.005, \'target\': 0.0}")',
        '',
      ].join('\n'),
    );
    const nm = await solveJson(['solve', 'rosen.ts', '--solver', 'nm', '--restart-from-log', 'old.log', '--max-generations', '0']);
    // Generation 0 of Nelder–Mead evaluates x0 alone: the best logged point, with its true cost.
    expect(nm['solution']).toEqual([0.5, 0.25, 0.0625]);
    expect(nm['cost']).toBe(rosen([0.5, 0.25, 0.0625]));
    // A population solver also gets the next best distinct points as members.
    const de = await solveJson(['solve', 'rosen.ts', '--restart-from-log', 'old.log', '--npop', '4', '--max-generations', '0', '--save', 'seeded.json']);
    const population = parseSolverState(read('seeded.json')).population;
    expect(population.slice(0, 3)).toEqual([[0.5, 0.25, 0.0625], [1.5, 2.0, 4.0], [0.0, 2.0, 0.0]]);
    expect(de['cost']).toBeLessThanOrEqual(rosen([0.5, 0.25, 0.0625]));
  });

  it('refuses a malformed or mismatched log, naming the line', async () => {
    write('bad.log', '# header\n  (0,)     1.0   [1.0, 2.0, 3.0]\n  (1,)     1.0   1.0, 2.0\n');
    expect(await failure(['solve', 'rosen.ts', '--restart-from-log', 'bad.log'])).toEqual({
      code: 1,
      message: expect.stringMatching(/^sibyl: bad\.log:3: not a log line/),
    });
    write('twod.log', '  (0,)     1.0   [1.0, 2.0]\n');
    expect((await failure(['solve', 'rosen.ts', '--restart-from-log', 'twod.log'])).message).toBe(
      "sibyl: The log file 'twod.log' records 2 parameters but the problem has dim 3.",
    );
    write('empty.log', '# nothing logged\n');
    expect((await failure(['solve', 'rosen.ts', '--restart-from-log', 'empty.log'])).message).toBe(
      "sibyl: The log file 'empty.log' has no record with a finite cost to restart from.",
    );
  });
});

describe('bad input: one sentence on stderr, a non-zero exit, no stack trace', () => {
  it('a missing problem file', async () => {
    expect(await failure(['solve', 'missing.ts'])).toEqual({ code: 1, message: "sibyl: Cannot read the problem file 'missing.ts': no such file." });
  });

  it('a syntax error, with line and column', async () => {
    write('syntax.ts', 'export default {\n  dim: 2,\n  objective: (x: number[]) => x[0] +* 2,\n};\n');
    const { code, message } = await failure(['solve', 'syntax.ts']);
    expect(code).toBe(1);
    expect(message).toMatch(/^sibyl: syntax\.ts:3:\d+: syntax error: /);
  });

  it('an objective that throws, with the point and the message; --debug adds the stack', async () => {
    write('throws.ts', `export default { dim: 2, objective: (x: number[]): number => { throw new Error('no model for x0 = ' + x[0]); } };\n`);
    const argv = ['solve', 'throws.ts', '--solver', 'nm', '--x0', '1.5,-2.5'];
    expect(await failure(argv)).toEqual({ code: 1, message: 'sibyl: The objective threw at x = [1.5, -2.5]: no model for x0 = 1.5' });
    const debug = await sibyl([...argv, '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^sibyl: The objective threw at x = \[1\.5, -2\.5\]: no model for x0 = 1\.5\nError: no model for x0 = 1\.5\n\s+at /);
  });

  it('an objective that returns NaN or a non-number: counted as +∞, with a warning', async () => {
    write('nan.js', `export default { dim: 2, bounds: [[-1, 1], [-1, 1]], objective: (x) => (x[0] < 0 ? NaN : x[1] < 0 ? 'high' : x[0] + x[1]) };\n`);
    const ran = await sibyl(['solve', 'nan.js', '--seed', '1', '--npop', '10', '--max-generations', '5', '--json']);
    expect(ran.code).toBe(0);
    const result = JSON.parse(ran.stdout) as Record<string, unknown>;
    const count = result['nanEvaluations'] as number;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(result['evaluations'] as number);
    expect(ran.stderr).toBe(`Warning: ${count} evaluations returned NaN or a non-number and were counted as +∞.\n`);
    expect((result['solution'] as number[]).every((v) => v >= 0)).toBe(true);
  });

  it('dim, bounds or x0 that disagree, and lo > hi', async () => {
    write('mismatch.ts', 'export default { dim: 3, bounds: [[0, 1], [0, 1]], objective: (x: number[]) => x[0] };\n');
    expect((await failure(['solve', 'mismatch.ts'])).message).toBe('sibyl: mismatch.ts: bounds has 2 entries but dim is 3.');
    expect((await failure(['solve', 'rosen.ts', '--bounds', '0:1,0:1'])).message).toBe('sibyl: --bounds has 2 pairs but the problem has dim 3.');
    expect((await failure(['solve', 'rosen.ts', '--x0', '1,2'])).message).toBe('sibyl: --x0 has 2 numbers but the problem has dim 3.');
    expect((await failure(['solve', 'rosen.ts', '--bounds', '0:1,2:1,0:1'])).message).toBe('sibyl: --bounds entry 2 has lo > hi (2 > 1).');
    expect((await failure(['solve', 'rosen.ts', '--bounds', '0:1,a:1,0:1'])).message).toContain('--bounds must be finite numbers, got "a"');
    write('reversed.ts', 'export default { bounds: [[0, 1], [3, -3]], objective: (x: number[]) => x[0] };\n');
    expect((await failure(['solve', 'reversed.ts'])).message).toBe('sibyl: reversed.ts: bound 1 has lo > hi (3 > -3).');
  });

  it('an unknown solver, strategy, option or termination, and a malformed termination', async () => {
    expect((await failure(['solve', 'rosen.ts', '--solver', 'cmaes'])).message).toBe(
      "sibyl: Unknown solver 'cmaes' (solvers: de, de2, nm, powell, buckshot, lattice, sparsity).",
    );
    expect((await failure(['solve', 'rosen.ts', '--strategy', 'Best3Bin'])).message).toMatch(/^sibyl: Option 'strategy' must be one of Best1Bin, .*, got "Best3Bin"\.$/);
    expect((await failure(['solve', 'rosen.ts', '--cross', 'high'])).message).toBe('sibyl: Option \'cross\' must be a finite number, got "high".');
    expect((await failure(['solve', 'rosen.ts', '--solver', 'nm', '--option', 'tolerance=1'])).message).toBe(
      "sibyl: Unknown option 'tolerance' for Nelder–Mead simplex (options: radius, adaptive).",
    );
    expect((await failure(['solve', 'rosen.ts', '--solver', 'nm', '--scale', '0.5'])).message).toContain("Unknown option 'scale'");
    expect((await failure(['solve', 'rosen.ts', '--option', 'radius'])).message).toBe('sibyl: --option must be NAME=VALUE, got "radius".');
    const unknown = await failure(['solve', 'rosen.ts', '--termination', 'VeryTired(3)']);
    expect(unknown.code).toBe(1);
    expect(unknown.message).toContain('VeryTired');
    const malformed = await failure(['solve', 'rosen.ts', '--termination', 'Or(VTR(0.01), ChangeOverGeneration(1e-6, 30)']);
    expect(malformed.code).toBe(1);
    expect(malformed.message).toMatch(/^sibyl: .*column \d+/);
    expect((await failure(['solve', 'rosen.ts', '--npop', '2.5'])).message).toBe('sibyl: --npop must be a positive integer, got "2.5".');
    expect((await failure(['solve', 'rosen.ts', '--save-every', '2'])).message).toBe('sibyl: --save-every needs --save FILE to know where to save.');
  });
});
