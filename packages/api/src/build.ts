// Builders of the JSON shapes: the CLI's commands and the web view's server both call these,
// so `trail diff --json` and `GET /api/sessions/:id/diff` are the same bytes for the same store.
import { relativeTo } from '@trail/model';
import type { Origin } from '@trail/history';
import {
  SNIPPET_CLOSE,
  SNIPPET_OPEN,
  type BlobText,
  type IndexedEvent,
  type SearchHit,
  type SessionDetail,
  type SessionSummary,
} from '@trail/store/query';
import type { BlameLineJson, DiffChange, FullEvent, SearchResult } from './types.js';

/** What to take changes from: a whole session, one prompt, or one tool call (by event id). */
export interface DiffScope {
  prompt?: number;
  eventId?: string;
}

/** A file a turn changed outside any edit tool (a shell command, a formatter), from its checkpoints. */
export interface TurnChangeInput {
  prompt: number;
  path: string;
  op: 'create' | 'modify' | 'delete';
  added: number;
  removed: number;
  patchText: string;
}

/**
 * The changes a session (or one prompt, or one tool call) made, by prompt, with their patches:
 * those of edit tools, then those its turns made by other means (`tool: 'turn'`).
 */
export function diffChanges(
  s: SessionSummary,
  events: readonly IndexedEvent[],
  text: BlobText,
  turns: readonly TurnChangeInput[],
  scope: DiffScope = {},
): DiffChange[] {
  const tools: DiffChange[] = events
    .filter(
      (e) =>
        (scope.prompt === undefined || e.promptNo === scope.prompt) &&
        (scope.eventId === undefined || e.id === scope.eventId),
    )
    .flatMap((e) =>
      (e.changes ?? []).map((ch) => {
        const patch = ch.patch ? text(ch.patch) : undefined;
        return {
          path: s.cwd ? relativeTo(s.cwd, ch.path) : ch.path,
          op: ch.op,
          added: ch.added,
          removed: ch.removed,
          prompt: e.promptNo,
          tool: e.tool ?? '',
          eventId: e.id,
          patchText: patch !== undefined ? relativeHeaders(patch, s.cwd) || null : null,
        };
      }),
    );
  const shell: DiffChange[] =
    scope.eventId !== undefined
      ? []
      : turns
          .filter((t) => scope.prompt === undefined || t.prompt === scope.prompt)
          .map((t) => ({
            path: t.path,
            op: t.op,
            added: t.added,
            removed: t.removed,
            prompt: t.prompt,
            tool: 'turn',
            eventId: null,
            patchText: t.patchText,
          }));
  return [...tools, ...shell].sort((a, b) => a.prompt - b.prompt);
}

/** Adds the files turns changed outside edit tools to a session's detail (as `trail show` lists them). */
export function addTurnChanges(
  detail: SessionDetail,
  turns: readonly TurnChangeInput[],
): SessionDetail {
  for (const t of turns) {
    const c = { path: t.path, op: t.op, added: t.added, removed: t.removed };
    detail.prompts.find((p) => p.index === t.prompt)?.filesChanged.push({ ...c });
    const cur = detail.filesChanged.find((f) => f.path === t.path);
    if (cur) {
      cur.added += t.added;
      cur.removed += t.removed;
    } else detail.filesChanged.push(c);
  }
  return detail;
}

/** Rewrites `--- a/<abs>` / `+++ b/<abs>` headers to paths relative to the session's directory. */
export function relativeHeaders(patch: string, cwd: string): string {
  if (!cwd) return patch;
  return patch.replace(
    /^(---|\+\+\+) (a|b)\/(.+)$/gm,
    (_m, sign: string, side: string, p: string) => {
      const abs = p.startsWith('/') || /^[a-z]:/i.test(p) ? p : '/' + p;
      const rel = relativeTo(cwd, abs);
      // outside cwd: recorded relative (Codex, aider, git headers) or elsewhere; keep it as recorded
      return `${sign} ${side}/${rel === abs ? p : rel}`;
    },
  );
}

/** Search hits as printed: the match markers become `[` and `]`. */
export function searchResults(hits: readonly SearchHit[]): SearchResult[] {
  return hits.map((h) => ({
    ...h,
    snippet: h.snippet.replaceAll(SNIPPET_OPEN, '[').replaceAll(SNIPPET_CLOSE, ']'),
  }));
}

/** One blamed line as JSON: the origin's fields flattened, absent ones null. */
export function blameLineJson(l: {
  line: number;
  text: string;
  origin: Origin;
  originLine: number;
}): BlameLineJson {
  const o = l.origin;
  return {
    line: l.line,
    text: l.text,
    kind: o.kind,
    sessionId: o.sessionId ?? null,
    prompt: o.prompt ?? null,
    promptText: o.promptText ?? null,
    tool: o.tool ?? null,
    toolCallId: o.toolCallId ?? null,
    agent: o.agent ?? null,
    agentId: o.agentId ?? null,
    model: o.model ?? null,
    ts: o.ts ?? null,
    inferred: o.inferred,
    originLine: l.originLine,
  };
}

/** An event with its full text read from blobs, as `trail show --full --json` lists it. */
export function fullEvent(e: IndexedEvent, text: BlobText): FullEvent {
  return {
    ...e,
    ...(e.body ? { text: text(e.body) } : {}),
    ...(e.output ? { outputText: text(e.output) } : {}),
    ...(e.changes
      ? {
          changes: e.changes.map((ch) => ({
            ...ch,
            ...(ch.patch ? { patchText: text(ch.patch) } : {}),
          })),
        }
      : {}),
  };
}
