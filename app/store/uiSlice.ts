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
  /** The current run's last autosave that reached the database: when, and at which generation. */
  readonly autosaved: { readonly savedAt: string; readonly generation: number } | undefined;
  /** What was wrong with the last state file the user tried to import (empty: nothing). */
  readonly importProblems: readonly string[];
  /** A passing note for the user (a file was restored, a log was read). */
  readonly notice: string;
  setTheme(theme: Theme): void;
  setAutosaveOffer(offer: AutosaveSummary | undefined): void;
  setAutosaved(autosaved: UiSlice['autosaved']): void;
  setImportProblems(problems: readonly string[]): void;
  setNotice(notice: string): void;
}

function preferredTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createUiSlice: StateCreator<StudioState, [], [], UiSlice> = (set) => ({
  theme: preferredTheme(),
  autosaveOffer: undefined,
  autosaved: undefined,
  importProblems: [],
  notice: '',
  setTheme: (theme) => set({ theme }),
  setAutosaveOffer: (autosaveOffer) => set({ autosaveOffer }),
  setAutosaved: (autosaved) => set({ autosaved }),
  setImportProblems: (importProblems) => set({ importProblems }),
  setNotice: (notice) => set({ notice }),
});
