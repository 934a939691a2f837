import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineSection } from './engine';
import { poolsSection } from './pools';
import { remoteSection } from './remote';
import { studioSection } from './studio';

/** `npm run bench`: measures every figure in one run and writes docs/benchmarks.md. */
async function main(): Promise<void> {
  const sections = [await engineSection(), await poolsSection(), await remoteSection(), await studioSection()];
  const header = [
    '# Benchmarks',
    '',
    'Written by `npm run bench`; every ratio compares figures measured in the same run on the same machine.',
    `Last run: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}.`,
    '',
  ];
  // A blank line between sections, whatever their last line.
  const text = [...header, sections.join('\n\n')].join('\n') + '\n';
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'benchmarks.md');
  writeFileSync(out, text);
  process.stdout.write(text);
}

await main();
