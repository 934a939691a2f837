import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { chromium } from 'playwright-core';
import { AdaptivePool, compileProblem, createSolver, type Dispatch, type Pool } from '../src/core/index';
import { nodeWorkers } from '../src/pool/node/nodeWorkers';
import { WorkerPool } from '../src/pool/workerPool';
import { startServer } from './harness';
import { POPULATION, dispatchOverhead, median, type PoolOverhead } from './poolOverhead';
import { cheapSource, slowSource, type De2Run } from './objectives';

const WORKERS = 2;
const OVERHEAD_SAMPLES = 15;
const MAPS_PER_SAMPLE = 100;
/**
 * Blocks of the cheap objective's auto run: the ratio sits within a few per mille of 1, under run-to-run noise
 * of a few per cent, so its median needs more of them than the slow runs (which differ by 1.9×).
 */
const CHEAP_BLOCKS = 11;
/** Blocks of the slow objective's runs (each about 1.6 s). */
const SLOW_BLOCKS = 5;


/** de2 from U[-5, 5]^10, seed 1, for a fixed number of generations; returns the wall time in ms and the best energy. */
async function timeDe2(run: De2Run, pool?: Pool): Promise<{ ms: number; best: number }> {
  const solver = createSolver('de2', { dim: 10, npop: run.npop, seed: 1, objective: run.objective });
  solver.setTermination(undefined);
  solver.setRandomInitialPoints(new Array(10).fill(-5), new Array(10).fill(5));
  solver.setEvaluationLimits({ generations: run.generations });
  if (pool) solver.setPool(pool);
  const started = performance.now();
  await solver.solve();
  return { ms: performance.now() - started, best: solver.bestEnergy };
}

/**
 * Serial and pooled runs in alternation, so that load from elsewhere hits both alike, in blocks of four
 * (serial, pooled, pooled, serial; then pooled, serial, serial, pooled; …), so that neither a trend over the
 * blocks (the machine getting busier or quieter, the JIT warming up) nor the order within one favours either.
 * A block's ratio compares the quicker of its two serial runs with the quicker of its two pooled ones: what
 * the machine adds (a collection, another job's time slice) only ever lengthens a run. The figure is the
 * median over the blocks of serial / pooled (above 1: the pool is faster). The pooled runs must end where the
 * serial ones do, bit for bit.
 */
async function pairedSpeedup(run: De2Run, blocks: number, pooled: () => { pool: Pool; end(): Promise<void> }): Promise<{ ratio: number; serialMs: number; pooledMs: number }> {
  const ratios: number[] = [];
  const serialTimes: number[] = [];
  const pooledTimes: number[] = [];
  const timed = async (withPool: boolean): Promise<{ ms: number; best: number }> => {
    if (!withPool) return timeDe2(run);
    const { pool, end } = pooled();
    try {
      return await timeDe2(run, pool);
    } finally {
      await end();
    }
  };
  for (let b = 0; b < blocks; b++) {
    const block: { serial: number; pooled: number } = { serial: Infinity, pooled: Infinity };
    for (const withPool of b % 2 === 0 ? [false, true, true, false] : [true, false, false, true]) {
      const { ms, best } = await timed(withPool);
      const reference = await referenceBest(run);
      if (!Object.is(best, reference)) throw new Error(`A de2 run ended at ${best}, the serial one at ${reference}.`);
      (withPool ? pooledTimes : serialTimes).push(ms);
      block[withPool ? 'pooled' : 'serial'] = Math.min(block[withPool ? 'pooled' : 'serial'], ms);
    }
    ratios.push(block.serial / block.pooled);
  }
  return { ratio: median(ratios), serialMs: median(serialTimes), pooledMs: median(pooledTimes) };
}

const referenceBests = new Map<De2Run, number>();

/** The best energy of the run without a pool, computed once: every timed run must end exactly there. */
async function referenceBest(run: De2Run): Promise<number> {
  let best = referenceBests.get(run);
  if (best === undefined) {
    best = (await timeDe2(run)).best;
    referenceBests.set(run, best);
  }
  return best;
}

/** The pools each runtime is measured with: 1 worker (this machine's cores − 1, the studio's default) and 2. */
const OVERHEAD_SETUPS = [
  { workers: 1, sharedMemory: true },
  { workers: 2, sharedMemory: true },
  { workers: 1, sharedMemory: false },
  { workers: 2, sharedMemory: false },
] as const;

/** The Node figures: WorkerPools of worker_threads started from dist/node/pool-worker.js. */
async function nodeOverheads(): Promise<PoolOverhead[]> {
  const figures: PoolOverhead[] = [];
  for (const { workers, sharedMemory } of OVERHEAD_SETUPS) {
    const pool = new WorkerPool({ factory: nodeWorkers(), size: workers, sharedMemory });
    try {
      const figure = await dispatchOverhead(pool, OVERHEAD_SAMPLES, MAPS_PER_SAMPLE, () => performance.now());
      figures.push({ ...figure, workers, laneChunks: pool.laneChunks, isolated: true });
    } finally {
      await pool.close();
    }
  }
  return figures;
}

/**
 * What messages cost on this machine: bare worker_threads (no pool, no Comlink, no task), each sent its share
 * of the batch as a transferred Float64Array and answering with one as well. Per map, median of samples of
 * `MAPS_PER_SAMPLE` maps, in µs.
 */
async function bareRoundTrip(workers: number): Promise<number> {
  const echo = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ data, dim }) => {
  const costs = new Float64Array(data.length / dim);
  for (let i = 0; i < costs.length; i++) for (let j = 0; j < dim; j++) costs[i] += data[i * dim + j] * data[i * dim + j];
  parentPort.postMessage(costs, [costs.buffer]);
});`;
  const threads = Array.from({ length: workers }, () => new Worker(echo, { eval: true }));
  const half = (POPULATION * 10) / workers;
  const roundTrip = () =>
    Promise.all(
      threads.map(
        (thread) =>
          new Promise((resolve) => {
            thread.once('message', resolve);
            const data = new Float64Array(half);
            thread.postMessage({ data, dim: 10 }, [data.buffer]);
          }),
      ),
    );
  try {
    for (let k = 0; k < 200; k++) await roundTrip();
    const samples: number[] = [];
    for (let s = 0; s < OVERHEAD_SAMPLES; s++) {
      const started = performance.now();
      for (let k = 0; k < MAPS_PER_SAMPLE; k++) await roundTrip();
      samples.push(((performance.now() - started) * 1000) / MAPS_PER_SAMPLE);
    }
    return median(samples);
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

/** The Chromium figures: Web Workers, measured by harness/poolBench.html with the same code. */
async function chromiumOverheads(): Promise<PoolOverhead[] | string> {
  const page = fileURLToPath(new URL('../app/harness/poolBench.html', import.meta.url));
  if (!existsSync(page)) return 'not measured: the harness page is not built (run `npm run build` first)';
  if (!existsSync('/usr/bin/chromium')) return 'not measured: no /usr/bin/chromium (`node scripts/ensure-system.mjs chromium`)';
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const tab = await browser.newPage();
    await tab.goto(`${server.url}/harness/poolBench.html`);
    await tab.waitForFunction(() => '__poolBench' in globalThis);
    const measure = (workers: number, sharedMemory: boolean, samples: number, maps: number) =>
      tab.evaluate(
        ([size, shared, count, each]) =>
          (globalThis as unknown as { __poolBench: { overhead(w: number, m: boolean, s: number, n: number): Promise<PoolOverhead> } }).__poolBench.overhead(size, shared, count, each),
        [workers, sharedMemory, samples, maps] as const,
      );
    // A fresh page's first pool often runs slower than every later one (up to four times: the page is still
    // settling in), through more than a short warm-up: a whole measurement is run first, unmeasured.
    await measure(1, true, OVERHEAD_SAMPLES, MAPS_PER_SAMPLE);
    const figures: PoolOverhead[] = [];
    for (const { workers, sharedMemory } of OVERHEAD_SETUPS) figures.push(await measure(workers, sharedMemory, OVERHEAD_SAMPLES, MAPS_PER_SAMPLE));
    return figures;
  } finally {
    await browser.close();
    server.child.kill();
  }
}

/** Maps each overhead measurement makes: 50 to warm up, then the samples. */
const MEASURED_MAPS = 50 + OVERHEAD_SAMPLES * MAPS_PER_SAMPLE;

function overheadRows(where: string, figures: readonly PoolOverhead[] | string): string[] {
  if (typeof figures === 'string') return [`| ${where} | | | ${figures} | | | | |`];
  return figures.map((figure) => {
    const lanes = figure.laneChunks / (MEASURED_MAPS * figure.workers);
    const how = figure.laneChunks > 0 ? `shared memory (${(100 * lanes).toFixed(0)} % of chunks)` : figure.isolated ? 'messages (lanes off)' : 'messages (page not isolated)';
    const verdict = figure.perEvaluationUs <= 0.5 ? 'yes' : 'no';
    return `| ${where} | ${figure.workers} | ${how} | ${figure.perEvaluationUs.toFixed(2)} µs | ${figure.mapUs.toFixed(0)} µs | ${figure.inlineUs.toFixed(1)} µs | ${verdict} |`;
  });
}

/** A fresh AdaptivePool over a fresh WorkerPool, as `sibyl solve --workers 2 --dispatch …` builds one. */
function freshPool(dispatch: Dispatch): () => { pool: Pool; end(): Promise<void> } {
  return () => {
    const pool = new AdaptivePool(new WorkerPool({ factory: nodeWorkers(), size: WORKERS }), { dispatch });
    return { pool, end: () => pool.close() };
  };
}

export async function poolsSection(): Promise<string> {
  const node = await nodeOverheads();
  const bare = [await bareRoundTrip(1), await bareRoundTrip(2)];
  const browser = await chromiumOverheads();

  // The slow objective: one WorkerPool, started and warmed before the clock runs (its start-up is timed
  // apart), under a fresh AdaptivePool per run, so 'auto' measures and decides in every run.
  const slow: De2Run = { objective: compileProblem(slowSource, 'slow.ts').objective, npop: 40, generations: 12 };
  const workers = new WorkerPool({ factory: nodeWorkers(), size: WORKERS });
  const startedAt = performance.now();
  await workers.withOptions({ chunkSize: 1 }).map(slow.objective, [new Array(10).fill(0), new Array(10).fill(1)]);
  const startupMs = performance.now() - startedAt;
  const slowAuto = await pairedSpeedup(slow, SLOW_BLOCKS, () => {
    const pool = new AdaptivePool(workers);
    return { pool, end: () => Promise.resolve() };
  });
  await workers.close();

  // The cheap objective: a fresh pool per run, as `--workers 2` builds one. Making the pool object starts no
  // worker; the workers start (in the clock) when the first batch goes to them.
  const cheap: De2Run = { objective: compileProblem(cheapSource, 'cheap.ts').objective, npop: 150, generations: 3000 };
  const cheapAuto = await pairedSpeedup(cheap, CHEAP_BLOCKS, freshPool('auto'));
  const cheapForced = await pairedSpeedup(cheap, 1, freshPool('pool'));

  const evaluations = (run: De2Run) => run.npop * (run.generations + 1);
  return [
    '## Pools: dispatch overhead and parallel speed-up',
    '',
    `Run on a machine shared with other engineers' builds and browser tests, so absolute times vary from run to`,
    'run; each ratio compares runs taken in alternation in the same run, which cancels most of that.',
    '',
    '**Dispatch overhead** of a solver batch: one `map` of 150 points in 10-D, one chunk per worker, of an',
    'objective that costs nothing (a sum of squares), minus the same batch evaluated inline; per evaluation,',
    `median of ${OVERHEAD_SAMPLES} paired samples of ${MAPS_PER_SAMPLE} maps each (each sample's time is its maps' mean, so slow maps count). Target: at most`,
    '0.5 µs per evaluation. Node: `worker_threads`; Chromium: Web Workers in a page served by `dist/node/serve.js`',
    '(cross-origin isolated), headless (`/usr/bin/chromium`). Chunks go to parked workers through shared memory',
    '(src/pool/lane.ts: the points written into a SharedArrayBuffer; with a core to spare, both sides poll for',
    'each other, otherwise it takes a futex wake-up each way), or, with lanes off, as messages (the points as one',
    "transferred Float64Array each way, over Comlink). 1 worker is this 2-core machine's cores − 1, the studio's",
    'default (its run worker, the caller, holds the other core). With 2 workers the caller and both workers share',
    'the 2 cores: nobody can poll, and each map pays the wake-ups (tens of microseconds each on this virtual machine).',
    '',
    '| runtime | workers | chunks went by | overhead per evaluation | one map through the pool | the batch inline | ≤ 0.5 µs |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...overheadRows('Node (worker_threads)', node),
    ...overheadRows('Chromium (Web Workers)', browser),
    '',
    "For scale, what messages cost on this machine: bare `worker_threads` (no pool, no Comlink) each sent its share of",
    `the batch as a transferred Float64Array and answering with one take ${(bare[0] as number).toFixed(0)} µs per round trip with 1 worker and`,
    `${(bare[1] as number).toFixed(0)} µs with 2, that is ${((bare[0] as number) / POPULATION).toFixed(2)} and ${((bare[1] as number) / POPULATION).toFixed(2)} µs per evaluation before any pool's own work`,
    '(from one run to another they range from about 40 to 170 µs): messages alone take most of the budget or more.',
    '',
    `**Speed-up of \`de2\`** with ${WORKERS} workers over the same run in one thread, bit-identical results (checked):`,
    'serial / pooled wall time over blocks of four runs (serial, pooled, pooled, serial, and the reverse in every other',
    'block), the quicker run of each kind in a block (noise only lengthens a run), median over the blocks;',
    'the times shown are medians of single runs. Above 1 the pool is faster.',
    '',
    '| objective | run | serial | 2 workers | speed-up | target |',
    '| --- | --- | --- | --- | --- | --- |',
    `| 10-D Rosenbrock + 1 ms busy wait, dispatch auto | NP ${slow.npop}, ${slow.generations} generations, ${evaluations(slow)} evaluations, ${SLOW_BLOCKS} blocks | ${slowAuto.serialMs.toFixed(0)} ms | ${slowAuto.pooledMs.toFixed(0)} ms | ${slowAuto.ratio.toFixed(2)}× | ≥ 1.8× |`,
    `| 10-D Rosenbrock (cheap), dispatch auto | NP ${cheap.npop}, ${cheap.generations} generations, ${evaluations(cheap)} evaluations, ${CHEAP_BLOCKS} blocks | ${cheapAuto.serialMs.toFixed(1)} ms | ${cheapAuto.pooledMs.toFixed(1)} ms | ${cheapAuto.ratio.toFixed(2)}× | ≥ 1.00× (auto as fast as serial) |`,
    `| 10-D Rosenbrock (cheap), dispatch pool (forced) | the same, 1 block | ${cheapForced.serialMs.toFixed(1)} ms | ${cheapForced.pooledMs.toFixed(1)} ms | ${cheapForced.ratio.toFixed(2)}× | (why auto exists) |`,
    '',
    'The speed-up needs both cores free: while a job from elsewhere holds one, two workers are no faster than one',
    'thread (about 1.0×; `auto` still chooses correctly, and results stay identical).',
    '',
    `The slow runs share one pool, started before the clock runs: starting ${WORKERS} workers and compiling the problem`,
    `in them took ${startupMs.toFixed(0)} ms, once per pool. The cheap runs each start a fresh pool as \`sibyl solve`,
    '--workers 2` does; with dispatch auto, a batch of 150 Rosenbrock evaluations (the first, or the second once',
    'the first has compiled the objective) costs less inline than one message could save, so its workers are never',
    'started, and from then on the solver evaluates its batches itself.',
  ].join('\n');
}
