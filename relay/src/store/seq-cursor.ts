import type { Cursor } from '@trail/protocol';
import { randomBytes } from 'node:crypto';
import { MailboxError } from './mailbox-error.js';

const CURSOR = /^([A-Za-z0-9_-]{1,22})\.([0-9]{1,16})$/;

/**
 * A random tag for one life of a space. Cursors carry it, so a client holding a cursor from
 * a space that was deleted and re-created (or a relay whose disk was replaced) starts over
 * from the beginning instead of silently skipping bundles. Bundles are idempotent, so
 * starting over is always safe.
 */
export function newIncarnation(): string {
  return randomBytes(8).toString('base64url');
}

/** The cursor of sequence number `seq` in a space's incarnation. */
export function formatCursor(incarnation: string, seq: number): Cursor {
  return `${incarnation}.${seq}` as Cursor;
}

/**
 * The sequence number after which a pull starts. Empty or foreign-incarnation cursors give 0
 * (from the start); a cursor that is not of this store's form throws `bad_cursor`.
 */
export function cursorSeq(cursor: Cursor, incarnation: string): number {
  if (cursor === '') return 0;
  const match = CURSOR.exec(cursor);
  if (match === null) throw new MailboxError('bad_cursor', 'cursor was not issued by this relay');
  if (match[1] !== incarnation) return 0;
  const seq = Number(match[2]);
  if (!Number.isSafeInteger(seq)) throw new MailboxError('bad_cursor', 'cursor out of range');
  return seq;
}
