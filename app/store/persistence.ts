import type { StudioState } from './index';

/** The store's data keys (actions are never stored). */
type DataKey = { [K in keyof StudioState]: StudioState[K] extends (...args: never[]) => unknown ? never : K }[keyof StudioState];

/**
 * Which keys survive a reload (localStorage), decided per key so a new field must choose. The problem and
 * the setup persist: they are the user's work. The run does not: it lives in the run worker, and the
 * autosave (IndexedDB, autosave.ts) brings it back on request.
 */
export const persistedKeys: Readonly<Record<DataKey, boolean>> = {
  source: true,
  fileName: true,
  diagnostics: false,
  moduleInfo: false,
  moduleChecking: false,
  checkedSource: false,
  setupErrors: false,
  solverId: true,
  optionsBySolver: true,
  termination: true,
  maxGenerations: true,
  maxEvaluations: true,
  bounds: true,
  x0: true,
  constraints: true,
  penalties: true,
  seed: true,
  npop: true,
  workers: true,
  watchdogSeconds: true,
  runId: false,
  status: false,
  runSolverId: false,
  starting: false,
  generation: false,
  evaluations: false,
  bestCost: false,
  bestRawCost: false,
  bestX: false,
  message: false,
  limits: false,
  progress: false,
  evaluationsPerSecond: false,
  elapsedMs: false,
  nanEvaluations: false,
  error: false,
  series: false,
  population: false,
  members: false,
  theme: true,
  autosaveOffer: false,
  autosaved: false,
  importProblems: false,
  notice: false,
  hosts: false,
  relayState: false,
  relayNotice: false,
  hostFigures: false,
  waitingForHosts: false,
  remoteOnly: true,
  localWorkerCap: true,
};

/** The part of the state written to storage. */
export function persistedPart(state: StudioState): Partial<StudioState> {
  const part: Record<string, unknown> = {};
  for (const [key, keep] of Object.entries(persistedKeys)) if (keep) part[key] = state[key as DataKey];
  return part as Partial<StudioState>;
}
