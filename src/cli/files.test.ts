import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUserFile, writeFileAtomic } from './files';

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'sibyl-files-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A large JSON document, so that a non-atomic write would be observable half done. */
function document(tag: string): string {
  return JSON.stringify({ tag, data: Array.from({ length: 200_000 }, (_, i) => i * 0.5) });
}

describe('writeFileAtomic', () => {
  it('creates and replaces the file, leaving no temporary file behind', async () => {
    const path = join(folder, 'state.json');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(folder)).toEqual(['state.json']);
  });

  it('never shows a reader a half-written document: it is the old one or the new one, complete', async () => {
    const path = join(folder, 'busy.json');
    const documents = [document('a'), document('b')];
    writeFileSync(path, documents[0] as string);
    let writing = true;
    const writer = (async () => {
      for (let i = 1; i <= 12; i++) await writeFileAtomic(path, documents[i % 2] as string);
      writing = false;
    })();
    const seen = new Set<string>();
    let reads = 0;
    while (writing) {
      const text = await readFile(path, 'utf8');
      reads++;
      expect(documents).toContain(text);
      seen.add((JSON.parse(text) as { tag: string }).tag);
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
    expect(readFileSync(path, 'utf8')).toBe(documents[0]);
    expect(readdirSync(folder).filter((name) => name.includes('busy'))).toEqual(['busy.json']);
  });

  it('leaves the old file alone when the write fails, with one clear sentence', async () => {
    const path = join(folder, 'kept.json');
    writeFileSync(path, 'old');
    await expect(writeFileAtomic(join(folder, 'no-such-folder', 'x.json'), 'new', 'no-such-folder/x.json')).rejects.toThrow(
      "Cannot write 'no-such-folder/x.json': no such file.",
    );
    // Renaming over a folder fails after the temporary file is written: it must be cleaned up.
    await expect(writeFileAtomic(folder, 'new', 'the folder')).rejects.toThrow(/^Cannot write 'the folder': /);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(join(folder, '..')).filter((name) => name.endsWith('.tmp') && name.includes('sibyl-files'))).toEqual([]);
  });
});

describe('readUserFile', () => {
  it('says in words why a file cannot be read', async () => {
    await expect(readUserFile(join(folder, 'none.ts'), 'none.ts', 'problem file')).rejects.toThrow(
      "Cannot read the problem file 'none.ts': no such file.",
    );
    await expect(readUserFile(folder, 'src', 'problem file')).rejects.toThrow("Cannot read the problem file 'src': it is a folder.");
  });
});
