import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { median } from './poolOverhead';
import { startServer } from './harness';

/** How long the run goes at full speed before the first Pause, and between a Resume and the next Pause. */
const WARM_RUN_MS = 8000;
const RESUMED_RUN_MS = 3000;
const PAUSES = 5;
const LONGEST_TASK_TARGET_MS = 50;
const PAUSE_TARGET_MS = 100;

const cheapSource = `import { rosen } from 'sibyl/models';

export default {
  name: 'Rosenbrock 3-D',
  dim: 3,
  bounds: [[-2, 2], [-2, 2], [-2, 2]],
  objective: (x: number[]) => rosen(x),
};
`;

/** What the page keeps about its main thread, installed before the studio's scripts run. */
interface Probe {
  /** Every long task: when it started and how long it took, ms. */
  longTasks: { start: number; duration: number }[];
  /** Click on Pause (the input event's own time, so time spent queued behind other work counts) to status `paused`, ms. */
  pauseLatencies: number[];
  /** Each plot redraw: when it started, how long it took (ms) and which plot (its test id). */
  plotDraws: { start: number; duration: number; name: string }[];
}

type ProbeWindow = { __probe: Probe };

/**
 * Runs in the page before anything else: records long tasks, plot draws (the studio's `sibyl.plot.draw`
 * measures) and, for every click on Pause, the time until the status reads `paused`.
 */
function installProbe(): void {
  const page = globalThis as unknown as ProbeWindow & {
    document: {
      addEventListener(type: string, listener: (event: { timeStamp: number; target: unknown }) => void, capture: boolean): void;
      querySelector(selector: string): { textContent: string | null; contains(node: unknown): boolean } | null;
    };
    MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
    PerformanceObserver: new (callback: (list: { getEntries(): { name: string; startTime: number; duration: number; detail?: unknown }[] }) => void) => { observe(options: { type: string }): void };
  };
  const probe: Probe = { longTasks: [], pauseLatencies: [], plotDraws: [] };
  page.__probe = probe;
  new page.PerformanceObserver((list) => list.getEntries().forEach((entry) => probe.longTasks.push({ start: entry.startTime, duration: entry.duration }))).observe({ type: 'longtask' });
  new page.PerformanceObserver((list) =>
    list.getEntries().forEach((entry) => entry.name === 'sibyl.plot.draw' && probe.plotDraws.push({ start: entry.startTime, duration: entry.duration, name: String(entry.detail) })),
  ).observe({ type: 'measure' });
  page.document.addEventListener(
    'click',
    (event) => {
      const button = page.document.querySelector('[data-testid="run.pause"]');
      const status = page.document.querySelector('[data-testid="run.status"]');
      if (!button || !status || !button.contains(event.target)) return;
      const clickedAt = event.timeStamp;
      const observer = new page.MutationObserver(() => {
        if (status.textContent !== 'paused') return;
        probe.pauseLatencies.push(performance.now() - clickedAt);
        observer.disconnect();
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
    },
    true,
  );
}

function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => (globalThis as unknown as ProbeWindow).__probe);
}

async function setField(page: Page, name: string, value: string): Promise<void> {
  await page.getByTestId(`setup.${name}`).fill(value);
}

async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.getByTestId('run.status').filter({ hasText: new RegExp(`^${status}$`) }).waitFor({ timeout: 30_000 });
}

interface RunFigures {
  /** Longest main-thread task while the run went at full speed, ms. */
  readonly longestTaskMs: number;
  /** When it began, ms after the click on Solve, and the plot redraws it overlapped; undefined without long tasks. */
  readonly longestTask?: { readonly atMs: number; readonly draws: readonly string[] };
  /** Long tasks while running. */
  readonly longTasks: number;
  /** Main-thread time in long tasks as a share of the running time. */
  readonly busyShare: number;
  readonly pauseMedianMs: number;
  readonly pauseMaxMs: number;
  readonly drawMedianMs: number;
  readonly draws: number;
  readonly generations: number;
  readonly runningMs: number;
  /** Times the run worker slept while a plot redraw dragged on, and for how long in all (pageDraws.ts). */
  readonly givenWay: { readonly sleeps: number; readonly sleptMs: number };
}

/** A full-speed de run on the cheap Rosenbrock, paused and resumed `PAUSES` times. */
async function measureRun(url: string): Promise<RunFigures> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    // Tall enough that the plots and the run controls are all on screen: every plot draws (an off-screen one
    // would not), and Playwright need not scroll between clicks.
    const page = await browser.newPage({ viewport: { width: 1400, height: 2000 } });
    await page.addInitScript(installProbe);
    await page.goto(url);
    await page.getByTestId('run.status').waitFor();
    await page.evaluate((source) => (globalThis as unknown as { __studio: { setSource(text: string): void } }).__studio.setSource(source), cheapSource);
    await page.getByTestId('solver.select').selectOption('de');
    await setField(page, 'seed', '1');
    await setField(page, 'npop', '40');
    // Never met (costs are ≥ 0), so the run goes on to the generation limit.
    await setField(page, 'termination', 'VTR(0, -1)');
    await setField(page, 'max-generations', '100000000');
    await setField(page, 'max-evaluations', '100000000000');
    // The lazy regions are loaded and idle before the clock runs: their start-up is not the run's work.
    await page.getByTestId('editor.status').filter({ hasText: 'The module loads and type-checks.' }).waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="plot.convergence"][data-plot-status="ready"]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);

    const startedAt = await page.evaluate(() => performance.now());
    await page.getByTestId('run.solve').click();
    await waitForStatus(page, 'running');
    const runningSpans: [number, number][] = [];
    let spanStart = startedAt;
    for (let k = 0; k < PAUSES; k++) {
      await page.waitForTimeout(k === 0 ? WARM_RUN_MS : RESUMED_RUN_MS);
      await page.getByTestId('run.pause').click();
      await waitForStatus(page, 'paused');
      runningSpans.push([spanStart, await page.evaluate(() => performance.now())]);
      if (k + 1 < PAUSES) {
        spanStart = await page.evaluate(() => performance.now());
        await page.getByTestId('run.resume').click();
        await waitForStatus(page, 'running');
      }
    }
    const probe = await readProbe(page);
    const generations = Number(await page.getByTestId('run.generation').textContent());
    const givenWay = await page.evaluate(() => (globalThis as unknown as { __studio: { givenWay(): { sleeps: number; sleptMs: number } } }).__studio.givenWay());
    const inRun = probe.longTasks.filter((task) => runningSpans.some(([from, to]) => task.start >= from && task.start < to));
    const runningMs = runningSpans.reduce((sum, [from, to]) => sum + to - from, 0);
    if (probe.pauseLatencies.length !== PAUSES) throw new Error(`Saw ${probe.pauseLatencies.length} pauses of ${PAUSES}.`);
    const longest = inRun.reduce<(typeof inRun)[number] | undefined>((worst, task) => (worst && worst.duration >= task.duration ? worst : task), undefined);
    return {
      longestTaskMs: longest?.duration ?? 0,
      ...(longest
        ? {
            longestTask: {
              atMs: longest.start - startedAt,
              draws: probe.plotDraws.filter((draw) => draw.start < longest.start + longest.duration && draw.start + draw.duration > longest.start).map((draw) => draw.name),
            },
          }
        : {}),
      longTasks: inRun.length,
      busyShare: inRun.reduce((sum, task) => sum + task.duration, 0) / runningMs,
      pauseMedianMs: median(probe.pauseLatencies),
      pauseMaxMs: Math.max(...probe.pauseLatencies),
      drawMedianMs: probe.plotDraws.length > 0 ? median(probe.plotDraws.map((draw) => draw.duration)) : NaN,
      draws: probe.plotDraws.length,
      generations,
      runningMs,
      givenWay,
    };
  } finally {
    await browser.close();
  }
}

/** Monaco's and plotly's chunks: what the lazy editor and plots regions load once the shell is on screen. */
const isHeavyChunk = (file: string) => /(^|\/)(editor\.api|ProblemEditor|plotly)[^/]*\.js$/.test(file);

interface FirstLoad {
  readonly files: readonly string[];
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Monaco's and plotly's chunks, loaded only by the lazy editor and plots regions. */
  readonly heavyBytes: number;
}

/**
 * The JavaScript the studio needs before its first screen: the entry module and its static imports, which
 * the built index.html names (the module script and its modulepreload links). The lazy regions, Monaco,
 * plotly and the workers all come later.
 */
function firstLoad(appRoot: string): FirstLoad {
  const html = readFileSync(join(appRoot, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
  const size = (file: string, zipped = false) => {
    const bytes = readFileSync(join(appRoot, file));
    return zipped ? gzipSync(bytes).length : bytes.length;
  };
  const heavy = readdirSync(join(appRoot, 'assets')).filter(isHeavyChunk);
  return {
    files,
    bytes: files.reduce((sum, file) => sum + size(file), 0),
    gzipBytes: files.reduce((sum, file) => sum + size(file, true), 0),
    heavyBytes: heavy.reduce((sum, file) => sum + size(`assets/${file}`), 0),
  };
}

/** Where the longest task fell: how many long tasks there were, when it began, what it overlapped. */
function describeLongest(run: RunFigures): string {
  const task = run.longestTask;
  if (!task) return ' (no long task)';
  const during = task.draws.length > 0 ? `, during a redraw of ${task.draws.join(' and ')}` : ', during no plot redraw';
  return ` (${run.longTasks} long task${run.longTasks === 1 ? '' : 's'}; the longest began ${(task.atMs / 1000).toFixed(1)} s after Solve${during})`;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
const met = (ok: boolean) => (ok ? 'yes' : 'no');

export async function studioSection(): Promise<string> {
  const appRoot = fileURLToPath(new URL('../app', import.meta.url));
  const title = '## Studio: main thread and first load';
  if (!existsSync(join(appRoot, 'index.html'))) return `${title}\n\nNot measured: the studio is not built (run \`npm run build\` first).`;
  const load = firstLoad(appRoot);
  const heavyInFirst = load.files.filter(isHeavyChunk);
  let run: RunFigures | string;
  if (!existsSync('/usr/bin/chromium')) run = 'not measured: no /usr/bin/chromium (`node scripts/ensure-system.mjs chromium`)';
  else {
    const server = await startServer();
    try {
      run = await measureRun(server.url);
    } finally {
      server.child.kill();
    }
  }
  const runRows =
    typeof run === 'string'
      ? [`| longest main-thread task | ${run} | < ${LONGEST_TASK_TARGET_MS} ms | |`, `| click on Pause → status \`paused\` | ${run} | < ${PAUSE_TARGET_MS} ms | |`]
      : [
          `| longest main-thread task while running | ${run.longestTaskMs.toFixed(0)} ms${describeLongest(run)} | < ${LONGEST_TASK_TARGET_MS} ms | ${met(run.longestTaskMs < LONGEST_TASK_TARGET_MS)} |`,
          `| click on Pause → status \`paused\`, median of ${PAUSES} (max) | ${run.pauseMedianMs.toFixed(0)} ms (${run.pauseMaxMs.toFixed(0)} ms) | < ${PAUSE_TARGET_MS} ms | ${met(run.pauseMaxMs < PAUSE_TARGET_MS)} |`,
          `| main thread in long tasks while running | ${(run.busyShare * 100).toFixed(1)} % of ${(run.runningMs / 1000).toFixed(1)} s | | |`,
          `| plot redraws (median time of one) | ${run.draws} (${run.drawMedianMs.toFixed(1)} ms) | | |`,
          `| the run giving way to a redraw that dragged on | ${run.givenWay.sleeps} times, ${run.givenWay.sleptMs.toFixed(0)} ms in all (${((100 * run.givenWay.sleptMs) / run.runningMs).toFixed(1)} % of the running time) | | |`,
        ];
  return [
    title,
    '',
    'The studio as built (`npm run build`), served by `dist/node/serve.js` and driven in headless Chromium',
    '(`/usr/bin/chromium`, no GPU) in a 1400 × 2000 px page, so the run controls and all three plots are on screen',
    '(plots off-screen are not drawn). The run: `de` on the 3-D Rosenbrock (an objective that costs next to',
    `nothing, so the worker sends snapshots as fast as the studio takes them), NP 40, seed 1, a termination that is`,
    `never met and limits of 10⁸ generations and 10¹¹ evaluations; ${(WARM_RUN_MS / 1000).toFixed(0)} s at full speed, then Pause, and ${PAUSES - 1} times Resume, ${(RESUMED_RUN_MS / 1000).toFixed(0)} s, Pause${typeof run === 'string' ? '' : ` (${run.generations} generations in all)`}.`,
    'Long tasks are the browser\'s `longtask` entries (over 50 ms) that start while the run is going; the Pause',
    'latency runs from the click event\'s own time stamp, so time the click spent waiting for the main thread counts,',
    'and the target is met when every Pause answered in time. Plots redraw one per frame, each in a task of its own',
    'after the frame\'s, and take at most a sixth of the main thread (app/features/plots/drawQueue.ts, drawLoop.ts).',
    'When a redraw is still under way a whole slice of generations after the run worker first saw it, the worker',
    'sleeps until it ends (src/pool/run/pageDraws.ts); what that costs the run is in the table.',
    'The run keeps the last 10 000 generations of its history (docs/solvers.md). The machine is shared with other engineers\' builds and',
    'browser tests: long tasks include time the main thread was not scheduled, so they vary from run to run.',
    '',
    '| what | measured | target | met |',
    '| --- | --- | --- | --- |',
    ...runRows,
    `| first-load JavaScript (entry + static imports, ${load.files.length} files) | ${kB(load.bytes)} (${kB(load.gzipBytes)} gzip) | no Monaco, no plotly | ${met(heavyInFirst.length === 0)} |`,
    '',
    `The first load is ${((load.bytes / (load.bytes + load.heavyBytes)) * 100).toFixed(0)} % of what it would be with Monaco and plotly in it (${kB(load.heavyBytes)}, loaded by the`,
    'editor and plots regions once the shell is on screen).',
  ].join('\n');
}
