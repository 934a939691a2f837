import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import {
  OptionError,
  ParseError,
  SibylError,
  StateError,
  bestLoggedPoints,
  compileProblem,
  createSolver,
  getSolverMeta,
  loadSolver,
  parseLog,
  parseSolverState,
  problemConstraints,
  problemPenalty,
  stopInfo,
  type BaseSolver,
  type Bounds,
  type BoundsMode,
  type OptionSpec,
  type ProblemDefinition,
  type ProblemRecord,
  type SolverMeta,
} from '../core';
import { UsageError, type SolveArgs } from './args';
import { checkWritableFolder, readUserFile, writeFileAtomic } from './files';
import { exitCodes, type CliIO } from './io';
import { LogFile } from './logFile';
import { openHostsRunPool } from './hosts';
import { openRunPool } from './pool';
import { Progress } from './progress';
import { formatResultJson, formatSummary, nanWarning, type RunOutcome } from './report';

/** The solver used when --solver is not given: mystic's flagship. */
const DEFAULT_SOLVER = 'de';
/** How often the run yields to the event loop, so Ctrl-C is noticed between generations. */
const YIELD_INTERVAL_MS = 50;

interface PreparedRun {
  readonly solver: BaseSolver;
  readonly problem: ProblemDefinition;
  /** The problem file, as messages name it. */
  readonly fileName: string;
  /** The state file a resumed run came from, as the user wrote it. */
  readonly resumedFrom?: string;
}

/** `sibyl solve`: build or restore the solver, run it to termination, save, log and report. */
export async function solveCommand(args: SolveArgs, io: CliIO): Promise<number> {
  checkCombinations(args);
  const at = (path: string) => resolve(io.cwd, path);
  const run = args.resume ? await resumeRun(args, args.resume, at) : await startRun(args, at);
  const { solver } = run;
  applySettings(solver, args, run.resumedFrom !== undefined);
  applyProblemRules(solver, args, run);

  if (args.save !== undefined) await checkWritableFolder(at(args.save), args.save);
  const recorded = solver.generationsRecorded;
  const startGeneration = recorded === 0 ? -1 : solver.generations;
  const progress = new Progress(
    {
      verbose: args.verbose,
      lines: args.json ? io.stderr : io.stdout,
      ...(io.isTTY ? { bar: io.stderr } : {}),
      columns: io.columns ?? 80,
      now: () => performance.now(),
    },
    startGeneration,
  );
  const logNote = run.resumedFrom !== undefined ? { resumedFrom: run.resumedFrom } : { header: logHeader(solver, run.problem) };
  const log = args.log ? LogFile.open(at(args.log), args.log, recorded, logNote) : undefined;
  const save = async () => {
    if (args.save === undefined) return;
    await writeFileAtomic(at(args.save), `${JSON.stringify(solver.saveState())}\n`, args.save);
    log?.info(`DUMPED("${args.save}")`);
  };

  const hosts = args.hosts;
  const evaluation = hosts !== undefined ? await openHostsRunPool({ ...args, hosts }, solver.meta, io) : openRunPool(solver.meta, args.workers, args.dispatch, io.workerEntry);
  if (evaluation.pool) solver.setPool(evaluation.pool);
  const tell = (line: string | undefined) => {
    if (line !== undefined && args.verbose > 0) progress.print(`${line}\n`);
  };
  tell(evaluation.plan);

  let ended: { message: string; elapsedMs: number };
  let failed = true;
  try {
    if (log) solver.setGenerationMonitor(log, { replay: false });
    ended = await stepToTermination(solver, progress, io.signal, async () => {
      tell(evaluation.decided());
      if (args.saveEvery !== undefined && solver.generations % args.saveEvery === 0) await save();
    });
    tell(evaluation.decided());
    tell(evaluation.summary?.());
    await save();
    log?.info(stopInfo(ended.message));
    failed = false;
  } finally {
    log?.close();
    // Workers keep the process alive: end them however the run ended (after a failure, without waiting).
    await evaluation.end(failed ? 'terminate' : 'close');
  }
  const { message, elapsedMs } = ended;

  if (run.resumedFrom !== undefined && solver.generations === startGeneration) {
    io.stderr.write(
      `The run saved in '${run.resumedFrom}' had already stopped (${message}); ` +
        'give --termination, --max-generations or --max-evaluations to continue it.\n',
    );
  }
  const saved = args.save !== undefined ? { saved: args.save } : {};
  const outcome: RunOutcome = { solver, message, elapsedMs, ...saved };
  io.stdout.write(args.json ? formatResultJson(outcome, run.problem.name) : formatSummary(outcome));
  const warning = nanWarning(solver.nanEvaluations);
  if (warning) io.stderr.write(warning);
  return io.signal?.aborted ? exitCodes.interrupted : exitCodes.ok;
}

/**
 * Step until a termination message, reporting after every generation. Between generations the loop yields
 * to the event loop now and then, since a synchronous objective resolves every step in microtasks and would
 * otherwise keep Ctrl-C from ever being seen; an abort asks the solver to stop after the current generation.
 */
async function stepToTermination(
  solver: BaseSolver,
  progress: Progress,
  signal: AbortSignal | undefined,
  afterGeneration: () => Promise<void>,
): Promise<{ message: string; elapsedMs: number }> {
  const interrupt = () => solver.interrupt();
  if (signal?.aborted) interrupt();
  signal?.addEventListener('abort', interrupt);
  const started = performance.now();
  let lastYield = started;
  try {
    for (;;) {
      const message = await solver.step();
      progress.update(solver);
      if (message !== undefined) return { message, elapsedMs: performance.now() - started };
      await afterGeneration();
      if (performance.now() - lastYield >= YIELD_INTERVAL_MS) {
        await nextMacrotask();
        lastYield = performance.now();
      }
    }
  } finally {
    signal?.removeEventListener('abort', interrupt);
    progress.erase();
  }
}

function checkCombinations(args: SolveArgs): void {
  if (args.resume === undefined && args.problem === undefined) {
    throw new UsageError('solve needs a PROBLEM file, or --resume STATE (see sibyl --help).');
  }
  if (args.saveEvery !== undefined && args.save === undefined) {
    throw new OptionError('save-every', '--save-every needs --save FILE to know where to save.');
  }
  if (args.resume !== undefined && args.restartFromLog !== undefined) {
    throw new OptionError('restart-from-log', '--restart-from-log starts a new run, so it cannot go with --resume.');
  }
  if (args.resume !== undefined && args.x0 !== undefined) {
    throw new OptionError('x0', '--x0 sets the start of a new run; a resumed run continues from its population.');
  }
  if (args.restartFromLog !== undefined && args.x0 !== undefined) {
    throw new OptionError('x0', '--x0 and --restart-from-log both set the initial point; give one of them.');
  }
}

// ----- a new run ------------------------------------------------------------------------------------------

async function startRun(args: SolveArgs, at: (path: string) => string): Promise<PreparedRun> {
  const file = args.problem as string;
  const source = await readUserFile(at(file), file, 'problem file');
  const problem = compileProblem(source, file);
  const id = args.solver ?? DEFAULT_SOLVER;
  const meta = getSolverMeta(id);
  const solver = createSolver(id, {
    dim: problem.dim,
    seed: args.seed ?? randomInt(2 ** 31),
    objective: problem.objective,
    options: solverOptions(meta, args.options),
    ...(args.npop !== undefined ? { npop: args.npop } : {}),
  });
  solver.problem = { source, name: problem.name };

  const bounds = args.bounds ? flagBounds(args.bounds, problem.dim) : problem.bounds;
  const lo = bounds?.map(([min]) => min);
  const hi = bounds?.map(([, max]) => max);
  if (lo && hi) solver.setStrictRanges(lo, hi, boundsMode(args.tight));
  else if (args.tight) throw noBoxToTighten(args.tight);
  const x0 = args.x0 ?? problem.x0;
  if (args.x0 && args.x0.length !== problem.dim) {
    throw new OptionError('x0', `--x0 has ${args.x0.length} numbers but the problem has dim ${problem.dim}.`);
  }
  if (args.restartFromLog !== undefined) await seedFromLog(solver, args.restartFromLog, at);
  else if (x0) solver.setInitialPoints(x0);
  else if (lo && hi) solver.setRandomInitialPoints(lo, hi);
  return { solver, problem, fileName: file };
}

/** --tight and --resample: mystic's tight=True (clip at the bound) and clip=False (draw again inside the box). */
function boundsMode(tight: SolveArgs['tight']): BoundsMode {
  return tight === undefined ? {} : { tight: true, clip: tight === 'clip' };
}

function noBoxToTighten(tight: 'clip' | 'resample'): OptionError {
  const flag = tight === 'clip' ? 'tight' : 'resample';
  return new OptionError(flag, `--${flag} applies the bounds together with the constraints, but the run has no bounds; give --bounds.`);
}

/** --bounds: one pair per dimension, or one pair for all of them. */
function flagBounds(bounds: Bounds, dim: number): Bounds {
  const [only] = bounds;
  if (only && bounds.length === 1) return Array.from({ length: dim }, () => [only[0], only[1]] as [number, number]);
  if (bounds.length !== dim) {
    throw new OptionError('bounds', `--bounds has ${bounds.length} pairs but the problem has dim ${dim}.`);
  }
  return bounds;
}

/**
 * --restart-from-log: mystic's restart from a results file. The best logged point becomes x0
 * (`setInitialPoints`, so the rest of a population is drawn within ±5% of it); a population solver also
 * gets the next best distinct logged points as members 1, 2, …, which keeps what the old run learnt.
 */
async function seedFromLog(solver: BaseSolver, file: string, at: (path: string) => string): Promise<void> {
  const log = parseLog(await readUserFile(at(file), file, 'log file'), file);
  const best = bestLoggedPoints(log, solver.meta.usesPopulation ? solver.npop : 1);
  const first = best[0];
  if (!first) throw new SibylError(`The log file '${file}' has no record with a finite cost to restart from.`);
  if (first.x.length !== solver.dim) {
    const found = `records ${first.x.length} parameters but the problem has dim ${solver.dim}`;
    throw new OptionError('restart-from-log', `The log file '${file}' ${found}.`);
  }
  solver.setInitialPoints(first.x);
  for (let k = 1; k < best.length; k++) solver.population[k] = (best[k] as { x: number[] }).x;
}

// ----- a resumed run --------------------------------------------------------------------------------------

async function resumeRun(args: SolveArgs, file: string, at: (path: string) => string): Promise<PreparedRun> {
  const text = await readUserFile(at(file), file, 'state file');
  const state = inStateFile(file, () => parseSolverState(text));
  const saved = state.solver;
  const mismatch = (flag: string, given: unknown, kept: unknown) => {
    if (given !== undefined && given !== kept) {
      const why = `a resumed run keeps its ${flag}`;
      throw new OptionError(flag, `--${flag} ${String(given)} differs from the saved run's ${String(kept)}; ${why}.`);
    }
  };
  mismatch('solver', args.solver, saved.id);
  mismatch('npop', args.npop, saved.npop);
  mismatch('seed', args.seed, state.settings.seed);

  let source = state.problem?.source;
  let fileName = `${file}#problem`;
  if (args.problem !== undefined) {
    const given = await readUserFile(at(args.problem), args.problem, 'problem file');
    if (source !== undefined && given !== source && !args.force) {
      throw new SibylError(
        `The problem in '${args.problem}' differs from the one saved in '${file}'; ` +
          'give --force to continue the saved run with it.',
      );
    }
    source = given;
    fileName = args.problem;
  }
  if (source === undefined) {
    throw new StateError('problem', `'${file}' holds no problem source; give the PROBLEM file as well.`);
  }
  const problem = compileProblem(source, fileName);
  if (problem.dim !== saved.dim) {
    const found = `The problem has dim ${problem.dim} but the run saved in '${file}' has dim ${saved.dim}`;
    throw new StateError('solver.dim', `${found}.`);
  }
  const solver = inStateFile(file, () => loadSolver(state, { objective: problem.objective }));
  if (source !== state.problem?.source) solver.problem = { ...(state.problem ?? {}), source, name: problem.name };
  return { solver, problem, fileName, resumedFrom: file };
}

/** Run `read`, saying which file a StateError is about. */
function inStateFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof StateError) throw new StateError(error.field, `${file}: ${error.message}`);
    throw error;
  }
}

// ----- settings shared by new and resumed runs -------------------------------------------------------------

/**
 * Flags that change the solver. For a resumed run they override the saved settings, as mystic's
 * reconfigure-and-continue does. Limits: a limit the saved run had reached is lifted back to mystic's
 * default (counted from the start of the run), so `--resume` continues past where the run stopped and a
 * split run ends where an uninterrupted one would; --max-generations and --max-evaluations given with
 * --resume count from the saved run's current counts (mystic's `SetEvaluationLimits(new=True)`); any other
 * limit keeps its saved value.
 */
function applySettings(solver: BaseSolver, args: SolveArgs, resumed: boolean): void {
  if (resumed) {
    if (Object.keys(args.options).length > 0) solver.setOptions(solverOptions(solver.meta, args.options));
    if (args.bounds || args.tight) resumedBounds(solver, args);
    const reached = solver.limits;
    if (solver.generations >= reached.generations) solver.setEvaluationLimits({ generations: null });
    if (solver.evaluations >= reached.evaluations) solver.setEvaluationLimits({ evaluations: null });
  }
  if (args.termination !== undefined) {
    const text = args.termination;
    try {
      solver.setTermination(text);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      throw new ParseError(`--termination "${text}": ${error.message}`, error.line, error.column);
    }
  }
  const limits: { generations?: number; evaluations?: number } = {};
  const { maxGenerations, maxEvaluations } = args;
  if (maxGenerations !== undefined) limits.generations = maxGenerations + (resumed ? solver.generations : 0);
  if (maxEvaluations !== undefined) limits.evaluations = maxEvaluations + (resumed ? solver.evaluations : 0);
  if (Object.keys(limits).length > 0) solver.setEvaluationLimits(limits);
}

/**
 * --bounds, --tight or --resample with --resume: new bounds keep the saved run's mode (strict, tight or
 * resampling) unless --tight or --resample is given, which applies to the new bounds or else the saved ones.
 */
function resumedBounds(solver: BaseSolver, args: SolveArgs): void {
  const saved = solver.strictRanges;
  const bounds = args.bounds ? flagBounds(args.bounds, solver.dim) : undefined;
  const min = bounds?.map(([lo]) => lo) ?? saved?.min;
  const max = bounds?.map(([, hi]) => hi) ?? saved?.max;
  if (!min || !max) throw noBoxToTighten(args.tight as 'clip' | 'resample');
  solver.setStrictRanges(min, max, args.tight ? boundsMode(args.tight) : (saved ?? {}));
}

/**
 * The run's constraints and penalties. Text from --constraints and --penalties replaces the module's own
 * (text or function) and is kept in the state's problem record, so a resumed run builds the same
 * constraints again; with --resume, the flags replace the saved text, and blank text removes it.
 */
function applyProblemRules(solver: BaseSolver, args: SolveArgs, run: PreparedRun): void {
  const record: ProblemRecord = { ...(solver.problem ?? { source: '' }) };
  for (const key of ['constraints', 'penalties'] as const) {
    const given = args[key];
    if (given === undefined) continue;
    if (given.trim() === '') delete record[key];
    else record[key] = given;
  }
  solver.problem = record;
  const where = (key: 'constraints' | 'penalties') =>
    args[key] !== undefined ? `--${key}` : `${run.resumedFrom ?? run.fileName}: ${key}`;
  const { dim } = solver;
  solver.setConstraints(
    record.constraints !== undefined
      ? problemConstraints(record.constraints, dim, where('constraints'))
      : problemConstraints(run.problem.constraints, dim, `${run.fileName}: constraints`),
  );
  solver.setPenalty(
    record.penalties !== undefined
      ? problemPenalty(record.penalties, dim, where('penalties'))
      : problemPenalty(run.problem.penalties, dim, `${run.fileName}: penalties`),
  );
}

/** Option text from flags, typed by the solver's option specs; what does not convert is left for validation to reject. */
function solverOptions(meta: SolverMeta, given: Readonly<Record<string, string>>): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(given)) {
    const spec = meta.optionSpecs.find((s) => s.name === name);
    typed[name] = spec ? convertOption(spec, text) : text;
  }
  return typed;
}

function convertOption(spec: OptionSpec, text: string): unknown {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const value = Number(text);
      return text.trim() === '' || Number.isNaN(value) ? text : value;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'choice':
      return text;
  }
}

function logHeader(solver: BaseSolver, problem: ProblemDefinition): string {
  return `sibyl solve: ${problem.name}, solver ${solver.id}, seed ${solver.seed}`;
}
