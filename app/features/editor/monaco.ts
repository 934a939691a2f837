/**
 * Monaco, served from this build (never a CDN): the editor core with only the TypeScript language, its
 * workers bundled by Vite, and the library's declarations (generated from src/core by scripts/sibylTypes.ts)
 * so that `import … from 'sibyl/models'` completes and hovers. Imported only by the lazily loaded editor, so
 * none of it is in the first chunk.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import { sibylLibs } from 'virtual:sibyl-types';
import { CHECK_URI, PROBLEM_MODULE_LIB, checkModuleSource } from './problemModuleType';

export { monaco, typescript };

self.MonacoEnvironment = {
  getWorker: (_workerId, label) => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()),
};

typescript.typescriptDefaults.setCompilerOptions({
  target: typescript.ScriptTarget.ES2020,
  module: typescript.ModuleKind.ESNext,
  moduleResolution: typescript.ModuleResolutionKind.NodeJs,
  strict: true,
  // Problem modules may be plain JavaScript in a .ts file: `(x) => …` must not be an error.
  noImplicitAny: false,
  allowNonTsExtensions: true,
  isolatedModules: true,
});
typescript.typescriptDefaults.setExtraLibs([...sibylLibs, PROBLEM_MODULE_LIB].map(({ path, content }) => ({ filePath: path, content })));
// Models are synchronised with the worker up front so the hidden check module can import the problem.
typescript.typescriptDefaults.setEagerModelSync(true);

/** The hidden module that type-checks the problem's default export against ProblemModule. */
monaco.editor.createModel(checkModuleSource, 'typescript', monaco.Uri.parse(CHECK_URI));

// @monaco-editor/react would otherwise fetch Monaco from a CDN.
loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] });

/**
 * A theme colour as #rrggbb, which is all Monaco's themes take (the CSS minifier shortens #ffffff to #fff);
 * anything else falls back.
 */
function css(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  if (/^#[0-9a-f]{6}$/i.test(value)) return value;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : fallback;
}

export const themeName = (dark: boolean): string => (dark ? 'sibyl-dark' : 'sibyl-light');

/**
 * (Re)define the editor theme from the studio's CSS variables (styles/theme.css) as they are now, and use it.
 * Call it after the page's theme attribute has changed.
 */
export function applyStudioTheme(dark: boolean): void {
  monaco.editor.defineTheme(themeName(dark), {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': css('--surface', dark ? '#1a1e24' : '#ffffff'),
      focusBorder: css('--focus', dark ? '#fbbf24' : '#f59e0b'),
    },
  });
  monaco.editor.setTheme(themeName(dark));
}
