import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNodeWorker } from '../pool/node/buildWorker';
import { main } from './main';

// `sibyl solve --workers N --dispatch …`, in-process, with worker_threads started from a freshly bundled entry.

let folder: string;
let workerEntry: URL;

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function sibyl(argv: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: folder,
    isTTY: false,
    workerEntry,
  });
  return { code, stdout, stderr };
}

/** The --json result without the clock. */
async function result(argv: string[]): Promise<Record<string, unknown>> {
  const ran = await sibyl([...argv, '--json']);
  expect(ran.stderr).toBe('');
  expect(ran.code).toBe(0);
  const { elapsedMs: _elapsed, ...rest } = JSON.parse(ran.stdout) as Record<string, unknown>;
  return rest;
}

beforeAll(async () => {
  workerEntry = await buildNodeWorker();
  folder = mkdtempSync(join(tmpdir(), 'sibyl-workers-'));
  writeFileSync(
    join(folder, 'rosen.ts'),
    `import { rosen } from 'sibyl/models';\nexport default { dim: 4, bounds: [[-2, 2], [-2, 2], [-2, 2], [-2, 2]], objective: (x: number[]) => rosen(x) };\n`,
  );
  writeFileSync(
    join(folder, 'throws.ts'),
    `export default {\n  dim: 2,\n  bounds: [[-2, 2], [-2, 2]],\n  objective: (x: number[]) => {\n    if (x[0] > 1) throw new RangeError('x[0] above 1');\n    return x[0] * x[0] + x[1] * x[1];\n  },\n};\n`,
  );
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('sibyl solve --workers', () => {
  const de2 = ['solve', 'rosen.ts', '--solver', 'de2', '--npop', '16', '--seed', '5', '--max-generations', '60'];

  it('gives the result of a run in one thread, whatever the dispatch', async () => {
    const alone = await result(de2);
    expect(alone['generations']).toBeGreaterThan(20);
    expect(await result([...de2, '--workers', '2', '--dispatch', 'pool'])).toEqual(alone);
    expect(await result([...de2, '--workers', '2'])).toEqual(alone);
    expect(await result([...de2, '--workers', '1', '--dispatch', 'inline'])).toEqual(alone);
  });

  it('runs an ensemble through the workers with the same result', async () => {
    const buckshot = ['solve', 'rosen.ts', '--solver', 'buckshot', '--option', 'npts=4', '--seed', '2', '--max-generations', '30'];
    expect(await result([...buckshot, '--workers', '2', '--dispatch', 'pool'])).toEqual(await result(buckshot));
  });

  it('says in verbose output where evaluations run and what auto decided', async () => {
    const auto = await sibyl([...de2, '--workers', '2', '--verbose', '20']);
    expect(auto.code).toBe(0);
    const lines = auto.stdout.split('\n');
    expect(lines[0]).toBe('Workers: 2 worker threads; dispatch auto: each batch goes to the workers or stays in this thread, whichever measures faster.');
    expect(lines[1]).toMatch(/^Generation 0 has ChiSquare: /);
    // Sixteen Rosenbrock evaluations cost less than one message: decided on the first batch.
    expect(lines[2]).toBe('Dispatch: auto chose this thread (an evaluation costs less than sending it to a worker); no worker was started.');

    const forced = await sibyl([...de2, '--workers', '2', '--dispatch', 'pool', '--verbose', '20', '--json']);
    expect(forced.stderr.split('\n')[0]).toBe('Workers: 2 worker threads; dispatch pool (forced): every batch is evaluated in the workers.');
    expect(forced.stderr).not.toContain('Dispatch:');

    const nm = await sibyl(['solve', 'rosen.ts', '--solver', 'nm', '--workers', '2', '--verbose', '1000']);
    expect(nm.stdout.split('\n')[0]).toBe('Workers: none started; nm evaluates one point at a time, so it cannot use --workers (de2 and the ensembles can).');

    const quiet = await sibyl([...de2, '--workers', '2']);
    expect(quiet.stdout).not.toContain('Workers:');
  });

  it('reports an objective that throws in a worker with the point, and the worker stack with --debug', async () => {
    const argv = ['solve', 'throws.ts', '--solver', 'de2', '--seed', '1', '--workers', '2', '--dispatch', 'pool'];
    const ran = await sibyl(argv);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^sibyl: The objective threw at x = \[[-\d.e, ]+\]: x\[0\] above 1\n$/);
    const point = /x = \[([^\]]+)\]/.exec(ran.stderr)?.[1]?.split(', ').map(Number) ?? [];
    expect(point[0]).toBeGreaterThan(1);
    const debug = await sibyl([...argv, '--debug']);
    expect(debug.stderr).toContain('RangeError: x[0] above 1');
    expect(debug.stderr).toContain('runChunk');
  });

  it('refuses a bad --workers or --dispatch', async () => {
    const fails = async (argv: string[]) => {
      const ran = await sibyl(['solve', 'rosen.ts', ...argv]);
      return { code: ran.code, message: ran.stderr.trimEnd() };
    };
    expect(await fails(['--workers', '-1'])).toEqual({ code: 1, message: 'sibyl: --workers must be a non-negative integer, got "-1".' });
    expect(await fails(['--workers', '2', '--dispatch', 'fast'])).toEqual({ code: 1, message: 'sibyl: --dispatch must be auto, pool or inline, got "fast".' });
    expect(await fails(['--dispatch', 'pool'])).toEqual({
      code: 1,
      message: 'sibyl: --dispatch chooses between worker threads and this thread; give --workers N (N ≥ 1) with it.',
    });
  });
});
