/** The studio's run worker: start it with createRunWorker(); its commands and snapshots are src/core/run's. */
export { createRunWorker, RunWorkerEnded, type RunWorker, type RunWorkerEndpoint, type RunWorkerHandlers } from './runClient';
export type { RunCommands } from './runWorkerApi';
export type { ObjectiveGrid, ObjectiveGridRequest } from './objectiveGrid';
export type { HostPlan, HostsReport } from './runHosts';
export { pageDraws, type PageDraws } from './pageDraws';
export { decodeState, encodeState, type SavedState, type SavedStateSummary, type StudioSnapshot } from './savedState';
