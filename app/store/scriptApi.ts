import { useStudioStore, type StudioState } from './index';
import { pageDraws } from '../../src/pool/run/index';
import { moduleChecked } from './runActions';

/**
 * `window.__studio`: a small hook for end-to-end tests and people's scripts, beside the test ids. It reads
 * the studio's state and sets the problem source (an editor widget is awkward to type into from a script).
 */
export interface StudioScriptApi {
  /** The whole store state, a snapshot (read-only by convention). */
  getState(): StudioState;
  /** Replace the problem module's source, as if typed into the editor; resolves once it has been checked. */
  setSource(source: string): Promise<void>;
  /** What the runs' giving way to slow plot redraws has cost them (src/pool/run/pageDraws.ts); zeros without shared memory. */
  givenWay(): { readonly sleeps: number; readonly sleptMs: number };
}

declare global {
  interface Window {
    __studio?: StudioScriptApi;
  }
}

export function installScriptApi(target: Window): void {
  target.__studio = {
    getState: () => useStudioStore.getState(),
    setSource: (source) => {
      useStudioStore.getState().setSource(source);
      return moduleChecked();
    },
    givenWay: () => pageDraws()?.givenWay() ?? { sleeps: 0, sleptMs: 0 },
  };
}
