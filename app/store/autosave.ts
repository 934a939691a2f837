import type { RunOffsets } from '../../src/core/index';
import type { SavedState } from '../../src/pool/run/index';

/**
 * The autosave: the current run's last good state, in IndexedDB (localStorage is too small for long
 * histories and blocks the page while it writes). One record; a new run overwrites it, Reset deletes it.
 */
export interface AutosaveRecord {
  readonly savedAt: string;
  /** The state as the run worker sent it: a Blob, which the database stores by reference, unparsed. */
  readonly saved: SavedState;
  /** Where the run's counts stood when its current solver started (a run continued with another solver). */
  readonly offsets: RunOffsets;
}

const DATABASE = 'sibyl';
const STORE = 'autosave';
const KEY = 'current';

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened.'));
  });
}

async function transact<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = act(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed.'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted.'));
    });
  } finally {
    db.close();
  }
}

/**
 * Write the autosave. Resolves with the main-thread time the write took: `put` copies the record (structured
 * clone) before it returns; the state's Blob is copied by reference, so this stays short however long the
 * run's history is.
 */
export async function writeAutosave(record: AutosaveRecord): Promise<number> {
  let copyMs = 0;
  await transact('readwrite', (store) => {
    const started = performance.now();
    const request = store.put(record, KEY);
    copyMs = performance.now() - started;
    return request;
  });
  return copyMs;
}

/** The autosaved run; undefined when there is none, or only a record of an older studio (its state not a Blob). */
export async function readAutosave(): Promise<AutosaveRecord | undefined> {
  const found = await transact<unknown>('readonly', (store) => store.get(KEY));
  const saved = typeof found === 'object' && found !== null && 'saved' in found ? (found as { saved: unknown }).saved : undefined;
  return typeof saved === 'object' && saved !== null && (saved as { blob?: unknown }).blob instanceof Blob ? (found as AutosaveRecord) : undefined;
}

export async function deleteAutosave(): Promise<void> {
  await transact('readwrite', (store) => store.delete(KEY));
}
