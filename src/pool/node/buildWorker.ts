import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Bundle the Node worker entry as the build does (dist/node/pool-worker.js), for tests that run a real
 * WorkerPool from source. The bundle goes under node_modules/.cache so its bare imports resolve, named by
 * its content so that concurrent test files share one file; bundles of older sources are removed after an
 * hour (a test run that is still using one has long started its workers).
 */
export async function buildNodeWorker(): Promise<URL> {
  const result = await build({
    entryPoints: [join(root, 'src/pool/node/workerEntry.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    outfile: 'pool-worker.mjs',
  });
  const code = (result.outputFiles[0] as { contents: Uint8Array }).contents;
  const outDir = join(root, 'node_modules/.cache/sibyl');
  const outfile = join(outDir, `pool-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(outfile)) {
    mkdirSync(outDir, { recursive: true });
    const partial = `${outfile}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, outfile);
  }
  const stale = Date.now() - 3_600_000;
  for (const name of readdirSync(outDir)) {
    const file = join(outDir, name);
    if (name.startsWith('pool-worker-') && file !== outfile && statSync(file).mtimeMs < stale) rmSync(file, { force: true });
  }
  return pathToFileURL(outfile);
}
