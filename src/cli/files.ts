import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SibylError } from '../core';

/** Why a file could not be used, in words (the error code is for programs, not people). */
function reason(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a folder in its path is a file';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return (error as Error).message;
  }
}

/** Read a text file the user named; `what` says what it should be ("problem file", "state file", …). */
export async function readUserFile(path: string, shownAs: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SibylError(`Cannot read the ${what} '${shownAs}': ${reason(error)}.`);
  }
}

/** Fail before a long run rather than after it when `path` could never be written: its folder must exist. */
export async function checkWritableFolder(path: string, shownAs: string): Promise<void> {
  try {
    await access(dirname(path), constants.W_OK);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'its folder does not exist' : reason(error);
    throw new SibylError(`Cannot write '${shownAs}': ${why}.`);
  }
}

/**
 * Replace `path` with `text` so that a crash at any moment leaves either the old or the new complete file:
 * write a temporary file in the same folder (rename is atomic only within one file system), flush it to
 * disk, rename it over the target, then flush the folder so the rename itself survives a power cut.
 */
export async function writeFileAtomic(path: string, text: string, shownAs = path): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new SibylError(`Cannot write '${shownAs}': ${reason(error)}.`);
  }
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a folder; the file itself is already durable.
  }
}
