import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { createRequire } from 'node:module';
import type { DocEvent } from '@trail/model';

/** node:zlib, loaded on first use: it brings in Node's streams, ~2.5 ms `trail log` never needs. */
let zlib: typeof import('node:zlib') | undefined;
const z = () =>
  (zlib ??= createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib'));

/** An event as the index gives it back: its position in the session and its prompt number. */
export interface IndexedEvent extends DocEvent {
  seq: number;
  promptNo: number;
}

/**
 * Full-text row ids encode where a row came from, so the index needs no table mapping them
 * back: `(ev0 + seq) · 4 + field`, with `ev0` the first event number of the session (each
 * session indexed takes the next free range [ev0, ev_end) in `sessions`), `seq` the event's
 * position and `field` one of {@link FTS_FIELDS}. Dense ids keep the full-text index small
 * (it stores id deltas), and the newest indexed session has the highest ids.
 */
export const FTS_FIELDS = ['text', 'command', 'output', 'path'] as const;
/** A full-text field: the event's own text (a prompt, a reply, reasoning, an error) or a tool's. */
export type FtsField = (typeof FTS_FIELDS)[number];

/** The full-text row id of one field of one event. */
export function ftsRowid(ev0: number, seq: number, field: FtsField): number {
  return (ev0 + seq) * 4 + FTS_FIELDS.indexOf(field);
}

/** The event number and field a full-text row id stands for. */
export function fromFtsRowid(rowid: number): { event: number; field: FtsField } {
  return { event: Math.floor(rowid / 4), field: FTS_FIELDS[rowid % 4]! };
}

/** The full-text row ids of a session's event range [ev0, evEnd), inclusive. */
export function ftsRange(ev0: number, evEnd: number): [number, number] {
  return [ev0 * 4, evEnd * 4 - 1];
}

/** Numbers each event's prompt: 1-based, 0 before the first prompt; subagent prompts do not count. */
export function numberPrompts(events: readonly DocEvent[]): number[] {
  let prompt = 0;
  return events.map((e) => {
    if (e.kind === 'prompt' && !e.agentId) prompt++;
    return prompt;
  });
}

/** A session's events, compressed as the index keeps them. */
export function packEvents(json: string): Uint8Array {
  return z().deflateRawSync(json, { level: 6 });
}

const statements = new WeakMap<DatabaseSync, StatementSync>();

/** A session's events in order, with their positions and prompt numbers; [] when unknown. */
export function readSessionEvents(db: DatabaseSync, sessionId: string): IndexedEvent[] {
  let q = statements.get(db);
  if (!q) {
    q = db.prepare('SELECT data FROM session_events WHERE session_id = ?');
    statements.set(db, q);
  }
  const row = q.get(sessionId) as { data: Uint8Array } | undefined;
  if (!row) return [];
  const events = JSON.parse(z().inflateRawSync(row.data).toString('utf8')) as DocEvent[];
  const prompts = numberPrompts(events);
  return events.map((e, seq) => ({ ...e, seq, promptNo: prompts[seq]! }));
}

/**
 * Sessions whose indexed events contain any of `needles` verbatim (a blob id, a secret):
 * reads every session's events, so it is for rare commands such as `trail purge`.
 */
export function sessionsMentioning(db: DatabaseSync, needles: readonly string[]): string[] {
  if (needles.length === 0) return [];
  const out: string[] = [];
  for (const row of db
    .prepare('SELECT session_id, data FROM session_events')
    .iterate() as Iterable<{
    session_id: string;
    data: Uint8Array;
  }>) {
    const text = z().inflateRawSync(row.data).toString('utf8');
    if (needles.some((n) => text.includes(n))) out.push(row.session_id);
  }
  return out;
}
