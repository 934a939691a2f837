import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSolverState } from '../core';
import { main } from './main';

// The real `sibyl` program: bin/sibyl.mjs running the esbuild bundle, in its own process.

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = join(root, 'dist/node/cli.js');
let folder: string;

/** The newest modification time of the sources the bundle is built from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function start(args: string[]) {
  const child = spawn(process.execPath, [join(root, 'bin/sibyl.mjs'), ...args], { cwd: folder });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, finished };
}

const run = (args: string[]) => start(args).finished;

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the child process');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(() => {
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(root, 'src'))) {
    execFileSync(process.execPath, [join(root, 'scripts/build-node.mjs')], { cwd: root, stdio: 'pipe' });
  }
  folder = mkdtempSync(join(tmpdir(), 'sibyl-bin-'));
  writeFileSync(
    join(folder, 'rosen.ts'),
    `import { rosen } from 'sibyl/models';\nexport default { dim: 4, bounds: [[-2, 2], [-2, 2], [-2, 2], [-2, 2]], objective: (x: number[]) => rosen(x) };\n`,
  );
  writeFileSync(
    join(folder, 'throws.ts'),
    `export default { dim: 2, bounds: [[-2, 2], [-2, 2]], objective: (x: number[]) => { if (x[0] > 1) throw new RangeError('x[0] above 1'); return x[0] * x[0] + x[1] * x[1]; } };\n`,
  );
  // A wide population makes each saved state large, so a kill is likely to land while one is being written.
  writeFileSync(
    join(folder, 'wide.ts'),
    `export default { dim: 40, bounds: Array.from({ length: 40 }, () => [-5, 5]), objective: (x: number[]) => x.reduce((s, v) => s + v * v, 0) };\n`,
  );
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('bin/sibyl.mjs', () => {
  it('prints the version', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: `sibyl ${pkg.version}\n`, stderr: '' });
  });

  it('solves with --json: exactly one JSON object, the same result as in-process', async () => {
    const args = ['solve', 'rosen.ts', '--seed', '9', '--npop', '20', '--max-generations', '40', '--json'];
    const spawned = await run(args);
    expect(spawned.stderr).toBe('');
    expect(spawned.code).toBe(0);
    const result = JSON.parse(spawned.stdout) as Record<string, unknown>;
    let inProcess = '';
    const code = await main(args, { stdout: { write: (t: string) => (inProcess += t) }, stderr: { write: () => true }, cwd: folder, isTTY: false });
    expect(code).toBe(0);
    const expected = JSON.parse(inProcess) as Record<string, unknown>;
    expect({ ...result, elapsedMs: 0 }).toEqual({ ...expected, elapsedMs: 0 });
    expect(result['generations']).toBeGreaterThan(0);
  });

  it('fails with one sentence on stderr and no stack trace', async () => {
    const failed = await run(['solve', 'absent.ts']);
    expect(failed).toMatchObject({ code: 1, stdout: '', stderr: "sibyl: Cannot read the problem file 'absent.ts': no such file.\n" });
  });

  it('stops on Ctrl-C after the current generation, saves the state and exits with 130', async () => {
    const state = join(folder, 'sigint.json');
    const { child, finished } = start(['solve', 'wide.ts', '--seed', '1', '--termination', 'VTR(-1)', '--max-generations', '1000000', '--save', 'sigint.json', '--save-every', '5', '--json']);
    await until(() => existsSync(state));
    child.kill('SIGINT');
    const ended = await finished;
    expect(ended.code).toBe(130);
    expect(JSON.parse(ended.stdout)).toMatchObject({ termination: 'SolverInterrupt with {}', saved: 'sigint.json' });
    expect(parseSolverState(readFileSync(state, 'utf8')).stopMessage).toBe('SolverInterrupt with {}');
  });

  it('ends its worker threads however the run ends: done, failed, or stopped by Ctrl-C', async () => {
    // Live workers would keep the process from exiting: each run below must end by itself.
    const done = await run(['solve', 'rosen.ts', '--solver', 'de2', '--seed', '3', '--max-generations', '30', '--workers', '2', '--dispatch', 'pool', '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ solver: 'de2', generations: 30 });
    const failed = await run(['solve', 'throws.ts', '--solver', 'de2', '--seed', '3', '--workers', '2', '--dispatch', 'pool']);
    expect(failed).toMatchObject({ code: 1, stdout: '' });
    expect(failed.stderr).toMatch(/^sibyl: The objective threw at x = \[.*\]: x\[0\] above 1\n$/);
    const state = join(folder, 'sigint-workers.json');
    const args = ['solve', 'wide.ts', '--solver', 'de2', '--seed', '1', '--termination', 'VTR(-1)', '--max-generations', '1000000', '--workers', '2', '--dispatch', 'pool'];
    const { child, finished } = start([...args, '--save', 'sigint-workers.json', '--save-every', '5', '--json']);
    await until(() => existsSync(state));
    child.kill('SIGINT');
    const ended = await finished;
    expect(ended.code).toBe(130);
    expect(JSON.parse(ended.stdout)).toMatchObject({ termination: 'SolverInterrupt with {}' });
  });

  it('leaves a complete state file when killed in the middle of saving', async () => {
    for (const delayMs of [0, 15, 40]) {
      const name = `killed${delayMs}.json`;
      const state = join(folder, name);
      const { child, finished } = start(['solve', 'wide.ts', '--seed', '2', '--npop', '400', '--termination', 'VTR(-1)', '--max-generations', '1000000', '--save', name, '--save-every', '1']);
      await until(() => existsSync(state));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill('SIGKILL');
      expect((await finished).signal).toBe('SIGKILL');
      const saved = parseSolverState(readFileSync(state, 'utf8'));
      expect(saved.population).toHaveLength(400);
      expect(saved.history.y.length).toBeGreaterThanOrEqual(1);
    }
  });
});
