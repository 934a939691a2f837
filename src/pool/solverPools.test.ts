import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../core/problem/importables';
import { ObjectiveError } from '../core/errors';
import { Monitor } from '../core/monitors/monitor';
import { AdaptivePool } from '../core/parallel/adaptivePool';
import type { Pool } from '../core/parallel/pool';
import { SerialPool } from '../core/parallel/serialPool';
import { describeTask } from '../core/parallel/task';
import { compileProblem } from '../core/problem/compile';
import type { BaseSolver } from '../core/solvers/baseSolver';
import { createSolver } from '../core/solvers/registry';
import type { SolverId } from '../core/solvers/solver';
import type { ObjectiveFn } from '../core/types';
import { buildNodeWorker } from './node/buildWorker';
import { nodeWorkers } from './node/nodeWorkers';
import type { ChunkRequest } from './wire';
import { WorkerPool, type WorkerFactory } from './workerPool';

// Solvers over a real WorkerPool of 2 worker_threads: the same seed gives bit for bit the run of a
// SerialPool (and of no pool at all), whatever goes where.

const rosenSource = `
import { rosen } from 'sibyl/models';
export default { name: 'rosen-4', dim: 4, bounds: [[-3, 3], [-3, 3], [-3, 3], [-3, 3]], objective: (x: number[]) => rosen(x) };
`;

let entry: URL;
const pools: Pool[] = [];
/** A WorkerPool of 2, ended after the file. */
function workerPool(factory: WorkerFactory = nodeWorkers(entry), options: { sharedMemory?: boolean } = {}): WorkerPool {
  const pool = new WorkerPool({ factory, size: 2, ...options });
  pools.push(pool);
  return pool;
}

let shared: WorkerPool | undefined;
/** One WorkerPool of 2 for the tests that need nothing special of it: starting workers costs time. */
function sharedPool(): WorkerPool {
  shared ??= workerPool();
  return shared;
}

beforeAll(async () => {
  entry = await buildNodeWorker();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.terminate()));
});


const memberOptions: Partial<Record<SolverId, Record<string, unknown>>> = {
  buckshot: { npts: 4 },
  lattice: { nbins: 4 },
  sparsity: { npts: 4 },
};

interface Setup {
  readonly solver: BaseSolver;
  readonly evaluations: Monitor;
  readonly generations: Monitor;
}

/** A solver for rosen-4 with `id` and seed 7, through `pool` if given, limited to keep the test quick. */
function setUp(id: SolverId, objective: ObjectiveFn, pool?: Pool, options: { generations?: number; npop?: number } = {}): Setup {
  const population = id === 'de' || id === 'de2';
  const solver = createSolver(id, {
    dim: 4,
    seed: 7,
    objective,
    ...(population ? { npop: options.npop ?? 12 } : {}),
    ...(memberOptions[id] ? { options: memberOptions[id] } : {}),
  }) as BaseSolver;
  solver.setStrictRanges([-3, -3, -3, -3], [3, 3, 3, 3]);
  if (id === 'nm' || id === 'powell') solver.setInitialPoints([-1.2, 1, -0.5, 0.8]);
  solver.setEvaluationLimits({ generations: options.generations ?? 40 });
  const evaluations = new Monitor();
  const generations = new Monitor();
  solver.setEvaluationMonitor(evaluations);
  solver.setGenerationMonitor(generations);
  if (pool) solver.setPool(pool);
  return { solver, evaluations, generations };
}

interface Run extends Setup {
  readonly message: string;
}

async function solve(...args: Parameters<typeof setUp>): Promise<Run> {
  const setup = setUp(...args);
  return { ...setup, message: await setup.solver.solve() };
}

/**
 * Everything a run leaves behind, bit for bit: its saved state (every number of it, an ensemble's members'
 * included) without the clock readings, and what the monitors heard, as the bytes of the doubles.
 */
function fingerprint(run: Run): unknown {
  const clockless = JSON.stringify(run.solver.saveState(), (key, value: unknown) => (key === 'savedAt' || key === 'elapsedMs' ? undefined : value));
  const bits = (values: readonly number[]) => Array.from(new Uint8Array(Float64Array.from(values).buffer)).join(',');
  return {
    message: run.message,
    state: JSON.parse(clockless) as unknown,
    evaluated: run.evaluations.x.map(bits),
    costs: bits(run.evaluations.y),
    ids: run.evaluations.id,
    best: bits(run.generations.y),
  };
}

describe('solvers over a WorkerPool', () => {
  const problem = () => compileProblem(rosenSource, 'rosen.ts');

  it("ships compileProblem's objective as its module, so workers can import 'sibyl/models'", () => {
    expect(describeTask(problem().objective)).toMatchObject({ kind: 'module', exportName: 'default.objective' });
  });

  const ids: SolverId[] = ['de', 'de2', 'nm', 'powell', 'buckshot', 'lattice', 'sparsity'];
  for (const id of ids) {
    it(`${id}: the run through 2 worker_threads is bit for bit the SerialPool run, monitors included`, async () => {
      const { objective } = problem();
      const serial = await solve(id, objective, new SerialPool());
      const pooled = await solve(id, objective, sharedPool());
      const alone = await solve(id, objective);
      expect(serial.solver.evaluations).toBeGreaterThan(20);
      expect(serial.evaluations.length).toBe(serial.solver.evaluations);
      expect(fingerprint(pooled)).toEqual(fingerprint(serial));
      expect(fingerprint(alone)).toEqual(fingerprint(serial));
    });
  }

  // By message, so the messages show it; with lanes (the default) the same chunks go through shared memory.
  it('de2 sends each generation as one chunk per worker, its points in one transferred Float64Array', async () => {
    const requests: { request: ChunkRequest; transferred: readonly unknown[] }[] = [];
    const base = nodeWorkers(entry);
    const spying: WorkerFactory = {
      start(onExit) {
        const handle = base.start(onExit);
        const endpoint: Endpoint = {
          postMessage: (message: { argumentList?: { value?: unknown }[] }, transfer?: Transferable[]) => {
            const request = message.argumentList?.[0]?.value as ChunkRequest | undefined;
            if (request?.input) requests.push({ request, transferred: transfer ?? [] });
            handle.endpoint.postMessage(message, transfer);
          },
          addEventListener: (type, listener) => handle.endpoint.addEventListener(type, listener),
          removeEventListener: (type, listener) => handle.endpoint.removeEventListener(type, listener),
        };
        return { endpoint, terminate: () => handle.terminate() };
      },
    };
    // Where each generation's requests end: the generation monitor hears of a generation after its batch.
    const ends: number[] = [];
    const solver = createSolver('de2', { dim: 4, npop: 12, seed: 7, objective: problem().objective });
    solver.setStrictRanges([-3, -3, -3, -3], [3, 3, 3, 3]);
    solver.setEvaluationLimits({ generations: 5 });
    solver.setGenerationMonitor(() => ends.push(requests.length));
    solver.setPool(workerPool(spying, { sharedMemory: false }));
    await solver.solve();
    expect(ends).toHaveLength(6);
    let sent = 0;
    ends.forEach((end, generation) => {
      const chunks = requests.slice(generation === 0 ? 0 : ends[generation - 1], end).map(({ request, transferred }) => {
        const input = request.input as Extract<ChunkRequest['input'], { kind: 'points' }>;
        expect(input).toMatchObject({ kind: 'points', dim: 4 });
        expect(input.data).toBeInstanceOf(Float64Array);
        expect(transferred).toContain(input.data.buffer);
        return input.count;
      });
      // Two workers, two chunks of ceil(n / 2) and the rest (out-of-box trials are not sent at all).
      const points = chunks.reduce((a, b) => a + b, 0);
      expect(chunks).toEqual(points === 0 ? [] : points === 1 ? [1] : [Math.ceil(points / 2), points - Math.ceil(points / 2)]);
      sent += points;
    });
    expect(sent).toBe(solver.evaluations);
    expect(ends[0]).toBe(2);
  });

  it('de2 hands its batches to parked workers through shared memory, with the results of messages', async () => {
    const run = async (pool: WorkerPool) => {
      const solver = createSolver('de2', { dim: 4, npop: 12, seed: 7, objective: problem().objective });
      solver.setStrictRanges([-3, -3, -3, -3], [3, 3, 3, 3]);
      solver.setEvaluationLimits({ generations: 40 });
      solver.setPool(pool);
      // Each generation waits a little, as a solver doing more between batches would: workers park meanwhile.
      solver.setGenerationMonitor(() => {
        const until = Date.now() + 3;
        while (Date.now() < until);
      });
      await solver.solve();
      return solver.saveState();
    };
    const laned = workerPool();
    const withLanes = await run(laned);
    const withMessages = await run(workerPool(nodeWorkers(entry), { sharedMemory: false }));
    expect(laned.laneChunks).toBeGreaterThan(40);
    expect({ ...withLanes, savedAt: '', counters: { ...withLanes.counters, elapsedMs: 0 } }).toEqual({
      ...withMessages,
      savedAt: '',
      counters: { ...withMessages.counters, elapsedMs: 0 },
    });
  });

  it('an ensemble batches its members through the pool, each batch split over the workers', async () => {
    const { objective } = problem();
    let maps = 0;
    let points = 0;
    const inner = sharedPool();
    const counting = new Proxy(inner, {
      get(target, key, receiver) {
        if (key !== 'withOptions') return Reflect.get(target, key, receiver) as unknown;
        return (options: Parameters<Pool['withOptions']>[0]) => {
          const view = target.withOptions(options);
          return new Proxy(view, {
            get(viewTarget, viewKey, viewReceiver) {
              if (viewKey !== 'map') return Reflect.get(viewTarget, viewKey, viewReceiver) as unknown;
              return (task: never, batch: number[][]) => {
                maps++;
                points += batch.length;
                expect(options.chunkSize).toBe(Math.ceil(batch.length / 2));
                return viewTarget.map(task, batch);
              };
            },
          });
        };
      },
    });
    const run = await solve('buckshot', objective, counting, { generations: 10 });
    expect(points).toBe(run.solver.evaluations);
    // Four Nelder–Mead members stepping together: one map serves all of them, so far fewer maps than points.
    expect(maps).toBeLessThan(points / 3);
  });
});

describe('objective failures inside workers', () => {
  const failing = `
import { rosen } from 'sibyl/models';
export default {
  dim: 4,
  objective: (x: number[]) => {
    if (x[0] + x[1] > 1.5) throw new RangeError('x[0] + x[1] is out of the model range: ' + (x[0] + x[1]));
    return rosen(x);
  },
};
`;

  for (const id of ['de2', 'buckshot'] as const) {
    it(`${id}: an objective that throws in a worker gives an ObjectiveError with the point, as without a pool`, async () => {
      const { objective } = compileProblem(failing, 'failing.ts');
      const fail = async (pool?: Pool) => {
        const { solver } = setUp(id, objective, pool);
        const error = await solver.solve().then(() => undefined, (thrown: unknown) => thrown);
        return { error, solver };
      };
      const serial = await fail();
      const pooled = await fail(sharedPool());
      expect(serial.error).toBeInstanceOf(ObjectiveError);
      expect(pooled.error).toBeInstanceOf(ObjectiveError);
      const error = pooled.error as ObjectiveError;
      const sum = (error.point[0] as number) + (error.point[1] as number);
      expect(sum).toBeGreaterThan(1.5);
      expect(error.causeMessage).toBe(`x[0] + x[1] is out of the model range: ${sum}`);
      expect(error.message).toBe(`The objective threw at x = [${error.point.join(', ')}]: ${error.causeMessage}`);
      // The stack is the worker's: the RangeError thrown by the module's objective, called by the worker's loop.
      expect(error.causeStack).toMatch(/^RangeError: x\[0\] \+ x\[1\] is out of the model range/);
      expect(error.causeStack).toContain('at Object.objective');
      expect(error.causeStack).toContain('runChunk');
      // The failed generation left no trace, with or without the pool: both stand where it began.
      expect(pooled.solver.generations).toBe(serial.solver.generations);
      expect(fingerprint({ ...setUp(id, objective), solver: pooled.solver, message: '' })).toEqual(
        fingerprint({ ...setUp(id, objective), solver: serial.solver, message: '' }),
      );
    });
  }

  it('a worker that dies mid-batch is replaced, and the solve completes with the serial result', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'sibyl-die-'));
    const marker = join(scratch, 'died');
    // The 30th evaluation in a worker ends that worker once (a marker file tells later workers it happened).
    const dying = `
import { rosen } from 'sibyl/models';
const node = (globalThis as { process?: { getBuiltinModule(name: string): any; exit(code: number): never } }).process;
const inWorker = node ? !node.getBuiltinModule('node:worker_threads').isMainThread : false;
let calls = 0;
export default {
  dim: 4,
  objective: (x: number[]) => {
    calls++;
    if (inWorker && calls === 30 && node) {
      const fs = node.getBuiltinModule('node:fs');
      if (!fs.existsSync(${JSON.stringify(marker)})) {
        fs.writeFileSync(${JSON.stringify(marker)}, 'died');
        node.exit(9);
      }
    }
    return rosen(x);
  },
};
`;
    try {
      const { objective } = compileProblem(dying, 'dying.ts');
      const serial = await solve('de2', objective, new SerialPool(), { generations: 20 });
      const pool = workerPool();
      const pooled = await solve('de2', objective, pool, { generations: 20 });
      expect(existsSync(marker)).toBe(true);
      expect(fingerprint(pooled)).toEqual(fingerprint(serial));
      expect(await pool.map((x: number) => x + 1, [1])).toEqual([2]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('AdaptivePool under a solver', () => {
  // About 1 ms per evaluation, slept rather than spun: two workers sleep at once however busy the machine's
  // cores are with other tests, so the measurement cannot be turned around by load from elsewhere.
  const sleepySource = `
import { rosen } from 'sibyl/models';
const cell = new Int32Array(new SharedArrayBuffer(4));
export default {
  dim: 4,
  objective: (x: number[]) => {
    Atomics.wait(cell, 0, 0, 1);
    return rosen(x);
  },
};
`;

  for (const id of ['de2', 'buckshot'] as const) {
    it(`${id}: keeps a cheap objective inline, with the same result`, async () => {
      const { objective } = compileProblem(rosenSource, 'rosen.ts');
      const workers = workerPool();
      const pool = new AdaptivePool(workers);
      const adaptive = await solve(id, objective, pool);
      expect(pool.decision).toBe('inline');
      // A batch of Rosenbrock evaluations costs less than a message: the workers were never started.
      expect(workers.workers).toBe(0);
      expect(fingerprint(adaptive)).toEqual(fingerprint(await solve(id, objective)));
    });
  }

  it('sends a ~1 ms objective to the workers, with the same result', async () => {
    const { objective } = compileProblem(sleepySource, 'sleepy.ts');
    const pool = new AdaptivePool(workerPool());
    // 24 points a generation: 24 ms inline, about 12 ms on two workers.
    const settings = { generations: 3, npop: 24 };
    const adaptive = await solve('de2', objective, pool, settings);
    expect(pool.decision).toBe('pool');
    expect(fingerprint(adaptive)).toEqual(fingerprint(await solve('de2', objective, undefined, settings)));
  });
});
