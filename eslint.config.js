// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Boundary rules: each message says why the import is refused (reference/architecture.md §9). */
const fence = (group, message) => ({ group, message });

const appFence = fence(
  ['**/app/**', '@app/*'],
  'src/ is the library and never depends on the studio UI in app/.',
);
const uiLibs = [
  fence(['react', 'react-dom', 'react-dom/*'], 'React belongs to app/; the library must run headless.'),
  fence(['zustand', 'zustand/*'], 'The store lives in app/store; the library has no UI state.'),
  fence(['plotly.js-dist-min', 'plotly.js'], 'Plots are drawn in app/features/plots only.'),
  fence(['monaco-editor', '@monaco-editor/react'], 'The editor is part of app/features/editor only.'),
];
const nodeOnly = [
  fence(['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], 'src/core runs in browsers, workers and remote hosts: no Node APIs.'),
  fence(['ws', 'ssh2'], 'Network transports belong to src/relay.'),
  fence(['comlink'], 'Comlink is fenced to src/pool, the only place that talks to workers.'),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', 'e2e-artifacts/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Problem modules are code by design; everything else must never turn text into code.
      'no-new-func': 'error',
      'no-eval': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/core/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [appFence, ...uiLibs, ...nodeOnly] }],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/core has no DOM.' },
        { name: 'document', message: 'src/core has no DOM.' },
        { name: 'process', message: 'src/core has no Node.' },
        { name: 'self', message: 'src/core is not worker code.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Every draw comes from the seeded Random so runs are reproducible and resumable.' },
      ],
    },
  },
  {
    files: ['src/pool/**/*.ts', 'src/remote/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [appFence, ...uiLibs, fence(['ws', 'ssh2'], 'Network transports belong to src/relay.')] }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/relay/**/*.ts', 'src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [appFence, ...uiLibs, fence(['**/remote/**'], 'The browser relay client is for the studio; Node uses src/relay directly.')] }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [
        fence(['ws', 'ssh2'], 'The browser reaches remote hosts through the relay, never directly.'),
        fence(['comlink'], 'Workers are reached through src/pool, which owns Comlink.'),
      ] }],
    },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [fence(['**/app/**', '**/src/**'], 'End-to-end tests are black-box: drive the UI through test ids.')] }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'scripts/**', 'bench/**', 'bin/**', '*.config.*', 'src/core/testing/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
