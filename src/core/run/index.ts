/**
 * Runs: what drives a solver for the studio (pause, step, resume, reconfigure, continue with another solver,
 * snapshots for plots, checkpoints for recovery), and the pure helpers around it. The studio's run worker
 * (src/pool/run) hosts a RunController; tests drive one directly.
 */
export { NO_RUN_FIGURES, RunController, thinnedRange, type RunControllerOptions, type RunHost } from './controller';
export { sourceLocation, toRunError } from './errors';
export { DEFAULT_FILE_NAME, applyRunChanges, createRunSolver, expandBounds, prepareProblem, restoreRunSolver, seedFromPoints } from './problem';
export { formatRunLog } from './runLog';
export { formatBoundsText, parseBoundsText, parseVectorText } from './setupText';
export { checkStateText, type StateCheck } from './stateCheck';
export type * from './types';
