import { isTrailError, TrailError } from '@trail/model';
import { findSession } from '@trail/store/query';
import { JSON_VERSION, type AnnotateJson, type ErrorJson } from '@trail/api';
import { withStore } from '../store-session.js';
import { Activity } from './activity.js';
import type { UiData } from './data.js';
import { exportFile } from './export.js';
import { ReadRoutes } from './read-routes.js';
import { Redaction } from './redaction.js';

/** A JSON answer with its HTTP status. */
export interface ApiAnswer {
  status: number;
  body: object;
}

/** HTTP status for each error code the API can answer with; anything else is a 500. */
const STATUS: Record<string, number> = {
  USAGE: 400,
  BLAME_BINARY: 400,
  BAD_JSON: 400,
  SESSION_NOT_FOUND: 404,
  EVENT_NOT_FOUND: 404,
  PROMPT_NOT_FOUND: 404,
  FILE_MISSING: 404,
  FILE_NEVER_SEEN: 404,
  NOT_FOUND: 404,
  SESSION_AMBIGUOUS: 409,
  EXPORT_UNAVAILABLE: 501,
  STORE_LOCKED: 503,
};

/** The web view's JSON API over one store. Routes and shapes are documented in docs/ui.md. */
export class Api {
  private readonly read: ReadRoutes;
  private readonly activity: Activity;

  constructor(private readonly data: UiData) {
    this.read = new ReadRoutes(data);
    this.activity = new Activity(data);
  }

  /** Answers one request; errors become `{version, error: {code, message}}`. */
  async handle(method: string, url: URL, body: unknown): Promise<ApiAnswer> {
    try {
      await this.data.fresh();
      if (method === 'POST' && url.pathname === '/api/reveal')
        return { status: 200, body: await this.reveal(body) };
      return { status: 200, body: await this.route(method, url, body, new Redaction(false)) };
    } catch (e) {
      const code = isTrailError(e) ? e.code : 'ERROR';
      const error: ErrorJson = {
        version: JSON_VERSION,
        error: { code, message: e instanceof Error ? e.message : String(e) },
      };
      return { status: STATUS[code] ?? 500, body: error };
    }
  }

  private async route(method: string, url: URL, body: unknown, red: Redaction): Promise<object> {
    const q = url.searchParams;
    const parts = url.pathname.split('/').slice(2).map(decodeURIComponent); // after /api/
    const [a, id, b, c] = parts;
    if (method === 'GET') {
      if (a === 'facets' && parts.length === 1) return this.read.facets();
      if (a === 'sessions' && parts.length === 1) return this.read.sessions(q, red);
      if (a === 'search' && parts.length === 1) return this.read.search(q, red);
      if (a === 'blame' && parts.length === 1) return this.read.blame(q, red);
      if (a === 'activity' && parts.length === 1) return this.activity.get(q.get('project') ?? '');
      if (a === 'sessions' && id) {
        if (parts.length === 2) return this.read.show(id, red);
        if (b === 'timeline' && parts.length === 3) return this.read.timeline(id, q, red);
        if (b === 'diff' && parts.length === 3) return this.read.diff(id, q, red);
        if (b === 'checkpoints' && parts.length === 3) return this.read.checkpoints(id);
        if (b === 'events' && c !== undefined && parts.length === 4)
          return this.read.event(id, c, red);
        if (b === 'annotations' && parts.length === 3) return this.annotations(id, red);
      }
    }
    if (method === 'POST' && a === 'sessions' && id && parts.length === 3) {
      if (b === 'annotations') return this.annotate(id, body);
      if (b === 'export')
        return exportFile(
          this.data,
          findSession(this.data.db, id).id,
          String(q.get('format') ?? 'md'),
          q.get('policy') ?? undefined,
        );
    }
    throw new TrailError('NOT_FOUND', `no API route ${method} ${url.pathname}`);
  }

  /** Repeats a GET without redaction: revealing is one deliberate request, never a default. */
  private async reveal(body: unknown): Promise<object> {
    const path = (body as { path?: unknown } | null)?.path;
    if (typeof path !== 'string' || !path.startsWith('/api/'))
      throw new TrailError('USAGE', 'reveal needs {"path": "/api/..."}');
    return this.route('GET', new URL(path, 'http://127.0.0.1'), undefined, new Redaction(true));
  }

  /** A session's annotations as stored (the note lives only in its document, not in the index). */
  private async annotations(spec: string, red: Redaction): Promise<AnnotateJson> {
    const id = findSession(this.data.db, spec).id;
    const doc = await withStore(this.data.opts, (store) => store.sessionDoc(id));
    const a = doc?.annotations;
    const annotations = {
      tags: { ...(a?.tags ?? {}) },
      note: red.text(String(a?.note ?? '')),
      status: String(a?.status ?? ''),
      hidden: a?.hidden === true,
    };
    return { version: JSON_VERSION, session: id, annotations };
  }

  /** Writes tags, note, status or hidden through the same collaborative fields as `trail annotate`. */
  private async annotate(spec: string, body: unknown): Promise<AnnotateJson> {
    const b = (body ?? {}) as Record<string, unknown>;
    const strings = (v: unknown) =>
      Array.isArray(v)
        ? v
            .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
            .map((x) => x.trim())
        : undefined;
    const addTags = strings(b.addTags);
    const removeTags = strings(b.removeTags);
    const edits = {
      ...(addTags ? { addTags } : {}),
      ...(removeTags ? { removeTags } : {}),
      ...(typeof b.note === 'string' ? { note: b.note } : {}),
      ...(typeof b.status === 'string' ? { status: b.status } : {}),
      ...(typeof b.hidden === 'boolean' ? { hidden: b.hidden } : {}),
    };
    const id = findSession(this.data.db, spec).id;
    const { annotateSession } = await import('@trail/sync');
    const annotations = await withStore(this.data.opts, (store) =>
      annotateSession(store, id, edits),
    );
    return { version: JSON_VERSION, session: id, annotations };
  }
}
