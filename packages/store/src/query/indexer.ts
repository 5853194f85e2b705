import type { DatabaseSync } from 'node:sqlite';
import type { BlobRef, DocEvent, SessionDoc } from '@trail/model';
import { inTransaction } from './db.js';

/** Most characters of one output that go into the full-text index. */
export const OUTPUT_INDEX_CHARS = 4_096;

/** Resolves a blob to text for indexing (returns undefined when unavailable). */
export type BlobText = (ref: BlobRef) => string | undefined;

/** A session document in plain JSON form plus what the index needs beside it. */
export interface IndexInput {
  doc: SessionDoc;
  url: string;
  projectName: string;
}

/**
 * Replaces everything the index holds for one session with what its document says now.
 * Prompt numbers are derived here (1-based, 0 = before the first prompt), so inserting an
 * earlier event never leaves stale numbers in the document itself.
 */
export function indexSession(db: DatabaseSync, input: IndexInput, text: BlobText): void {
  const { doc, url } = input;
  inTransaction(db, () => {
    removeSession(db, doc.id);
    const a = doc.annotations;
    db.prepare(`INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`).run(
      doc.id,
      url,
      doc.agent ?? '',
      doc.project ?? '',
      input.projectName,
      doc.title ?? '',
      doc.startedAt ?? '',
      doc.endedAt ?? '',
      doc.model ?? '',
      doc.cwd ?? '',
      doc.counts?.prompts ?? 0,
      doc.counts?.toolCalls ?? 0,
      doc.counts?.filesChanged ?? 0,
      doc.counts?.commands ?? 0,
      doc.counts?.errors ?? 0,
      doc.counts?.events ?? 0,
      JSON.stringify(Object.keys(a?.tags ?? {}).sort()),
      a?.status ?? '',
      a?.hidden ? 1 : 0,
      canonicalJson(doc.usage ?? {}),
      doc.agentVersion ?? '',
      doc.gitBranch ?? '',
    );
    const insEvent = db.prepare('INSERT INTO events VALUES (?,?,?,?,?,?,?,?)');
    const insChange = db.prepare('INSERT INTO changes VALUES (?,?,?,?,?,?,?,?,?,?)');
    // contentless FTS: the text is indexed, not stored (outputs were most of the index);
    // fts_rows maps each row back to its event, and snippets are cut from the blobs.
    const insRow = db.prepare(
      'INSERT INTO fts_rows(session_id, seq, prompt, field) VALUES (?,?,?,?)',
    );
    const insFts = db.prepare('INSERT INTO fts(rowid, text) VALUES (?,?)');
    const seen = new Set<string>();
    let prompt = 0;
    let seq = 0;
    for (const e of doc.events) {
      if (seen.has(e.id)) continue; // two devices that imported the same event
      seen.add(e.id);
      if (e.kind === 'prompt' && !e.agentId) prompt++;
      insEvent.run(doc.id, seq, e.id, e.kind, e.ts, prompt, e.agentId ?? null, canonicalJson(e));
      for (const c of e.changes ?? []) {
        insChange.run(
          doc.id,
          seq,
          prompt,
          e.ts,
          c.path,
          c.op,
          c.added,
          c.removed,
          c.patch?.hash ?? null,
          e.agentId ?? null,
        );
      }
      for (const [field, body] of ftsFields(e, text)) {
        if (!body) continue;
        const row = insRow.run(doc.id, seq, prompt, field);
        insFts.run(row.lastInsertRowid, body);
      }
      seq++;
    }
  });
}

/**
 * JSON with every object's keys in sorted order, as a materialised Automerge document has
 * them: a session indexed as it is written and one re-indexed from its document give the
 * same rows.
 */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (!x || typeof x !== 'object' || Array.isArray(x)) return x;
    const o = x as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) out[k] = o[k];
    return out;
  });
}

/** The texts of an event that full-text search covers, by field. */
export function ftsFields(e: DocEvent, text: BlobText): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  switch (e.kind) {
    case 'prompt':
    case 'assistant':
    case 'reasoning':
    case 'error':
      out.push([e.kind, e.body ? (text(e.body) ?? e.preview) : e.preview]);
      break;
    case 'tool': {
      out.push(['command', e.command ?? e.preview]);
      if (e.output) {
        const o = text(e.output);
        out.push([
          'output',
          o && o.length > OUTPUT_INDEX_CHARS ? o.slice(0, OUTPUT_INDEX_CHARS) : o,
        ]);
      }
      const paths = [...(e.reads ?? []), ...(e.changes ?? []).map((c) => c.path)];
      if (paths.length) out.push(['path', paths.join('\n')]);
      break;
    }
    default:
      break;
  }
  return out;
}

/** Forgets one session. */
export function removeSession(db: DatabaseSync, id: string): void {
  // A session's rows are written together with its sessions row, so a session without one has
  // none to delete; skipping the deletes spares a scan of the full-text table per new session.
  if (db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes === 0) return;
  db.prepare('DELETE FROM events WHERE session_id = ?').run(id);
  db.prepare('DELETE FROM changes WHERE session_id = ?').run(id);
  db.prepare(
    'DELETE FROM fts WHERE rowid IN (SELECT rowid FROM fts_rows WHERE session_id = ?)',
  ).run(id);
  db.prepare('DELETE FROM fts_rows WHERE session_id = ?').run(id);
}
