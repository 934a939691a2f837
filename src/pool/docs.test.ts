import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildNodeWorker } from './node/buildWorker';

// Every ```ts block of docs/pools.md runs here (```ts browser blocks need a page and are left out). The lines
// it prints must be the `// → …` comments under the console.log calls, in order.
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const markdown = readFileSync(join(root, 'docs/pools.md'), 'utf8');
const examples = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string);

const specifiers: Record<string, string> = {
  sibyl: join(root, 'src/core/index.ts'),
  'sibyl/pool': join(root, 'src/pool/index.ts'),
};

let scratch: string;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'sibyl-docs-'));
  // nodeWorkers() starts dist/node/pool-worker.js; from source, it starts a freshly bundled entry instead.
  const entry = await buildNodeWorker();
  const shim = join(scratch, 'poolNode.ts');
  writeFileSync(
    shim,
    `import { nodeWorkers as start } from ${JSON.stringify(join(root, 'src/pool/node/nodeWorkers.ts'))};\n` +
      `export const nodeWorkers = (entry: string | URL = new URL(${JSON.stringify(entry.href)})) => start(entry);\n`,
  );
  specifiers['sibyl/pool/node'] = shim;
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('docs/pools.md', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(8);
  });

  examples.forEach((example, index) => {
    const title = example.split('\n').find((line) => !line.startsWith('import') && line.trim() !== '') ?? '';
    it(`example ${index + 1}: ${title.trim().slice(0, 60)}`, async () => {
      // Only the example's own imports, at its top: module sources inside it keep importing 'sibyl'.
      const lines = example.split('\n');
      const head = lines.findIndex((line) => !line.startsWith('import '));
      const imports = lines.slice(0, head).map((line) =>
        line.replace(/from '([^']+)'/, (whole, specifier: string) => {
          const target = specifiers[specifier];
          return target ? `from ${JSON.stringify(target)}` : whole;
        }),
      );
      const source = [...imports, ...lines.slice(head)].join('\n');
      const file = join(scratch, `example${index + 1}.ts`);
      writeFileSync(file, source);
      const expected = [...example.matchAll(/^\s*\/\/ → (.*)$/gm)].map((match) => match[1] as string);
      const printed: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
        printed.push(values.map((value) => JSON.stringify(value)).join(' '));
      });
      try {
        await import(pathToFileURL(file).href);
      } finally {
        log.mockRestore();
      }
      expect(printed).toEqual(expected);
    });
  });
});
