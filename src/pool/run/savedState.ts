import type { RunSnapshot, SolverState } from '../../core/index';

/**
 * A run's state on its way from the run worker to the studio: the JSON text of the state file (what the
 * studio exports and `sibyl solve --save` writes), as UTF-8 bytes whose buffer is transferred, not copied.
 * A state holds the run's whole history, tens of megabytes after a million generations; structured-cloning
 * that object costs the receiving thread as much as the sending one, seconds, and the receiving thread is
 * the page's main thread, which must stay free to draw and to answer Pause. The studio keeps the bytes as
 * they are (autosave, recovery) and parses them only when the user asks for something that needs it.
 */
export interface SavedState {
  /** UTF-8 JSON of the SolverState. */
  readonly bytes: Uint8Array;
  /** What the studio shows about the state without parsing it. */
  readonly summary: SavedStateSummary;
}

export interface SavedStateSummary {
  readonly solverId: string;
  readonly problemName: string | undefined;
  /** Generations in the state's history (generation 0 included). */
  readonly historyLength: number;
  /** The best energy, as the state file writes it (non-finite numbers are strings). */
  readonly bestEnergy: SolverState['best']['energy'];
}

/** A snapshot as the studio receives it: the state, when one comes along, saved as bytes. */
export type StudioSnapshot = Omit<RunSnapshot, 'state'> & { readonly saved?: SavedState };

export function encodeState(state: SolverState): SavedState {
  return {
    bytes: new TextEncoder().encode(JSON.stringify(state)),
    summary: { solverId: state.solver.id, problemName: state.problem?.name, historyLength: state.history.y.length, bestEnergy: state.best.energy },
  };
}

/** The state again; the bytes came from `encodeState`, so they are a valid state. */
export function decodeState(saved: SavedState): SolverState {
  return JSON.parse(new TextDecoder().decode(saved.bytes)) as SolverState;
}

/** The snapshot for the studio, and the buffer to transfer with it (if it carries a state). */
export function toStudioSnapshot(snapshot: RunSnapshot): { snapshot: StudioSnapshot; transfer: ArrayBuffer[] } {
  const { state, ...rest } = snapshot;
  if (!state) return { snapshot: rest, transfer: [] };
  const saved = encodeState(state);
  return { snapshot: { ...rest, saved }, transfer: [saved.bytes.buffer as ArrayBuffer] };
}
