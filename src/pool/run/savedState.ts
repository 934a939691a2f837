import { generationsRecorded, type RunSnapshot, type SolverState } from '../../core/index';

/**
 * A run's state on its way from the run worker to the studio: the JSON text of the state file (what the
 * studio exports and `sibyl solve --save` writes), in a Blob. A state holds the run's whole history, tens of
 * megabytes after a million generations; structured-cloning that object costs the receiving thread as much
 * as the sending one, seconds, and the receiving thread is the page's main thread, which must stay free to
 * draw and to answer Pause. A Blob's contents never pass through that thread: it is posted and stored in
 * IndexedDB (the autosave) by reference, where bytes would be copied there again on every autosave. The
 * studio reads the text back only when the user asks for something that needs the state.
 */
export interface SavedState {
  /** The SolverState as JSON text (UTF-8). */
  readonly blob: Blob;
  /** What the studio shows about the state without parsing it. */
  readonly summary: SavedStateSummary;
}

export interface SavedStateSummary {
  readonly solverId: string;
  readonly problemName: string | undefined;
  /** Generations the state's solver recorded, generation 0 included (its history may keep only the last ones). */
  readonly generationsRecorded: number;
  /** The best energy, as the state file writes it (non-finite numbers are strings). */
  readonly bestEnergy: SolverState['best']['energy'];
}

/** A snapshot as the studio receives it: the state, when one comes along, saved as bytes. */
export type StudioSnapshot = Omit<RunSnapshot, 'state'> & { readonly saved?: SavedState };

export function encodeState(state: SolverState): SavedState {
  return {
    blob: new Blob([JSON.stringify(state)], { type: 'application/json' }),
    summary: { solverId: state.solver.id, problemName: state.problem?.name, generationsRecorded: generationsRecorded(state), bestEnergy: state.best.energy },
  };
}

/** The state again; the text came from `encodeState`, so it is a valid state. */
export async function decodeState(saved: SavedState): Promise<SolverState> {
  return JSON.parse(await saved.blob.text()) as SolverState;
}

/** The snapshot for the studio: its state, if it carries one, as a SavedState. */
export function toStudioSnapshot(snapshot: RunSnapshot): StudioSnapshot {
  const { state, ...rest } = snapshot;
  return state ? { ...rest, saved: encodeState(state) } : rest;
}
