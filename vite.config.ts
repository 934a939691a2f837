import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sibylTypes } from './scripts/sibylTypes';
import { isolationHeaders } from './src/node/isolation';

export default defineConfig({
  plugins: [react(), sibylTypes()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 5000,
    rolldownOptions: {
      // The studio, and the pages the pool tests and benchmark open in a browser (harness/).
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        pools: fileURLToPath(new URL('./harness/pools.html', import.meta.url)),
        poolBench: fileURLToPath(new URL('./harness/poolBench.html', import.meta.url)),
      },
    },
  },
  resolve: {
    alias: [
      // The pools read sucrase's parser through its CommonJS path (which has types); in the browser it must be
      // the ES build that `sucrase` itself resolves to, or the bundle carries the parser twice.
      { find: /^sucrase\/dist\/parser\/(.*)$/, replacement: 'sucrase/dist/esm/parser/$1' },
    ],
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, headers: isolationHeaders },
  preview: { host: '127.0.0.1', port: 4173, headers: isolationHeaders },
});
