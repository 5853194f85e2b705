// Shapes only the web view's API serves (paging, timelines, activity). Each reuses the
// CLI's items (SessionSummary, IndexedEvent...) so the page and the CLI never disagree.
import type { LogJson, SearchJson, Versioned, FullEvent } from './types.js';
import type { IndexedEvent } from '@trail/store/query';

/** `GET /api/sessions`: one page of `trail log --json`, with the total that matched. */
export interface SessionsPage extends LogJson {
  total: number;
  offset: number;
}

/** `GET /api/search`: `trail search --json`, with how many secrets were hidden in snippets. */
export interface SearchPage extends SearchJson {
  redactions: number;
}

/** What the session list can be filtered by. */
export interface FacetsJson extends Versioned {
  projects: { id: string; name: string; sessions: number; lastActive: string }[];
  agents: string[];
  tags: string[];
  statuses: string[];
}

/** One row of a timeline: an event, indented under the tool call whose subagent made it. */
export interface TimelineRow {
  depth: number;
  event: IndexedEvent;
  /** For a tool call that started a subagent: how many rows nest under it. */
  nested?: number;
}

/** `GET /api/sessions/:id/timeline`: one page of a session's rows in display order. */
export interface TimelinePage extends Versioned {
  session: string;
  total: number;
  offset: number;
  rows: TimelineRow[];
}

/** `GET /api/sessions/:id/events/:seq`: one event with its full (redacted by default) text. */
export interface EventJson extends Versioned {
  session: string;
  event: FullEvent;
  /** How many secrets were replaced by placeholders. */
  redactions: number;
}

/** Lines of a project's files by who wrote them, from blame. */
export interface LineShare {
  state: 'pending' | 'ready' | 'unavailable';
  /** Written by an agent's tool call or turn. */
  agent: number;
  /** Changed by a person between turns. */
  human: number;
  /** Older than trail's records. */
  before: number;
  /** Files blamed (files agents changed that still exist). */
  files: number;
  /** Lines in the project's other tracked files, which no agent changed. */
  untouched: number;
  /** Why the share is unavailable, when it is. */
  reason?: string;
}

/** `GET /api/activity?project=`: what agents did in a project. */
export interface ActivityJson extends Versioned {
  project: string;
  projectName: string;
  root: string | null;
  sessions: number;
  days: { day: string; sessions: number }[];
  files: { path: string; changes: number; added: number; removed: number; sessions: number }[];
  lines: LineShare;
}

/** `POST /api/reveal`: repeats a GET of the API without redaction (a deliberate, local click). */
export interface RevealRequest {
  /** An API path with its query, e.g. `/api/sessions/3f2a/events/12`. */
  path: string;
}

/** `POST /api/sessions/:id/export`: the file `trail export` writes. */
export interface ExportJson extends Versioned {
  fileName: string;
  mediaType: string;
  content: string;
}

/** Every error the API answers with. */
export interface ErrorJson extends Versioned {
  error: { code: string; message: string };
}
