#!/usr/bin/env node
// The `sibyl` command. The CLI is bundled into dist/node by `npm ci` (the prepare script).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/node/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('sibyl is not built yet: run `npm ci` (or `node scripts/build-node.mjs`) in the repository first.\n');
  process.exit(2);
}
await import(cli.href);
