import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createHostsSlice, type HostsSlice } from './hostsSlice';
import { createProblemSlice, type ProblemSlice } from './problemSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createSetupSlice, type SetupSlice } from './setupSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { persistedPart } from './persistence';

export type StudioState = ProblemSlice & SetupSlice & RunSlice & UiSlice & HostsSlice;

/** Bumped when persisted fields change meaning; older stored settings are then dropped. */
const STORAGE_VERSION = 1;

/**
 * The studio's one store, built from typed slices; middleware is applied here only. Components read it with
 * narrow selectors (selectors.ts, `useShallow` for derived objects); effects (the run worker, files, the
 * autosave) live in runActions.ts, never in the store.
 */
export const useStudioStore = create<StudioState>()(
  persist(
    (...a) => ({
      ...createProblemSlice(...a),
      ...createSetupSlice(...a),
      ...createRunSlice(...a),
      ...createUiSlice(...a),
      ...createHostsSlice(...a),
    }),
    {
      name: 'sibyl.studio',
      version: STORAGE_VERSION,
      storage: createJSONStorage(() => localStorage),
      partialize: persistedPart,
    },
  ),
);

export { useShallow } from 'zustand/react/shallow';
export * from './selectors';
export type { Diagnostic } from './problemSlice';
export type { RunSeries, MemberSeries } from './series';
export type { Series } from './decimate';
export type { AutosaveSummary, Theme } from './uiSlice';
export type { RelayConnection } from './hostsSlice';
