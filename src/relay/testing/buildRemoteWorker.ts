import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wrapProgram } from '../program';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Bundle the remote worker program as scripts/build-node.mjs does for dist/node/remote-worker.js (one
 * self-contained script: core, sucrase and all), in memory, for tests that run it from source.
 */
export async function buildRemoteProgram(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(root, 'src/relay/remoteWorker.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'iife',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
  });
  const code = (result.outputFiles[0] as { text: string }).text;
  return wrapProgram(code);
}
