import { defaultOptions, getSolverMeta, type OptionValue, type SolverId, type SolverMeta } from '../../src/core/index';
import type { StudioState } from './index';

/**
 * Selectors shared by features. Ones that build a new object must be used with `useShallow`, or React
 * re-renders on every store change.
 */

export const selectStatus = (s: StudioState) => s.status;

/** Whether a run exists that Resume, Step or export can act on. */
export const selectHasRun = (s: StudioState) => s.runSolverId !== undefined;

export const selectIsRunning = (s: StudioState) => s.status === 'running';

/** The meta of the solver chosen in the setup. */
export const selectSolverMeta = (s: StudioState): SolverMeta => getSolverMeta(s.solverId);

/** Every option of a solver: the user's values over the defaults. Use with `useShallow`. */
export function optionsFor(s: Pick<StudioState, 'optionsBySolver'>, solverId: SolverId): Record<string, OptionValue> {
  return { ...defaultOptions(getSolverMeta(solverId).optionSpecs), ...s.optionsBySolver[solverId] };
}

/** The options of the solver chosen in the setup. Use with `useShallow`. */
export const selectOptions = (s: StudioState) => optionsFor(s, s.solverId);

/** Whether Resume would continue the run with another solver (the setup's differs from the run's). */
export const selectSwitchesSolver = (s: StudioState) => s.runSolverId !== undefined && s.runSolverId !== s.solverId;
