/**
 * The Monaco editor of the problem module (loaded lazily: see EditorPanel). It shows three kinds of markers:
 * TypeScript's own (syntax and types, from Monaco's worker), the module loader's (`moduleError`), and the
 * check of the default export against ProblemModule; it reports every error marker through `onErrors`.
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import { applyStudioTheme, monaco, themeName, typescript } from './monaco';
import type { Diagnostic } from '../../store/index';
import type { SourceError } from './diagnostics';
import type { ModuleError } from './inspection';
import { CHECK_URI, PROBLEM_URI, defaultExportRange, describeShapeError, flattenDiagnostic } from './problemModuleType';

export interface ProblemEditorProps {
  readonly source: string;
  readonly onChange: (source: string) => void;
  /** Why the module failed to load, if it did; shown as a marker. */
  readonly moduleError: ModuleError | undefined;
  /** Where the last run's objective failed, shown as markers of their own. */
  readonly runDiagnostics: readonly Diagnostic[];
  /** Every error marker on the module, whenever they change. */
  readonly onErrors: (errors: SourceError[]) => void;
  /** Ctrl+Enter (Cmd+Enter) in the editor: Monaco takes the key before the page's shortcut sees it. */
  readonly onSolve: () => void;
  readonly dark: boolean;
}

const MODULE_OWNER = 'sibyl.module';
const RUN_OWNER = 'sibyl.run';
const SHAPE_OWNER = 'sibyl.shape';
const SHAPE_CHECK_DELAY_MS = 400;

const problemUri = monaco.Uri.parse(PROBLEM_URI);

/** The compile errors on the model: every checker's error markers, not the run's. */
function errorsOf(model: monaco.editor.ITextModel): SourceError[] {
  return monaco.editor
    .getModelMarkers({ resource: model.uri })
    .filter((marker) => marker.severity === monaco.MarkerSeverity.Error && marker.owner !== RUN_OWNER)
    .map((marker) => ({
      line: marker.startLineNumber,
      column: marker.startColumn,
      message: marker.message,
      ...(marker.owner === MODULE_OWNER ? { fromLoader: true } : {}),
    }));
}

/** Checks the default export through the hidden module and marks `export default` with what is wrong. */
async function checkShape(model: monaco.editor.ITextModel): Promise<void> {
  const version = model.getVersionId();
  const client = await (await typescript.getTypeScriptWorker())(monaco.Uri.parse(CHECK_URI), model.uri);
  const diagnostics = await client.getSemanticDiagnostics(CHECK_URI);
  if (model.isDisposed() || model.getVersionId() !== version) return;
  const { line, column, endColumn } = defaultExportRange(model.getValue());
  monaco.editor.setModelMarkers(
    model,
    SHAPE_OWNER,
    diagnostics
      .filter((d) => d.category === 1)
      .map((d) => ({
        severity: monaco.MarkerSeverity.Error,
        message: describeShapeError(flattenDiagnostic(d.messageText)),
        startLineNumber: line,
        startColumn: column,
        endLineNumber: line,
        endColumn,
      })),
  );
}

export default function ProblemEditor({ source, onChange, moduleError, runDiagnostics, onErrors, onSolve, dark }: ProblemEditorProps) {
  const [model, setModel] = useState<monaco.editor.ITextModel | null>(null);
  const onErrorsRef = useRef(onErrors);
  const onSolveRef = useRef(onSolve);
  useEffect(() => {
    onErrorsRef.current = onErrors;
    onSolveRef.current = onSolve;
  });

  const onMount: OnMount = (editor) => {
    const model = editor.getModel();
    if (!model) return;
    setModel(model);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const scheduleShapeCheck = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void checkShape(model).catch(() => undefined), SHAPE_CHECK_DELAY_MS);
    };
    const markers = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((uri) => uri.toString() === model.uri.toString())) onErrorsRef.current(errorsOf(model));
    });
    const content = model.onDidChangeContent(scheduleShapeCheck);
    scheduleShapeCheck();
    // Replaces Monaco's own Ctrl+Enter (insert a line below); also listed in the command palette (F1).
    const solveAction = editor.addAction({
      id: 'sibyl.solve',
      label: 'Solve (start a new run)',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => onSolveRef.current(),
    });
    editor.onDidDispose(() => {
      clearTimeout(timer);
      markers.dispose();
      content.dispose();
      solveAction.dispose();
    });
  };

  useEffect(() => {
    if (!model || model.isDisposed()) return;
    const markers: monaco.editor.IMarkerData[] = [];
    if (moduleError) {
      const fallback = defaultExportRange(model.getValue());
      const line = moduleError.line ?? fallback.line;
      const column = moduleError.column ?? fallback.column;
      markers.push({
        severity: monaco.MarkerSeverity.Error,
        message: moduleError.message,
        startLineNumber: line,
        startColumn: column,
        endLineNumber: line,
        endColumn: moduleError.line === undefined ? fallback.endColumn : model.getLineMaxColumn(Math.min(line, model.getLineCount())),
      });
    }
    monaco.editor.setModelMarkers(model, MODULE_OWNER, markers);
  }, [model, moduleError]);

  useEffect(() => {
    if (!model || model.isDisposed()) return;
    monaco.editor.setModelMarkers(
      model,
      RUN_OWNER,
      runDiagnostics.map((d) => ({
        severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: d.message,
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.line,
        endColumn: model.getLineMaxColumn(Math.min(Math.max(d.line, 1), model.getLineCount())),
      })),
    );
  }, [model, runDiagnostics]);

  useEffect(() => {
    // The page's theme attribute is set by the shell after this renders; read its colours a frame later.
    const frame = requestAnimationFrame(() => applyStudioTheme(dark));
    return () => cancelAnimationFrame(frame);
  }, [dark]);

  return (
    <Editor
      path={problemUri.toString()}
      defaultLanguage="typescript"
      value={source}
      onChange={(value) => onChange(value ?? '')}
      onMount={onMount}
      beforeMount={() => applyStudioTheme(dark)}
      theme={themeName(dark)}
      loading={<p className="editor-loading">Loading the editor…</p>}
      options={{
        minimap: { enabled: false },
        fontSize: 13,
        tabSize: 2,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        fixedOverflowWidgets: true,
        ariaLabel: 'Problem module (TypeScript). Press Ctrl+M, then Tab, to move the focus out of the editor.',
      }}
    />
  );
}
