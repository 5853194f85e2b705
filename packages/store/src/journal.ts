import { appendFileSync, existsSync } from 'node:fs';

/**
 * The sync journal: when `<home>/sync/journal` exists (sync creates it when a device joins a
 * space), every process that writes the store appends one line per document chunk it is about
 * to save (`d <documentId>`) and per new blob (`b <hash>`), before writing it, so a crash never
 * leaves a written chunk unrecorded; and one per document or blob it is about to delete for
 * good (`D <documentId>`, `B <hash>`: `trail purge`), so the deletion reaches the other devices.
 * Sync reads it to find what changed without scanning every document. Lines carry ids only,
 * never content.
 */
export interface ChangeJournal {
  /** A document chunk is about to be saved. */
  readonly document: (documentId: string) => void;
  /** A new blob is about to be written. */
  readonly blob: (hash: string) => void;
  /** A whole document is about to be deleted. */
  readonly forgetDocument: (documentId: string) => void;
  /** A blob is about to be deleted. */
  readonly forgetBlob: (hash: string) => void;
}

/** The journal at `path`, or undefined when sync is not set up (the file is absent). */
export function openJournal(path: string): ChangeJournal | undefined {
  if (!existsSync(path)) return undefined;
  const append = (line: string) => appendFileSync(path, line, { mode: 0o600 });
  return {
    document: (id) => append(`d ${id}\n`),
    blob: (hash) => append(`b ${hash}\n`),
    forgetDocument: (id) => append(`D ${id}\n`),
    forgetBlob: (hash) => append(`B ${hash}\n`),
  };
}
