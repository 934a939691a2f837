// Bundles the Node entry points (CLI, server, benchmark, worker_threads entry) and the importable library
// (the package's exports, with the pool worker beside them) with esbuild. Runs on `npm ci` (prepare), so `npx sibyl` works right after install.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
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

// Chunk names change with their content: drop the last build's.
rmSync(at('dist/lib/chunks'), { recursive: true, force: true });

await Promise.all([
  build({ ...common, entryPoints: present, outdir: at('dist/node') }),
  // The package's exports (package.json). One split build, so `sibyl`, `sibyl/models`, `sibyl/pool` and
  // `sibyl/pool/node` share one copy of the engine (TaskError from one is TaskError in the other), and
  // nodeWorkers() finds pool-worker.js beside pool-node.js.
  build({
    ...common,
    entryPoints: {
      index: 'src/core/index.ts',
      models: 'src/core/models/index.ts',
      pool: 'src/pool/index.ts',
      'pool-node': 'src/pool/node/index.ts',
      'pool-worker': 'src/pool/node/workerEntry.ts',
    },
    outdir: at('dist/lib'),
    platform: 'neutral',
    mainFields: ['module', 'main'],
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
  // The program the relay streams to remote hosts over SSH (src/relay/program.ts): one self-contained
  // script, with core, sucrase and every other dependency inside, since a host has nothing but Node.
  build({
    entryPoints: [at('src/relay/remoteWorker.ts')],
    outfile: at('dist/node/remote-worker.js'),
    bundle: true,
    platform: 'node',
    format: 'iife',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
  }),
]);
