/**
 * The problem editor panel (test id `editor`). Monaco loads lazily, so the first screen does not wait for
 * it; meanwhile, and after, the module is loaded in a worker as you type, which gives the setup its
 * dimension and bounds and gives Solve its go-ahead. Errors become the store's compile diagnostics, which
 * `selectSolveBlocker` turns into the reason Solve is disabled.
 */
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { Panel } from '../../components/Panel';
import { useShallow, useStudioStore, type Diagnostic } from '../../store/index';
import { solveFromShortcut } from '../../store/runActions';
import { blockingReason, sortErrors, type SourceError } from './diagnostics';
import { ModuleInspector, type ModuleError } from './inspection';
import './editor.css';

const ProblemEditor = lazy(() => import('./ProblemEditor'));

/** Quiet time after a keystroke before the module is loaded again. */
const INSPECT_DELAY_MS = 250;

function sameErrors(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return a.length === b.length && a.every((d, i) => d.message === b[i]?.message && d.line === b[i]?.line && d.column === b[i]?.column && d.source === b[i]?.source && d.severity === b[i]?.severity);
}

/** Loads the module whenever the source settles, and records what it gave in the store. */
function useModuleCheck(source: string): ModuleError | undefined {
  const setModuleCheck = useStudioStore((s) => s.setModuleCheck);
  const [moduleError, setModuleError] = useState<ModuleError | undefined>(undefined);
  const inspector = useMemo(() => new ModuleInspector(), []);
  useEffect(() => () => inspector.dispose(), [inspector]);
  useEffect(() => {
    setModuleCheck({ checking: true });
    let current = true;
    const timer = setTimeout(() => {
      void inspector.inspect(source).then((result) => {
        if (!current || !result) return;
        setModuleError(result.ok ? undefined : result.error);
        setModuleCheck(result.ok ? { moduleInfo: result.module, checking: false, source } : { checking: false, source });
      });
    }, INSPECT_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [source, inspector, setModuleCheck]);
  return moduleError;
}

export default function EditorPanel() {
  const { source, setSource, theme, diagnostics, setDiagnostics, checking } = useStudioStore(
    useShallow((s) => ({
      source: s.source,
      setSource: s.setSource,
      theme: s.theme,
      diagnostics: s.diagnostics,
      setDiagnostics: s.setDiagnostics,
      checking: s.moduleChecking,
    })),
  );
  const moduleError = useModuleCheck(source);
  /** Every error marker once Monaco has reported; before that, only the loader's error is known. */
  const [editorErrors, setEditorErrors] = useState<SourceError[] | undefined>(undefined);

  const compileErrors = useMemo(() => {
    if (editorErrors) return sortErrors(editorErrors);
    return moduleError ? [{ line: moduleError.line ?? 1, column: moduleError.column ?? 1, message: moduleError.message, fromLoader: true }] : [];
  }, [editorErrors, moduleError]);

  const runDiagnostics = useMemo(() => diagnostics.filter((d) => d.source === 'run'), [diagnostics]);

  useEffect(() => {
    const next: Diagnostic[] = [
      ...runDiagnostics,
      ...compileErrors.map(({ line, column, message }): Diagnostic => ({ severity: 'error', source: 'compile', line, column, message })),
    ];
    if (!sameErrors(next, useStudioStore.getState().diagnostics)) setDiagnostics(next);
  }, [compileErrors, runDiagnostics, setDiagnostics]);

  const reason = blockingReason(compileErrors);
  return (
    <Panel title="Problem module" area="editor" testId="editor">
      <div className="editor-monaco">
        <Suspense fallback={<pre className="editor-fallback" aria-busy="true">{source}</pre>}>
          <ProblemEditor
            source={source}
            onChange={setSource}
            moduleError={moduleError}
            runDiagnostics={runDiagnostics}
            onErrors={setEditorErrors}
            onSolve={solveFromShortcut}
            dark={theme === 'dark'}
          />
        </Suspense>
      </div>
      <p className={reason ? 'editor-status editor-status-error' : 'editor-status'} data-testid="editor.status" role="status">
        {reason || (checking ? 'Checking the module…' : 'The module loads and type-checks.')}
      </p>
      <p className="editor-hint">Ctrl+M, then Tab, moves the focus out of the editor.</p>
    </Panel>
  );
}
