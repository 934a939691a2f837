/**
 * What the page's address asks for: `?example=ID` opens a gallery problem, the query parameters solver,
 * seed, npop, termination and workers prefill the setup (so an experiment can be bookmarked), and a share
 * fragment restores a problem with all its settings. A bad parameter is skipped with one sentence saying
 * why; the rest still applies.
 */
import { defaultOptions, errorMessage, getSolverMeta, isSolverId, parseTermination, solverIds, validateOptions, type OptionValue } from '../../../src/core/index';
import type { SetupFields } from '../../store/setupSlice';
import { exampleIds, getExample, isExampleId, type Example } from './examples';
import type { SharedProblem, SharedSettings } from './share';

/** What to put in the store: the problem (source and file name) and setup fields. */
export interface LaunchPlan {
  readonly source?: string;
  readonly fileName?: string;
  readonly setup: Partial<SetupFields>;
  /** One sentence per parameter that was skipped. */
  readonly messages: readonly string[];
}

/** The setup an example opens with: its own settings, everything else back to the solver's defaults. */
export function exampleSetup(example: Example): Partial<SetupFields> {
  const { setup } = example;
  return {
    solverId: isSolverId(setup.solver) ? setup.solver : 'de',
    optionsBySolver: isSolverId(setup.solver) && setup.options ? { [setup.solver]: { ...setup.options } } : {},
    termination: setup.termination,
    seed: setup.seed,
    npop: setup.npop ?? null,
    maxGenerations: setup.maxGenerations ?? null,
    maxEvaluations: null,
    bounds: '',
    x0: '',
    constraints: '',
    penalties: '',
  };
}

function readWholeNumber(text: string, min: number): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isSafeInteger(value) && value >= min ? value : undefined;
}

/** The plan for a query string (`?example=…&seed=…`). */
export function planFromQuery(search: string): LaunchPlan {
  const params = new URLSearchParams(search);
  const messages: string[] = [];
  let setup: Partial<SetupFields> = {};
  let source: string | undefined;
  let fileName: string | undefined;

  const exampleId = params.get('example');
  if (exampleId !== null) {
    if (isExampleId(exampleId)) {
      const example = getExample(exampleId);
      source = example.source;
      fileName = `${example.id}.ts`;
      setup = exampleSetup(example);
    } else {
      messages.push(`There is no example "${exampleId}" (examples: ${exampleIds.join(', ')}); the current problem is kept.`);
    }
  }

  const solver = params.get('solver');
  if (solver !== null) {
    if (isSolverId(solver)) setup = { ...setup, solverId: solver };
    else messages.push(`solver=${solver} is not a solver (solvers: ${solverIds.join(', ')}); the solver is unchanged.`);
  }
  const seed = params.get('seed');
  if (seed !== null) {
    const value = readWholeNumber(seed, 0);
    if (value === undefined) messages.push(`seed=${seed} is not a whole number of 0 or more; the seed is unchanged.`);
    else setup = { ...setup, seed: value };
  }
  const npop = params.get('npop');
  if (npop !== null) {
    const value = readWholeNumber(npop, 1);
    if (value === undefined) messages.push(`npop=${npop} is not a whole number of 1 or more; the population is unchanged.`);
    else setup = { ...setup, npop: value };
  }
  const workers = params.get('workers');
  if (workers !== null) {
    const value = readWholeNumber(workers, 1);
    if (value === undefined) messages.push(`workers=${workers} is not a whole number of 1 or more; the worker count is unchanged.`);
    else setup = { ...setup, workers: value };
  }
  const termination = params.get('termination');
  if (termination !== null) {
    try {
      parseTermination(termination);
      setup = { ...setup, termination: termination.trim() };
    } catch (error) {
      messages.push(`termination=${termination} does not parse (${errorMessage(error)}); the termination is unchanged.`);
    }
  }
  return { ...(source === undefined ? {} : { source }), ...(fileName === undefined ? {} : { fileName }), setup, messages };
}

/** A count held as text in a share link; '' is null. */
function readCount(text: string, min: number): number | null | undefined {
  return text.trim() === '' ? null : readWholeNumber(text, min);
}

/** The plan for a decoded share link. Each bad setting is skipped with a message; the source always applies. */
export function planFromShared(shared: SharedProblem): LaunchPlan {
  const messages: string[] = [];
  const setup: Partial<SetupFields> = {
    termination: shared.termination,
    bounds: shared.bounds,
    x0: shared.x0,
    constraints: shared.constraints,
    penalties: shared.penalties,
  };
  if (isSolverId(shared.solver)) {
    const meta = getSolverMeta(shared.solver);
    setup.solverId = shared.solver;
    try {
      setup.optionsBySolver = { [shared.solver]: validateOptions(meta.label, meta.optionSpecs, shared.options) };
    } catch (error) {
      messages.push(`The link's solver options were skipped: ${errorMessage(error)}`);
      setup.optionsBySolver = { [shared.solver]: defaultOptions(meta.optionSpecs) };
    }
  } else {
    messages.push(`The link names an unknown solver "${shared.solver}"; the solver is unchanged.`);
  }
  const counts = [
    ['seed', shared.seed, 0, false],
    ['npop', shared.npop, 1, true],
    ['workers', shared.workers, 1, false],
    ['maxGenerations', shared.maxGenerations, 1, true],
    ['maxEvaluations', shared.maxEvaluations, 1, true],
  ] as const;
  for (const [field, text, min, optional] of counts) {
    const value = readCount(text, min);
    if (value === undefined || (value === null && !optional)) messages.push(`The link's ${field} "${text}" was skipped: it is not a whole number of ${min} or more.`);
    else Object.assign(setup, { [field]: value });
  }
  const watchdog = Number(shared.watchdogSeconds);
  if (shared.watchdogSeconds.trim() !== '' && Number.isFinite(watchdog) && watchdog >= 0) setup.watchdogSeconds = watchdog;
  else messages.push(`The link's watchdog "${shared.watchdogSeconds}" was skipped: it is not a number of seconds.`);
  return { source: shared.source, setup, messages };
}

/** The settings a share link carries, from the store's setup. */
export function sharedSettings(state: SetupFields): SharedSettings {
  const meta = getSolverMeta(state.solverId);
  const options: Record<string, OptionValue> = { ...defaultOptions(meta.optionSpecs), ...state.optionsBySolver[state.solverId] };
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    solver: state.solverId,
    options,
    termination: state.termination,
    seed: String(state.seed),
    npop: text(state.npop),
    workers: String(state.workers),
    bounds: state.bounds,
    x0: state.x0,
    constraints: state.constraints,
    penalties: state.penalties,
    maxGenerations: text(state.maxGenerations),
    maxEvaluations: text(state.maxEvaluations),
    watchdogSeconds: String(state.watchdogSeconds),
  };
}

/**
 * The query string without the parameters the studio no longer shows (the source was edited away from the
 * example, a setting changed), so that a reload keeps the user's work instead of opening the example again,
 * while the address stays a bookmark of what is on screen.
 */
export function currentQuery(search: string, state: SetupFields & { readonly source: string }): string {
  const params = new URLSearchParams(search);
  const shown: Record<string, (value: string) => boolean> = {
    example: (id) => isExampleId(id) && getExample(id).source === state.source,
    solver: (id) => id === state.solverId,
    seed: (seed) => seed.trim() === String(state.seed),
    npop: (npop) => npop.trim() === String(state.npop),
    workers: (workers) => workers.trim() === String(state.workers),
    termination: (termination) => termination.trim() === state.termination,
  };
  for (const [name, holds] of Object.entries(shown)) {
    const value = params.get(name);
    if (value !== null && !holds(value)) params.delete(name);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
