import {
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import type { SyncState } from './sync-state.js';

const LINE = /^([db]) ([0-9A-Za-z]{1,128})$/;

/** Creates the store's change journal, so every writer starts recording what it changes. */
export function enableJournal(path: string): void {
  if (!existsSync(path)) writeFileSync(path, '', { mode: 0o600 });
}

/**
 * Moves what the store's change journal recorded into the upload queue of every relay this
 * device syncs with (but `except`: right after a pull, the journal holds only what the pull
 * wrote, which that relay already has), then empties the journal. Call with the store's write
 * lock held, so no writer appends in between.
 */
export function drainJournal(path: string, state: SyncState, except?: string): number {
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8');
  if (text === '') return 0;
  const docs = new Set<string>();
  const blobs = new Set<string>();
  // The last piece has no newline when a writer died mid-append: it recorded a chunk or blob
  // that writer never got to write (the journal is written first), so it is dropped.
  for (const line of text.split('\n').slice(0, -1)) {
    const m = LINE.exec(line);
    if (m === null) continue;
    (m[1] === 'd' ? docs : blobs).add(m[2]!);
  }
  const relays = state.relays().filter((r) => r !== except);
  state.db.tx(() => {
    state.addDirty(relays, 'd', docs);
    state.addDirty(relays, 'b', blobs);
  });
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, 0);
  } finally {
    closeSync(fd);
  }
  return docs.size + blobs.size;
}
