import type { StateCreator } from 'zustand';
import type { StudioState } from './index';

export type Theme = 'light' | 'dark';

/** What an autosaved run looks like in the offer to restore it. */
export interface AutosaveSummary {
  readonly savedAt: string;
  readonly problemName: string;
  readonly solverId: string;
  readonly generation: number;
  readonly bestCost: number;
}

export interface UiSlice {
  readonly theme: Theme;
  /** An autosaved run found at start-up, offered for restoring; undefined once taken or dismissed. */
  readonly autosaveOffer: AutosaveSummary | undefined;
  /** What was wrong with the last state file the user tried to import (empty: nothing). */
  readonly importProblems: readonly string[];
  /** A passing note for the user (a file was restored, a log was read). */
  readonly notice: string;
  setTheme(theme: Theme): void;
  setAutosaveOffer(offer: AutosaveSummary | undefined): void;
  setImportProblems(problems: readonly string[]): void;
  setNotice(notice: string): void;
}

function preferredTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createUiSlice: StateCreator<StudioState, [], [], UiSlice> = (set) => ({
  theme: preferredTheme(),
  autosaveOffer: undefined,
  importProblems: [],
  notice: '',
  setTheme: (theme) => set({ theme }),
  setAutosaveOffer: (autosaveOffer) => set({ autosaveOffer }),
  setImportProblems: (importProblems) => set({ importProblems }),
  setNotice: (notice) => set({ notice }),
});
