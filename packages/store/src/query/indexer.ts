import type { DatabaseSync } from 'node:sqlite';
import { canonicalJson, type BlobRef, type DocEvent, type SessionDoc } from '@trail/model';
import { inTransaction } from './db.js';
import { ftsRange, ftsRowid, numberPrompts, packEvents, type FtsField } from './events.js';

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

/** Prepared statements per database: preparing them per session cost more than running them. */
const prepared = new WeakMap<DatabaseSync, ReturnType<typeof prepare>>();

function prepare(db: DatabaseSync) {
  return {
    session: db.prepare(
      `INSERT INTO sessions(id, url, agent, project, project_name, title, started_at, ended_at,
        model, cwd, prompts, tool_calls, files_changed, commands, errors, events, tags, status,
        hidden, usage, agent_version, git_branch, ev0, ev_end)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ),
    checkpoint: db.prepare('INSERT INTO checkpoints VALUES (?,?,?,?)'),
    events: db.prepare('INSERT INTO session_events(session_id, data) VALUES (?,?)'),
    change: db.prepare('INSERT INTO changes VALUES (?,?,?,?,?,?,?,?,?,?)'),
    fts: db.prepare('INSERT INTO fts(rowid, text) VALUES (?,?)'),
    // ranges are handed out in increasing order, so the session with the highest ev0 also
    // ends highest; reading it through the ev0 index keeps this O(log n), not a scan
    nextEvent: db.prepare('SELECT ev_end AS n FROM sessions ORDER BY ev0 DESC LIMIT 1'),
    findRange: db.prepare('SELECT ev0, ev_end FROM sessions WHERE id = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    deleteCheckpoints: db.prepare('DELETE FROM checkpoints WHERE session_id = ?'),
    deletePacked: db.prepare('DELETE FROM session_events WHERE session_id = ?'),
    deleteChanges: db.prepare('DELETE FROM changes WHERE session_id = ?'),
    deleteFts: db.prepare('DELETE FROM fts WHERE rowid BETWEEN ? AND ?'),
  };
}

function statements(db: DatabaseSync): ReturnType<typeof prepare> {
  let st = prepared.get(db);
  if (!st) prepared.set(db, (st = prepare(db)));
  return st;
}

/**
 * Replaces everything the index holds for one session with what its document says now.
 * Prompt numbers are derived here (1-based, 0 = before the first prompt), so inserting an
 * earlier event never leaves stale numbers in the document itself.
 */
export function indexSession(db: DatabaseSync, input: IndexInput, text: BlobText): void {
  const { doc, url } = input;
  const st = statements(db);
  inTransaction(db, () => {
    removeSession(db, doc.id);
    const a = doc.annotations;
    // two devices that imported the same event: the first copy counts
    const seen = new Set<string>();
    const events = doc.events.filter((e) => !seen.has(e.id) && seen.add(e.id));
    const prompts = numberPrompts(events);
    const ev0 = Number((st.nextEvent.get() as { n: number } | undefined)?.n ?? 0);
    st.session.run(
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
      ev0,
      ev0 + Math.max(1, events.length), // an empty session still owns a distinct ev0
    );
    st.events.run(doc.id, packEvents(canonicalJson(events)));
    events.forEach((e, seq) => {
      const prompt = prompts[seq]!;
      if (e.kind === 'checkpoint' && e.checkpointId) {
        st.checkpoint.run(doc.id, seq, e.checkpointId, e.root ?? null);
      }
      for (const c of e.changes ?? []) {
        st.change.run(
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
      // contentless full-text index: the text is indexed, not stored; snippets are cut
      // from the blobs, and the row id says which session, event and field matched
      for (const [field, body] of ftsFields(e, text)) {
        if (body) st.fts.run(ftsRowid(ev0, seq, field), body);
      }
    });
  });
}

/** The texts of an event that full-text search covers, by field. */
export function ftsFields(e: DocEvent, text: BlobText): [FtsField, string | undefined][] {
  const out: [FtsField, string | undefined][] = [];
  switch (e.kind) {
    case 'prompt':
    case 'assistant':
    case 'reasoning':
    case 'error':
      out.push(['text', e.body ? (text(e.body) ?? e.preview) : e.preview]);
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
  const st = statements(db);
  // A session's rows are written together with its sessions row, so a session without one
  // has none to delete.
  const row = st.findRange.get(id) as { ev0: number; ev_end: number } | undefined;
  if (!row) return;
  st.deleteSession.run(id);
  st.deleteCheckpoints.run(id);
  st.deletePacked.run(id);
  st.deleteChanges.run(id);
  st.deleteFts.run(...ftsRange(Number(row.ev0), Number(row.ev_end)));
}
