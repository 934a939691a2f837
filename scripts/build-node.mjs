// Bundles the Node entry points (CLI, server, benchmark, worker_threads entry) and the importable library
// with esbuild. Runs on `npm ci` (prepare), so `npx sibyl` works right after install.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => join(root, p);

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
};

const nodeEntries = {
  cli: 'src/cli/bin.ts',
  serve: 'src/node/serve.ts',
  bench: 'bench/main.ts',
  'pool-worker': 'src/pool/node/workerEntry.ts',
};

const present = Object.fromEntries(Object.entries(nodeEntries).filter(([, file]) => existsSync(at(file))));

await Promise.all([
  build({ ...common, entryPoints: present, outdir: at('dist/node') }),
  build({
    ...common,
    entryPoints: { index: 'src/core/index.ts', models: 'src/core/models/index.ts' },
    outdir: at('dist/lib'),
    platform: 'neutral',
    mainFields: ['module', 'main'],
  }),
]);
