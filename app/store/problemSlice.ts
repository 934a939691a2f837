import type { StateCreator } from 'zustand';
import type { Bounds } from '../../src/core/index';
import type { StudioState } from './index';

/** A message about a place in the problem source: the editor marks it (Monaco markers). */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Who found it: compiling the module, or running it (the objective threw there). */
  readonly source: 'compile' | 'run';
}

export const DEFAULT_FILE_NAME = 'problem.ts';

/** The problem the studio opens with: mystic's classic, the 3-D Rosenbrock valley. */
export const DEFAULT_SOURCE = `import { rosen } from 'sibyl/models';

// The Rosenbrock valley: its minimum is 0 at x = [1, 1, 1].
export default {
  name: 'Rosenbrock 3-D',
  dim: 3,
  bounds: [[-2, 2], [-2, 2], [-2, 2]],
  objective: (x: number[]) => rosen(x),
};
`;

/** How a module states its constraints or penalties: not at all, as symbolic text, or as a function. */
export type RuleSource = { readonly kind: 'none' } | { readonly kind: 'function' } | { readonly kind: 'text'; readonly text: string };

/** What loading the module told about its default export (plain data; the module is loaded off the main thread). */
export interface ModuleInfo {
  readonly name: string;
  readonly dim: number;
  readonly bounds?: Bounds;
  readonly x0?: number[];
  readonly constraints: RuleSource;
  readonly penalties: RuleSource;
}

export interface ProblemSlice {
  /** The problem module's source, as in the editor. */
  readonly source: string;
  /** The name the source is shown and saved under. */
  readonly fileName: string;
  readonly diagnostics: readonly Diagnostic[];
  /** The module as last loaded without error (kept while the source has errors); undefined until then. */
  readonly moduleInfo: ModuleInfo | undefined;
  /** True while the current source is being loaded and checked: Solve waits for it. */
  readonly moduleChecking: boolean;
  /** The source the last finished check loaded (undefined before the first): the check is current when it is `source`. */
  readonly checkedSource: string | undefined;
  setSource(source: string): void;
  setFileName(fileName: string): void;
  setDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Record the outcome of loading the module: its info when it loaded, and whether a check is under way. */
  setModuleCheck(check: { readonly moduleInfo?: ModuleInfo; readonly checking: boolean; readonly source?: string }): void;
}

export const createProblemSlice: StateCreator<StudioState, [], [], ProblemSlice> = (set) => ({
  source: DEFAULT_SOURCE,
  fileName: DEFAULT_FILE_NAME,
  diagnostics: [],
  setSource: (source) => set({ source }),
  setFileName: (fileName) => set({ fileName }),
  setDiagnostics: (diagnostics) => set({ diagnostics }),
  moduleInfo: undefined,
  moduleChecking: false,
  checkedSource: undefined,
  setModuleCheck: ({ moduleInfo, checking, source }) =>
    set({ moduleChecking: checking, ...(moduleInfo ? { moduleInfo } : {}), ...(source !== undefined ? { checkedSource: source } : {}) }),
});
