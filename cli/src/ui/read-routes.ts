import { TrailError } from '@trail/model';
import { blame, listCheckpoints } from '@trail/history';
import {
  countSessions,
  findSession,
  listSessions,
  search,
  sessionDetail,
  sessionEvents,
  type LogFilter,
} from '@trail/store/query';
import {
  JSON_VERSION,
  addTurnChanges,
  blameLineJson,
  diffChanges,
  fullEvent,
  searchResults,
  type BlameJson,
  type CheckpointsJson,
  type DiffJson,
  type EventJson,
  type FacetsJson,
  type IndexedEvent,
  type SearchPage,
  type SessionsPage,
  type ShowJson,
  type TimelinePage,
} from '@trail/api';
import { turnChanges } from '../turn-changes.js';
import type { UiData } from './data.js';
import type { Redaction } from './redaction.js';
import { timelineRows } from './timeline.js';

/** Most rows one page of a list or timeline may hold. */
const MAX_PAGE = 1000;

/** The read side of the API: each answer is the shape of the matching CLI command's --json. */
export class ReadRoutes {
  constructor(private readonly data: UiData) {}

  facets(): FacetsJson {
    const db = this.data.db;
    const rows = db
      .prepare(
        'SELECT project, max(project_name) AS name, count(*) AS n, max(started_at) AS last FROM sessions GROUP BY project ORDER BY last DESC',
      )
      .all() as Record<string, string | number>[];
    const col = (sql: string) =>
      (db.prepare(sql).all() as { v: string }[]).map((r) => r.v).filter(Boolean);
    return {
      version: JSON_VERSION,
      projects: rows.map((r) => ({
        id: String(r.project),
        name: String(r.name),
        sessions: Number(r.n),
        lastActive: String(r.last),
      })),
      agents: col('SELECT DISTINCT agent AS v FROM sessions ORDER BY agent'),
      tags: col(
        'SELECT DISTINCT j.value AS v FROM sessions, json_each(sessions.tags) j ORDER BY v',
      ),
      statuses: col("SELECT DISTINCT status AS v FROM sessions WHERE status != '' ORDER BY status"),
    };
  }

  sessions(q: URLSearchParams, red: Redaction): SessionsPage {
    const f: LogFilter = {};
    for (const k of ['project', 'agent', 'since', 'until', 'tag', 'status'] as const) {
      const v = q.get(k);
      if (v) f[k] = k === 'since' || k === 'until' ? isoDay(v, k === 'until') : v;
    }
    if (q.get('hidden') === '1') f.includeHidden = true;
    const offset = int(q.get('offset'), 0);
    const limit = Math.min(int(q.get('limit'), 200), MAX_PAGE);
    const sessions = listSessions(this.data.db, { ...f, offset, limit }).map((s) => ({
      ...s,
      title: red.text(s.title),
    }));
    return { version: JSON_VERSION, sessions, total: countSessions(this.data.db, f), offset };
  }

  search(q: URLSearchParams, red: Redaction): SearchPage {
    const query = q.get('q') ?? '';
    const project = q.get('project');
    const agent = q.get('agent');
    const hits = search(this.data.db, query, {
      limit: Math.min(int(q.get('limit'), 50), 500),
      ...(project ? { project } : {}),
      ...(agent ? { agent } : {}),
    });
    const results = searchResults(hits).map((h) => ({
      ...h,
      title: red.text(h.title),
      snippet: red.text(h.snippet),
    }));
    return { version: JSON_VERSION, query, results, redactions: red.count };
  }

  async show(id: string, red: Redaction): Promise<ShowJson & { redactions: number }> {
    const s = findSession(this.data.db, id);
    const events = sessionEvents(this.data.db, s.id);
    const detail = addTurnChanges(
      sessionDetail(s, events, this.data.text),
      await turnChanges(events, this.data.paths.checkpoints, s.cwd),
    );
    for (const p of detail.prompts) p.text = red.text(p.text);
    detail.title = red.text(detail.title);
    return { version: JSON_VERSION, session: detail, redactions: red.count };
  }

  timeline(id: string, q: URLSearchParams, red: Redaction): TimelinePage & { focus?: number } {
    const s = findSession(this.data.db, id);
    const rows = timelineRows(sessionEvents(this.data.db, s.id));
    const offset = int(q.get('offset'), 0);
    const limit = Math.min(int(q.get('limit'), 300), MAX_PAGE);
    const page = rows
      .slice(offset, offset + limit)
      .map((r) => ({ ...r, event: previews(r.event, red) }));
    const at = q.get('at');
    const prompt = q.get('prompt');
    let focus = at ? rows.findIndex((r) => r.event.id === at || r.event.id === `t-${at}`) : -1;
    if (focus < 0 && prompt)
      focus = rows.findIndex(
        (r) => r.event.kind === 'prompt' && !r.event.agentId && r.event.promptNo === Number(prompt),
      );
    const seq = q.get('seq');
    if (focus < 0 && seq) focus = rows.findIndex((r) => r.event.seq === Number(seq));
    return {
      version: JSON_VERSION,
      session: s.id,
      total: rows.length,
      offset,
      rows: page,
      ...(focus >= 0 ? { focus } : {}),
    };
  }

  event(id: string, seq: string, red: Redaction): EventJson {
    const s = findSession(this.data.db, id);
    const e = sessionEvents(this.data.db, s.id).find((x) => x.seq === Number(seq));
    if (!e)
      throw new TrailError('EVENT_NOT_FOUND', `session ${s.id.slice(0, 8)} has no event ${seq}`, {
        seq,
      });
    const full = fullEvent(previews(e, red), this.data.text);
    full.text = red.text(full.text);
    full.outputText = red.text(full.outputText);
    if (full.changes)
      full.changes = full.changes.map((c) => ({ ...c, patchText: red.text(c.patchText) }));
    return { version: JSON_VERSION, session: s.id, event: full, redactions: red.count };
  }

  async diff(
    id: string,
    q: URLSearchParams,
    red: Redaction,
  ): Promise<DiffJson & { redactions: number }> {
    const s = findSession(this.data.db, id);
    const events = sessionEvents(this.data.db, s.id);
    const prompt = q.get('prompt') ? int(q.get('prompt'), 0) : undefined;
    const eventId = q.get('event') ?? undefined;
    const turns = eventId
      ? []
      : await turnChanges(events, this.data.paths.checkpoints, s.cwd, prompt);
    const changes = diffChanges(s, events, this.data.text, turns, {
      ...(prompt !== undefined ? { prompt } : {}),
      ...(eventId ? { eventId } : {}),
    }).map((c) => ({ ...c, patchText: red.text(c.patchText) }));
    return {
      version: JSON_VERSION,
      session: s.id,
      prompt: prompt ?? null,
      changes,
      redactions: red.count,
    };
  }

  blame(q: URLSearchParams, red: Redaction): BlameJson & { redactions: number } {
    const file = q.get('file');
    if (!file) throw new TrailError('USAGE', 'blame needs ?file=<path>');
    const r = blame({
      db: this.data.db,
      blobText: this.data.text,
      checkpointsDir: this.data.paths.checkpoints,
      file,
      ...(q.get('cwd') ? { cwd: q.get('cwd')! } : {}),
    });
    const lines = r.lines.map((l) => {
      const j = blameLineJson(l);
      return { ...j, text: red.text(j.text), promptText: red.text(j.promptText) };
    });
    return {
      version: JSON_VERSION,
      file: r.path,
      root: r.root,
      total: r.total,
      lines,
      redactions: red.count,
    };
  }

  checkpoints(id: string): CheckpointsJson {
    const list = listCheckpoints(this.data.db, id);
    return { version: JSON_VERSION, session: list.sessionId, checkpoints: list.checkpoints };
  }
}

/** An event with its short texts passed through the page's redaction. */
function previews(e: IndexedEvent, red: Redaction): IndexedEvent {
  return {
    ...e,
    preview: red.text(e.preview),
    ...(e.command !== undefined ? { command: red.text(e.command) } : {}),
    ...(e.outputPreview !== undefined ? { outputPreview: red.text(e.outputPreview) } : {}),
  };
}

function int(v: string | null, dflt: number): number {
  const n = Number(v);
  return v !== null && v !== '' && Number.isInteger(n) && n >= 0 ? n : dflt;
}

/** A date from the page (`2026-11-01`) as the index compares it; an end date covers its whole day. */
function isoDay(v: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return end ? `${v}T23:59:59.999Z` : `${v}T00:00:00.000Z`;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()))
    throw new TrailError('USAGE', `cannot read ${JSON.stringify(v)} as a date`);
  return d.toISOString();
}
