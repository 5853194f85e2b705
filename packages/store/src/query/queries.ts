import type { DatabaseSync } from 'node:sqlite';
import { TrailError, type BlobRef, type DocEvent, type SessionCounts } from '@trail/model';
import { fromFtsRowid, readSessionEvents, type IndexedEvent } from './events.js';

export type { IndexedEvent } from './events.js';

/** One row of `trail log`: the `sessions[]` items of its versioned JSON. */
export interface SessionSummary {
  id: string;
  agent: string;
  project: string;
  projectName: string;
  title: string;
  startedAt: string;
  endedAt: string;
  model: string;
  cwd: string;
  counts: Omit<SessionCounts, 'events'> & { events: number };
  tags: string[];
  status: string;
  hidden: boolean;
  url: string;
  agentVersion: string;
  gitBranch: string;
  usage: Record<string, number>;
}

/** Filters for {@link listSessions}. */
export interface LogFilter {
  limit?: number;
  project?: string;
  agent?: string;
  since?: string;
  until?: string;
  tag?: string;
  /** Only sessions with this review status. */
  status?: string;
  includeHidden?: boolean;
  /** Skip this many matching sessions (paging). */
  offset?: number;
}

interface Row {
  [k: string]: string | number | null;
}

function toSummary(r: Row): SessionSummary {
  return {
    id: String(r.id),
    agent: String(r.agent),
    project: String(r.project),
    projectName: String(r.project_name),
    title: String(r.title),
    startedAt: String(r.started_at),
    endedAt: String(r.ended_at),
    model: String(r.model),
    cwd: String(r.cwd),
    counts: {
      prompts: Number(r.prompts),
      toolCalls: Number(r.tool_calls),
      filesChanged: Number(r.files_changed),
      commands: Number(r.commands),
      errors: Number(r.errors),
      events: Number(r.events),
    },
    tags: JSON.parse(String(r.tags)) as string[],
    status: String(r.status),
    hidden: Number(r.hidden) === 1,
    url: String(r.url),
    agentVersion: String(r.agent_version),
    gitBranch: String(r.git_branch),
    usage: JSON.parse(String(r.usage)) as Record<string, number>,
  };
}

/** Sessions newest first, filtered. `project` matches the project id, its name, or a path prefix. */
export function listSessions(db: DatabaseSync, f: LogFilter = {}): SessionSummary[] {
  const { where, args } = filterSql(f);
  const sql = `SELECT * FROM sessions ${where} ORDER BY started_at DESC, id LIMIT ? OFFSET ?`;
  args.push(f.limit ?? -1, f.offset ?? 0);
  return (db.prepare(sql).all(...args) as Row[]).map(toSummary);
}

/** How many sessions match a filter (its limit and offset aside). */
export function countSessions(db: DatabaseSync, f: LogFilter = {}): number {
  const { where, args } = filterSql(f);
  return Number((db.prepare(`SELECT count(*) AS n FROM sessions ${where}`).get(...args) as Row).n);
}

function filterSql(f: LogFilter): { where: string; args: (string | number)[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.project) {
    where.push('(project = ? OR project_name = ? OR cwd = ? OR cwd LIKE ?)');
    args.push(f.project, f.project, f.project, `${f.project.replace(/[%_]/g, '')}/%`);
  }
  if (f.agent) {
    where.push('agent = ?');
    args.push(f.agent);
  }
  if (f.since) {
    where.push('(ended_at >= ? OR started_at >= ?)');
    args.push(f.since, f.since);
  }
  if (f.until) {
    where.push('started_at <= ?');
    args.push(f.until);
  }
  if (f.tag) {
    where.push('EXISTS (SELECT 1 FROM json_each(sessions.tags) WHERE value = ?)');
    args.push(f.tag);
  }
  if (f.status) {
    where.push('status = ?');
    args.push(f.status);
  }
  if (!f.includeHidden) where.push('hidden = 0');
  return { where: where.length ? 'WHERE ' + where.join(' AND ') : '', args };
}

/** Resolves a full session id or a unique prefix; errors name the ambiguity. */
export function findSession(db: DatabaseSync, idOrPrefix: string): SessionSummary {
  const exact = db.prepare('SELECT * FROM sessions WHERE id = ?').get(idOrPrefix) as
    Row | undefined;
  if (exact) return toSummary(exact);
  if (idOrPrefix.length < 4) {
    throw new TrailError(
      'SESSION_NOT_FOUND',
      `no session ${JSON.stringify(idOrPrefix)} (give at least 4 characters of its id)`,
      { id: idOrPrefix },
    );
  }
  const like = idOrPrefix.replace(/[%_\\]/g, (c) => '\\' + c) + '%';
  const rows = db
    .prepare("SELECT * FROM sessions WHERE id LIKE ? ESCAPE '\\' LIMIT 6")
    .all(like) as Row[];
  if (rows.length === 1) return toSummary(rows[0]!);
  if (rows.length === 0)
    throw new TrailError('SESSION_NOT_FOUND', `no session matches ${JSON.stringify(idOrPrefix)}`, {
      id: idOrPrefix,
    });
  throw new TrailError(
    'SESSION_AMBIGUOUS',
    `${JSON.stringify(idOrPrefix)} matches several sessions: ${rows.map((r) => String(r.id)).join(', ')}`,
    {
      id: idOrPrefix,
      matches: rows.map((r) => String(r.id)),
    },
  );
}

/** The events of a session in order, with their prompt numbers (1-based; 0 = before the first prompt). */
export function sessionEvents(db: DatabaseSync, id: string): IndexedEvent[] {
  return readSessionEvents(db, id);
}

/** One search hit. */
export interface SearchHit {
  sessionId: string;
  title: string;
  project: string;
  agent: string;
  startedAt: string;
  prompt: number;
  field: string;
  seq: number;
  /** Snippet with matches between `[` `]` markers (see {@link SNIPPET_OPEN}). */
  snippet: string;
}

/** Marker opening a highlighted match in a snippet. */
export const SNIPPET_OPEN = '\u0001';
/** Marker closing a highlighted match in a snippet. */
export const SNIPPET_CLOSE = '\u0002';

/**
 * Full-text search, newest matches first (FTS5 walks its rowids backwards and stops at the
 * limit, so a common word costs no more than a rare one). Plain words are matched as terms
 * (all must occur); quoted phrases as phrases. FTS5 syntax errors never reach the user: the query is quoted term by term.
 */
export function search(
  db: DatabaseSync,
  query: string,
  opts: {
    limit?: number;
    project?: string;
    agent?: string;
    text?: (ref: BlobRef) => string | undefined;
  } = {},
): SearchHit[] {
  const match = toFtsQuery(query);
  if (!match) return [];
  const where = ['fts MATCH ?'];
  const args: (string | number)[] = [match];
  if (opts.project) {
    where.push('(s.project = ? OR s.project_name = ?)');
    args.push(opts.project, opts.project);
  }
  if (opts.agent) {
    where.push('s.agent = ?');
    args.push(opts.agent);
  }
  args.push(opts.limit ?? 50);
  // the row id says which event and field matched (see events.ts); the session is the one
  // whose event range holds that event
  const sql = `SELECT fts.rowid AS rid, s.id AS sid, s.ev0 AS ev0, s.title AS title,
      s.project_name AS project, s.agent AS agent, s.started_at AS started
    FROM fts JOIN sessions s
      ON s.ev0 = (SELECT max(ev0) FROM sessions WHERE ev0 <= (fts.rowid >> 2))
    WHERE ${where.join(' AND ')} ORDER BY fts.rowid DESC LIMIT ?`;
  const terms = queryTerms(query);
  const events = new Map<string, IndexedEvent[]>();
  const hits: SearchHit[] = [];
  for (const r of db.prepare(sql).all(...args) as Row[]) {
    const sid = String(r.sid);
    const { event, field } = fromFtsRowid(Number(r.rid));
    const seq = event - Number(r.ev0);
    let evs = events.get(sid);
    if (!evs) events.set(sid, (evs = readSessionEvents(db, sid)));
    const ev = evs[seq];
    if (!ev) continue; // the index is being rewritten under us
    hits.push({
      sessionId: sid,
      title: String(r.title),
      project: String(r.project),
      agent: String(r.agent),
      startedAt: String(r.started),
      prompt: ev.promptNo,
      field: field === 'text' ? ev.kind : field,
      seq,
      snippet: snippet(fieldText(ev, field, opts.text), terms),
    });
  }
  return hits;
}

/** The text of the field a search hit matched, from the event and its blobs. */
function fieldText(
  e: DocEvent,
  field: string,
  text?: (ref: BlobRef) => string | undefined,
): string {
  const blob = (ref: BlobRef | undefined, fallback: string) =>
    ref && text ? (text(ref) ?? fallback) : fallback;
  switch (field) {
    case 'output':
      return blob(e.output, e.outputPreview ?? '');
    case 'command':
      return e.command ?? e.preview;
    case 'path':
      return [...(e.reads ?? []), ...(e.changes ?? []).map((c) => c.path)].join(' ');
    default:
      return blob(e.body, e.preview);
  }
}

/** Lower-cased words and phrases of a query, as toFtsQuery reads them. */
export function queryTerms(q: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    const t = (m[1] ?? m[2] ?? '').trim().toLowerCase();
    if (t) out.push(t);
  }
  return out;
}

/**
 * A one-line excerpt around the first match of any term, matches between
 * {@link SNIPPET_OPEN} and {@link SNIPPET_CLOSE}.
 */
export function snippet(text: string, terms: readonly string[], width = 120): string {
  const flat = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const lower = flat.toLowerCase();
  let at = -1;
  for (const t of terms) {
    const i = lower.indexOf(t);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = Math.max(0, at < 0 ? 0 : at - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  let piece = flat.slice(start, end);
  const lowPiece = piece.toLowerCase();
  const marks: [number, number][] = [];
  for (const t of terms) {
    for (let i = lowPiece.indexOf(t); i >= 0 && t.length > 0; i = lowPiece.indexOf(t, i + t.length))
      marks.push([i, i + t.length]);
  }
  marks.sort((a, b) => b[0] - a[0]);
  let last = Infinity;
  for (const [a, b] of marks) {
    if (b > last) continue;
    piece = piece.slice(0, a) + SNIPPET_OPEN + piece.slice(a, b) + SNIPPET_CLOSE + piece.slice(b);
    last = a;
  }
  return `${start > 0 ? '…' : ''}${piece}${end < flat.length ? '…' : ''}`
    .replace(/\s+/g, ' ')
    .trim();
}

/** Turns user input into a safe FTS5 query: every term and phrase quoted. */
export function toFtsQuery(q: string): string {
  const parts: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    const t = (m[1] ?? m[2] ?? '').replace(/"/g, '""').trim();
    if (t) parts.push(`"${t}"`);
  }
  return parts.join(' ');
}

/** File changes recorded for a path (exact, relative to its project), oldest first. */
export function changesForPath(db: DatabaseSync, path: string): Row[] {
  return db.prepare('SELECT * FROM changes WHERE path = ? ORDER BY ts, seq').all(path) as Row[];
}
