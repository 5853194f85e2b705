import {
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import type { ItemKind, SyncState } from './sync-state.js';

const LINE = /^([dbDB]) ([0-9A-Za-z]{1,128})$/;

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
  // The last thing done to each id wins: a blob deleted, then captured again, is uploaded.
  const last = new Map<string, ItemKind>();
  // The last piece has no newline when a writer died mid-append: it recorded a chunk or blob
  // that writer never got to write (the journal is written first), so it is dropped.
  for (const line of text.split('\n').slice(0, -1)) {
    const m = LINE.exec(line);
    if (m !== null) last.set(`${m[1]!.toLowerCase()} ${m[2]!}`, m[1] as ItemKind);
  }
  const relays = state.relays().filter((r) => r !== except);
  state.db.tx(() => {
    for (const [key, kind] of last) {
      const id = key.slice(2);
      const opposite = (
        kind === kind.toLowerCase() ? kind.toUpperCase() : kind.toLowerCase()
      ) as ItemKind;
      for (const relay of relays) state.clearDirty(relay, opposite, id);
      state.addDirty(relays, kind, [id]);
    }
  });
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, 0);
  } finally {
    closeSync(fd);
  }
  return last.size;
}
