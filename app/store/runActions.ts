import {
  bestLoggedPoints,
  checkStateText,
  decodeNumber,
  formatRunLog,
  generationsRecorded,
  parseBoundsText,
  parseLog,
  parseVectorText,
  toRunError,
  type Bounds,
  type OptionValue,
  type RunChanges,
  type RunError,
  type RunOffsets,
  type RunReply,
  type RunSetup,
  type SolverId,
  type SolverState,
} from '../../src/core/index';
import {
  RunWorkerEnded,
  createRunWorker,
  decodeState,
  encodeState,
  pageDraws,
  type ObjectiveGrid,
  type RunWorker,
  type SavedState,
  type StudioSnapshot,
} from '../../src/pool/run/index';
import { deleteAutosave, readAutosave, writeAutosave, type AutosaveRecord } from './autosave';
import { hostPlan } from './hostActions';
import { downloadText } from './files';
import { optionsFor, useStudioStore, type StudioState } from './index';
import { selectSolveBlocker, type SetupFields } from './setupSlice';
import type { AutosaveSummary } from './uiSlice';

/**
 * The one bridge from the studio to the run worker (src/pool/run), and the home of every effect around a
 * run: files, the autosave, the watchdog. Components call these functions; the store only holds data.
 *
 * Recovery. Every snapshot that carries a state (a checkpoint: every few generations, and whenever the run
 * pauses or ends) is kept here. If the worker has to be ended (the watchdog, a crash), Resume and Step
 * start a fresh worker from that state with the editor's current source, so a hung objective costs the
 * generations since the checkpoint and nothing else.
 *
 * Remote hosts. Before a run starts (or is restored), the worker is told where evaluations go (hostPlan,
 * hostActions.ts); its pool's per-host figures come back throttled. A run whose pool waits for a host (the
 * relay restarting, every host lost) sends no snapshots, but it is waiting, not hung: the watchdog spares it.
 */

/** Shortest time between two autosaves while running. */
const AUTOSAVE_INTERVAL_MS = 2000;
/** Most of the main thread autosaves may take while running: they are spaced by what the last one cost. */
const AUTOSAVE_SHARE = 0.02;
/** Longest Solve and Step stay off after the worker has started a run, waiting for its first snapshot. */
const FIRST_SNAPSHOT_WAIT_MS = 2000;
/** Longest a new run waits for the problem module's check to catch up with the editor. */
const MODULE_CHECK_WAIT_MS = 10_000;
/** How often the watchdog looks. */
const WATCHDOG_TICK_MS = 200;
/** How long exports wait for the worker's current state before using the last checkpoint. */
const STATE_WAIT_MS = 1000;
/** Points read from a log to restart from (the best first). */
const RESTART_POINTS = 256;

/** The settings a live run can take between generations, as the studio holds them. */
interface LiveSettings {
  readonly source: string;
  readonly options: Readonly<Record<string, OptionValue>>;
  readonly termination: string;
  readonly maxGenerations: number | null;
  readonly maxEvaluations: number | null;
  readonly bounds: string;
  readonly constraints: string;
  readonly penalties: string;
}

let worker: RunWorker | undefined;
let nextRunId = 1;
/** What the worker's run was last given, so Resume and Step send only what the user changed since. */
let applied: LiveSettings | undefined;
/**
 * The run's last good state (as the bytes the worker sent: parsing a long run's state would hold up the
 * page) and where its counts started: for exports, the autosave and recovery.
 */
let lastGood: { saved: SavedState; offsets: RunOffsets } | undefined;
/** When the worker last said something (a snapshot or a reply). */
let lastHeardAt = 0;
/** Commands sent and not yet answered; a command that never returns is the watchdog's business too. */
let pendingCommands = 0;
let watchdogTimer: ReturnType<typeof setInterval> | undefined;
let lastAutosaveAt = -Infinity;
let autosaveSpacingMs = AUTOSAVE_INTERVAL_MS;

const store = () => useStudioStore.getState();

// ----- start-up -------------------------------------------------------------------------------------------

/** Start the run worker early (so the first Solve does not wait for it) and look for an autosaved run. */
export async function initRunActions(): Promise<void> {
  ensureWorker();
  try {
    const record = await readAutosave();
    if (record && store().status === 'idle') store().setAutosaveOffer(summarize(record));
  } catch {
    // No IndexedDB (private mode, a locked profile): there is simply nothing to offer.
  }
}

// ----- run commands ---------------------------------------------------------------------------------------

/** Start a new run from the editor's source and the setup, and run it to its end. */
export async function solve(): Promise<void> {
  if (store().starting) return;
  await startRun('solve');
}

/** Ctrl+Enter (Cmd+Enter on a Mac), in the editor or anywhere on the page: a new run, unless one is running. */
export function solveFromShortcut(): void {
  if (store().status !== 'running') void solve();
}

/** One generation: of the current run, or generation 0 of a new run when there is none. */
export async function step(): Promise<void> {
  const s = store();
  if (s.status === 'running' || s.starting) return;
  if (s.runSolverId === undefined) {
    await startRun('step');
    return;
  }
  if (!(await ensureLiveRun()) || !(await sendChanges())) return;
  await command((w) => w.step(1));
}

/** Continue a paused, stopped or failed run; with another solver chosen, continue from its best point. */
export async function resume(): Promise<void> {
  const s = store();
  if (s.runSolverId === undefined || s.status === 'running') return;
  if (!(await ensureLiveRun())) return;
  const now = store();
  if (now.runSolverId !== undefined && now.solverId !== now.runSolverId) {
    await continueWithSetupSolver(now);
    return;
  }
  if (!(await sendChanges())) return;
  clearRunDiagnostics();
  await command((w) => w.resume());
}

/** Pause after the current generation. */
export async function pause(): Promise<void> {
  if (worker) await command((w) => w.pause());
}

/** End the run after the current generation; it stays on screen and can still be resumed. */
export async function stop(): Promise<void> {
  if (worker) await command((w) => w.stop());
}

/** Forget the run and its autosave. Ends the worker too, so a hung objective cannot hold Reset up. */
export async function reset(): Promise<void> {
  endWorker();
  applied = undefined;
  lastGood = undefined;
  store().clearRun(nextRunId++);
  clearRunDiagnostics();
  store().setAutosaveOffer(undefined);
  store().setAutosaved(undefined);
  ensureWorker();
  await deleteAutosave().catch(() => undefined);
}

// ----- files ----------------------------------------------------------------------------------------------

/** Download the run's state: exactly `solver.saveState()`, the format of the CLI's --save and --resume. */
export async function exportState(): Promise<void> {
  const state = await currentState();
  if (!state) return;
  downloadText(`${baseName()}.state.json`, `${JSON.stringify(state)}\n`, 'application/json');
}

/** Download the generation log in mystic's LoggingMonitor format. */
export async function exportLog(): Promise<void> {
  const state = await currentState();
  if (!state) return;
  downloadText(`${baseName()}.log.txt`, formatRunLog(state, new Date()), 'text/plain');
}

/**
 * Import a state file: on success the editor, the setup and the run become the saved ones (paused, ready to
 * continue); on any problem, the problems are listed and nothing changes.
 */
export async function importState(file: Blob & { readonly name?: string }): Promise<void> {
  const text = await file.text();
  const check = checkStateText(text);
  if (!check.ok) {
    store().setImportProblems(check.problems);
    return;
  }
  if (!check.state.problem) {
    store().setImportProblems(['The state holds no problem source (it was saved by a program, not by the studio or the CLI).']);
    return;
  }
  const restored = await restoreState(check.state, { generation: 0, evaluations: 0, elapsedMs: 0 });
  if (!restored.ok) {
    store().setImportProblems([restored.error.message]);
    return;
  }
  store().setImportProblems([]);
  store().setNotice(`Imported ${file.name ?? 'the state'}: generation ${generationsRecorded(check.state) - 1}.`);
}

/** Start a new run from the best points of a log (mystic's restart from a results file). */
export async function restartFromLog(file: Blob & { readonly name?: string }): Promise<void> {
  let points: number[][];
  try {
    const log = parseLog(await file.text(), file.name ?? 'log');
    points = bestLoggedPoints(log, RESTART_POINTS).map((p) => p.x);
  } catch (error) {
    store().setImportProblems([toRunError(error).message]);
    return;
  }
  if (points.length === 0) {
    store().setImportProblems(['The log has no record with a finite cost to restart from.']);
    return;
  }
  store().setImportProblems([]);
  store().setNotice(`Restarting from the best of ${points.length} logged points.`);
  await startRun('solve', points);
}

/** Bring back the autosaved run, paused. */
export async function restoreAutosave(): Promise<void> {
  const record = await readAutosave().catch(() => undefined);
  store().setAutosaveOffer(undefined);
  if (!record) return;
  const restored = await restoreState(await decodeState(record.saved), record.offsets);
  if (!restored.ok) store().setRunError(restored.error);
  else store().setNotice(`Restored the run saved at ${new Date(record.savedAt).toLocaleTimeString()}.`);
}

/** Drop the autosaved run. */
export async function discardAutosave(): Promise<void> {
  store().setAutosaveOffer(undefined);
  await deleteAutosave().catch(() => undefined);
}

/**
 * A 2-D problem's objective on an n × n grid over `box`, for the contour plot: sampled in the run worker from
 * the editor's source. Rejects with one sentence when the problem is not 2-D or does not compile.
 */
export function sampleObjectiveGrid(box: Bounds, n: number): Promise<ObjectiveGrid> {
  const { source, fileName } = store();
  return ensureWorker().sampleObjectiveGrid({ source, fileName, box, n });
}

// ----- the worker -----------------------------------------------------------------------------------------

function ensureWorker(): RunWorker {
  worker ??= createRunWorker({
    onSnapshot: receive,
    onCrash: (message) => loseWorker({ kind: 'internal', message: `The run worker crashed (${message}). ${resumeHint()}` }),
    onHosts: (report) => store().setHostsReport(report.figures, report.waiting),
  });
  const draws = pageDraws();
  if (draws) worker.shareDraws(draws.buffer).catch(() => undefined);
  return worker;
}

function endWorker(): void {
  worker?.terminate();
  worker = undefined;
}

/** Send a command and report a refusal as the run's error. False when refused or the worker is gone. */
async function command(send: (w: RunWorker) => Promise<RunReply>): Promise<boolean> {
  const w = ensureWorker();
  pendingCommands++;
  lastHeardAt = performance.now();
  armWatchdog();
  try {
    const reply = await send(w);
    lastHeardAt = performance.now();
    if (!reply.ok) {
      store().setRunError(reply.error);
      showDiagnostic(reply.error);
    }
    return reply.ok;
  } catch (error) {
    // A worker ended under the command already said why (watchdog, crash, reset).
    if (!(error instanceof RunWorkerEnded)) store().setRunError(toRunError(error, 'internal'));
    return false;
  } finally {
    pendingCommands--;
  }
}

function receive(snapshot: StudioSnapshot): void {
  lastHeardAt = performance.now();
  store().applySnapshot(snapshot);
  if (snapshot.error) showDiagnostic(snapshot.error);
  if (snapshot.saved) {
    lastGood = { saved: snapshot.saved, offsets: snapshot.offsets };
    autosave(snapshot.status !== 'running');
  }
  if (snapshot.status === 'running') armWatchdog();
}

function armWatchdog(): void {
  watchdogTimer ??= setInterval(checkWatchdog, WATCHDOG_TICK_MS);
}

/** End a worker that has been silent too long while it should be working (an objective that hangs). */
function checkWatchdog(): void {
  const s = store();
  const busy = worker !== undefined && (s.status === 'running' || pendingCommands > 0);
  if (!busy) {
    clearInterval(watchdogTimer);
    watchdogTimer = undefined;
    return;
  }
  if (s.waitingForHosts) lastHeardAt = performance.now();
  const limitMs = s.watchdogSeconds * 1000;
  if (limitMs > 0 && performance.now() - lastHeardAt > limitMs) {
    loseWorker({
      kind: 'watchdog',
      message: `The objective did not return within ${s.watchdogSeconds} s, so the run worker was ended. ${resumeHint()}`,
    });
  }
}

function loseWorker(error: RunError): void {
  endWorker();
  store().setRunError(error, 'error');
}

/** The last generation a saved state holds, numbered as the run counts (offsets of an earlier solver included). */
function savedGeneration(saved: SavedState, offsets: RunOffsets): number {
  return offsets.generation + saved.summary.generationsRecorded - 1;
}

function resumeHint(): string {
  if (!lastGood) return 'Solve starts the run again.';
  const generation = savedGeneration(lastGood.saved, lastGood.offsets);
  if (generation < 0) return 'Resume starts the run again from its beginning.';
  return `Resume continues from generation ${generation}, the last saved state.`;
}

/** A live worker holding the run: after the watchdog or a crash, a fresh one restored from the last state. */
async function ensureLiveRun(): Promise<boolean> {
  if (worker) return true;
  if (!lastGood) {
    store().setRunError({ kind: 'state', message: 'The run has no saved state to continue from; press Solve to start again.' });
    return false;
  }
  const s = store();
  const w = ensureWorker();
  await configureHosts(w);
  const reply = await w.restore(s.runId, await decodeState(lastGood.saved), { source: s.source, offsets: lastGood.offsets, workers: s.workers });
  if (!reply.ok) {
    store().setRunError(reply.error, 'error');
    return false;
  }
  if (applied) applied = { ...applied, source: s.source };
  return true;
}

/**
 * Start a new run. Solve and Step are off until it has started: a second click meanwhile would start the run
 * again from generation 0 (a double-clicked Step lost its first generation).
 */
async function startRun(then: 'solve' | 'step', restartPoints?: readonly (readonly number[])[]): Promise<void> {
  store().setStarting(true);
  try {
    await startRunNow(then, restartPoints);
  } finally {
    store().setStarting(false);
  }
}

async function startRunNow(then: 'solve' | 'step', restartPoints?: readonly (readonly number[])[]): Promise<void> {
  // A source just edited is still being checked (the shortcut can come before the check ends): wait for it.
  await moduleChecked();
  const s = store();
  // The module or the setup is not ready (the reason is shown beside Solve): a new run would only fail.
  if (selectSolveBlocker(s)) return;
  let setup: RunSetup;
  try {
    setup = runSetup(s, restartPoints);
  } catch (error) {
    store().setRunError(toRunError(error));
    return;
  }
  nextRunId = Math.max(nextRunId, s.runId + 1);
  const runId = nextRunId++;
  applied = liveSettings(s, s.solverId);
  lastGood = undefined;
  lastAutosaveAt = -Infinity;
  s.setAutosaveOffer(undefined);
  s.setAutosaved(undefined);
  clearRunDiagnostics();
  const started = await command(async (w) => {
    await configureHosts(w);
    return w.start(runId, setup, then);
  });
  // The worker may answer before its run's first snapshot has come in; until it has, the page shows no run
  // and a Step would start one again.
  if (started) await firstSnapshotOf(runId);
}

/** Resolves once a snapshot of run `runId` is in the store, or after FIRST_SNAPSHOT_WAIT_MS at most. */
function firstSnapshotOf(runId: number): Promise<void> {
  return storeReaches((s) => s.runId === runId && s.runSolverId !== undefined, FIRST_SNAPSHOT_WAIT_MS);
}

/** Resolves once the store's state satisfies `reached` (at once if it does), or after `waitMs` at most. */
function storeReaches(reached: (state: StudioState) => boolean, waitMs: number): Promise<void> {
  if (reached(store())) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    const unsubscribe = useStudioStore.subscribe((state) => {
      if (reached(state)) done();
    });
  });
}

/** Tell the worker where the next run's evaluations go; figures of an earlier run with hosts are dropped. */
async function configureHosts(w: RunWorker): Promise<void> {
  const plan = hostPlan();
  store().setHostsReport([], false);
  await w.configureHosts(plan);
}

/**
 * Resolves once the editor's current source has been checked: a Solve or Step clicked just after an edit (or a
 * script's setSource) waits for the check of what it will run, rather than being dropped for a check that has
 * not begun or one of an older text. After MODULE_CHECK_WAIT_MS at most: the worker checks the source too.
 */
export function moduleChecked(): Promise<void> {
  return storeReaches((s) => !s.moduleChecking && s.checkedSource === s.source, MODULE_CHECK_WAIT_MS);
}

async function continueWithSetupSolver(s: StudioState): Promise<void> {
  const termination = s.termination;
  const changes: RunChanges = {
    termination,
    limits: { generations: s.maxGenerations, evaluations: s.maxEvaluations },
    ...(s.source !== applied?.source ? { source: s.source } : {}),
  };
  const options = optionsFor(s, s.solverId);
  clearRunDiagnostics();
  const ok = await command((w) => w.continueWith(s.solverId, { options, changes, ...(s.npop !== null ? { npop: s.npop } : {}) }));
  if (ok) applied = liveSettings(s, s.solverId);
}

/** Send the settings changed since the run last got them; false if they were refused. */
async function sendChanges(): Promise<boolean> {
  const s = store();
  if (s.runSolverId === undefined) return false;
  const current = liveSettings(s, s.runSolverId);
  let changes: RunChanges | undefined;
  try {
    changes = applied ? changesBetween(applied, current) : undefined;
  } catch (error) {
    store().setRunError(toRunError(error));
    return false;
  }
  if (!changes) return true;
  const sent = changes;
  const ok = await command((w) => w.reconfigure(sent));
  if (ok) applied = current;
  return ok;
}

async function restoreState(state: SolverState, offsets: RunOffsets): Promise<RunReply> {
  const s = store();
  nextRunId = Math.max(nextRunId, s.runId + 1);
  const runId = nextRunId++;
  let reply: RunReply;
  try {
    const w = ensureWorker();
    await configureHosts(w);
    reply = await w.restore(runId, state, { offsets, workers: s.workers });
  } catch (error) {
    return { ok: false, error: toRunError(error, 'internal') };
  }
  if (!reply.ok) return reply;
  const setup = setupFromState(state, s);
  s.applySetup(setup);
  s.setSource(state.problem?.source ?? s.source);
  clearRunDiagnostics();
  applied = liveSettings(store(), state.solver.id);
  lastGood = { saved: encodeState(state), offsets };
  return reply;
}

/** The current state: from the worker when it answers, else the last checkpoint. */
async function currentState(): Promise<SolverState | undefined> {
  if (worker && store().runSolverId !== undefined) {
    const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, STATE_WAIT_MS, undefined));
    const fresh = await Promise.race([worker.saveState().catch(() => undefined), timeout]);
    if (fresh) return fresh;
  }
  return lastGood && (await decodeState(lastGood.saved));
}

function autosave(settled: boolean): void {
  const now = performance.now();
  if (!lastGood || (!settled && now - lastAutosaveAt < autosaveSpacingMs)) return;
  lastAutosaveAt = now;
  const { saved, offsets } = lastGood;
  const record: AutosaveRecord = { savedAt: new Date().toISOString(), saved, offsets };
  const runId = store().runId;
  writeAutosave(record).then(
    (copyMs) => {
      autosaveSpacingMs = Math.max(AUTOSAVE_INTERVAL_MS, copyMs / AUTOSAVE_SHARE);
      // Shown once in the database, so what the page says is safe is safe (a reset or new run may have come since).
      if (store().runId === runId) store().setAutosaved({ savedAt: record.savedAt, generation: savedGeneration(saved, offsets) });
    },
    () => undefined,
  );
}

// ----- settings -------------------------------------------------------------------------------------------

function liveSettings(s: StudioState, solverId: SolverId): LiveSettings {
  return {
    source: s.source,
    options: optionsFor(s, solverId),
    termination: s.termination,
    maxGenerations: s.maxGenerations,
    maxEvaluations: s.maxEvaluations,
    bounds: s.bounds,
    constraints: s.constraints,
    penalties: s.penalties,
  };
}

/** What changed between two sets of live settings; undefined when nothing did. Throws on unreadable bounds. */
function changesBetween(before: LiveSettings, after: LiveSettings): RunChanges | undefined {
  const changed: { -readonly [K in keyof RunChanges]: RunChanges[K] } = {};
  if (after.source !== before.source) changed.source = after.source;
  if (JSON.stringify(after.options) !== JSON.stringify(before.options)) changed.options = after.options;
  if (after.termination !== before.termination) changed.termination = after.termination;
  if (after.maxGenerations !== before.maxGenerations || after.maxEvaluations !== before.maxEvaluations) {
    changed.limits = { generations: after.maxGenerations, evaluations: after.maxEvaluations };
  }
  if (after.bounds !== before.bounds) changed.bounds = parseBoundsText(after.bounds) ?? null;
  if (after.constraints !== before.constraints) changed.constraints = after.constraints;
  if (after.penalties !== before.penalties) changed.penalties = after.penalties;
  return Object.keys(changed).length > 0 ? changed : undefined;
}

function runSetup(s: StudioState, restartPoints?: readonly (readonly number[])[]): RunSetup {
  const bounds = parseBoundsText(s.bounds);
  const x0 = parseVectorText('x0', s.x0);
  return {
    source: s.source,
    fileName: s.fileName,
    solverId: s.solverId,
    options: optionsFor(s, s.solverId),
    seed: s.seed,
    termination: s.termination,
    limits: { generations: s.maxGenerations, evaluations: s.maxEvaluations },
    constraints: s.constraints,
    penalties: s.penalties,
    workers: s.workers,
    ...(s.npop !== null ? { npop: s.npop } : {}),
    ...(bounds ? { bounds } : {}),
    ...(x0 ? { x0 } : {}),
    ...(restartPoints ? { restartPoints } : {}),
  };
}

/**
 * The setup a state was made with. Bounds and x0 stay "as the module says": the restored run keeps its own
 * ranges, and a new Solve starts from the module's.
 */
function setupFromState(state: SolverState, s: StudioState): Partial<SetupFields> {
  const { settings } = state;
  return {
    solverId: state.solver.id,
    optionsBySolver: { ...s.optionsBySolver, [state.solver.id]: state.solver.options },
    seed: settings.seed,
    npop: state.solver.npop,
    termination: settings.termination ?? '',
    maxGenerations: settings.limitsExplicit.generations ? settings.limits.generations : null,
    maxEvaluations: settings.limitsExplicit.evaluations ? settings.limits.evaluations : null,
    bounds: '',
    x0: '',
    constraints: state.problem?.constraints ?? '',
    penalties: state.problem?.penalties ?? '',
  };
}

// ----- diagnostics and names ------------------------------------------------------------------------------

/** An error at a line of the problem source becomes an editor marker. */
function showDiagnostic(error: RunError): void {
  if (error.line === undefined) return;
  store().setDiagnostics([
    {
      severity: 'error',
      message: error.message,
      line: error.line,
      column: error.column ?? 1,
      source: error.kind === 'objective' ? 'run' : 'compile',
    },
  ]);
}

function clearRunDiagnostics(): void {
  if (store().diagnostics.length > 0) store().setDiagnostics([]);
}

function baseName(): string {
  return store().fileName.replace(/\.[^.]*$/, '') || 'problem';
}

function summarize(record: AutosaveRecord): AutosaveSummary {
  const { saved, offsets } = record;
  return {
    savedAt: record.savedAt,
    problemName: saved.summary.problemName ?? 'problem',
    solverId: saved.summary.solverId,
    generation: savedGeneration(saved, offsets),
    bestCost: decodeNumber(saved.summary.bestEnergy),
  };
}
