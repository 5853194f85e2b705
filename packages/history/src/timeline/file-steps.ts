import type { DatabaseSync } from 'node:sqlite';
import type { BlobRef, DocFileChange } from '@trail/model';
import type { IndexedEvent } from '@trail/store/query';
import type { EditStep, ObserveStep, Step } from '../blame/engine.js';
import type { Recorded, Source } from '../blame/state.js';
import type { Origin } from '../blame/origin.js';
import { CheckpointReader } from './checkpoint-reader.js';
import { recordedToRel } from './paths.js';
import {
  checkpointPrompt,
  loadSession,
  sessionsChangingPath,
  sessionsWithCheckpointsAt,
  type SessionHistory,
} from './sessions.js';

/** Reads a blob's text; undefined when it is gone (purged) or unreadable. */
export type BlobTextReader = (ref: BlobRef) => string | undefined;

/** Where a file's history comes from. */
export interface HistorySource {
  db: DatabaseSync;
  blobText: BlobTextReader;
  checkpointsDir: string;
  /** The working tree the file belongs to (a real path). */
  root: string;
  /** Absolute spellings of the file (as given, real path). */
  absolutes: readonly string[];
  /** The file relative to root, `/`-separated. */
  rel: string;
  /** Only the project's sessions from other machines match by relative path. */
  project?: () => string;
}

/** A step with where it sits in time. */
export interface Timed {
  ts: string;
  step: Step;
}

/**
 * The history of one file as steps in time order: the checkpoints of its tree (what the
 * file held at each) and the recorded changes of every session that touched it, across
 * sessions, merged by time. Each session's own order is kept as recorded.
 */
export function fileSteps(src: HistorySource): { steps: Timed[]; sessions: string[] } {
  const withCheckpoints = new Set(sessionsWithCheckpointsAt(src.db, src.root));
  const ids = new Set([
    ...withCheckpoints,
    ...sessionsChangingPath(src.db, src.absolutes, src.rel),
  ]);
  const sessions = [...ids]
    .map((id) => loadSession(src.db, id))
    .filter((s): s is SessionHistory => s !== undefined);
  const reader = new CheckpointReader(src.checkpointsDir, src.root);
  const wanted = sessions.flatMap((s) =>
    s.events.filter((e) => isCheckpointOf(e, src.root)).map((e) => String(e.checkpointId)),
  );
  reader.load(wanted, src.rel);
  const lists = sessions
    .sort(
      (a, b) =>
        a.info.startedAt.localeCompare(b.info.startedAt) || a.info.id.localeCompare(b.info.id),
    )
    .map((s) => sessionSteps(s, src, reader))
    .filter((l) => l.length > 0);
  return { steps: mergeByTime(lists), sessions: sessions.map((s) => s.info.id) };
}

function isCheckpointOf(e: IndexedEvent, root: string): boolean {
  return e.kind === 'checkpoint' && e.root === root && typeof e.checkpointId === 'string';
}

function sessionSteps(s: SessionHistory, src: HistorySource, reader: CheckpointReader): Timed[] {
  const { info } = s;
  const confirmed = s.events.some(
    (e) => isCheckpointOf(e, src.root) && reader.has(String(e.checkpointId)),
  );
  const foreignOk =
    info.localCwd !== undefined || (src.project !== undefined && info.project === src.project());
  const turns = new Map<string, Origin>();
  const turn = (prompt: number, ts: string): Origin => {
    const key = `${prompt}@${ts}`;
    let o = turns.get(key);
    if (!o)
      turns.set(
        key,
        (o = {
          kind: 'turn',
          sessionId: info.id,
          agent: info.agent,
          ...(info.model ? { model: info.model } : {}),
          ...promptOf(s, prompt),
          ts,
          inferred: !confirmed,
        }),
      );
    return o;
  };
  const out: Timed[] = [];
  // the model that last answered on each thread (the main one, and each subagent's)
  const models = new Map<string, string>();
  s.events.forEach((e, i) => {
    if (e.kind === 'assistant' && e.model) models.set(e.agentId ?? '', e.model);
    if (isCheckpointOf(e, src.root)) {
      const content = reader.content(String(e.checkpointId));
      if (content === undefined) return; // taken on another machine, or too large to read
      const prompt = checkpointPrompt(s.events, i);
      const gap: Origin =
        e.subtype === 'end' || e.subtype === 'subagent-end'
          ? turn(prompt, e.ts)
          : { kind: 'human', ts: e.ts, inferred: false };
      const step: ObserveStep = {
        kind: 'observe',
        content,
        gap,
        baseline: { kind: 'before', ts: e.ts, inferred: false },
        checkpoint: String(e.checkpointId),
      };
      out.push({ ts: e.ts, step });
      return;
    }
    if (e.kind !== 'tool' || !e.changes || !foreignOk) return;
    for (const c of e.changes) {
      const model = models.get(e.agentId ?? '') ?? info.model;
      const edit = editOf(c, s, src, e, model, !confirmed, turn);
      if (edit) out.push({ ts: e.ts, step: edit });
    }
  });
  return out;
}

function editOf(
  c: DocFileChange,
  s: SessionHistory,
  src: HistorySource,
  e: IndexedEvent,
  model: string,
  inferred: boolean,
  turn: (p: number, ts: string) => Origin,
): EditStep | undefined {
  const here = recordedToRel(src.root, s.info, c.path) === src.rel;
  const from = c.fromPath !== undefined && recordedToRel(src.root, s.info, c.fromPath) === src.rel;
  if (!here && !from) return undefined;
  const origin: Origin = {
    kind: 'tool',
    sessionId: s.info.id,
    agent: s.info.agent,
    ...(e.agentId ? { agentId: e.agentId } : {}),
    ...(model ? { model } : {}),
    ...promptOf(s, e.promptNo),
    toolCallId: e.id.replace(/^t-/, ''),
    tool: e.tool ?? 'tool',
    ts: e.ts,
    inferred,
  };
  const gap: Origin =
    e.promptNo > 0 ? turn(e.promptNo, e.ts) : { kind: 'human', ts: e.ts, inferred: true };
  const baseline: Origin = { kind: 'before', ts: e.ts, inferred: true };
  const text = (r: BlobRef | undefined): Recorded | undefined => (r ? recorded(src, r) : undefined);
  const step = (
    before: Source | undefined,
    after: Source | undefined,
    patch?: Recorded,
  ): EditStep => ({
    kind: 'edit',
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    ...(patch !== undefined ? { patch } : {}),
    origin,
    gap,
    baseline,
  });
  if (c.op === 'rename')
    return here ? step(null, text(c.after) ?? text(c.before)) : step(text(c.before), null);
  return step(
    c.op === 'create' ? null : text(c.before),
    c.op === 'delete' ? null : text(c.after),
    text(c.patch),
  );
}

/** A blob as a lazily read, cached source, known by its id. */
function recorded(src: HistorySource, ref: BlobRef): Recorded {
  let cached: { v: string | undefined } | undefined;
  return {
    key: `blob:${ref.hash}`,
    read: () => (cached ??= { v: src.blobText(ref) }).v,
  };
}

function promptOf(s: SessionHistory, n: number): { prompt?: number; promptText?: string } {
  if (n <= 0) return {};
  const text = s.prompts.get(n);
  return text !== undefined ? { prompt: n, promptText: text } : { prompt: n };
}

/** Merges per-session step lists by time, keeping each list's own order. */
function mergeByTime(lists: Timed[][]): Timed[] {
  const at = lists.map(() => 0);
  const out: Timed[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const next = lists[i]![at[i]!];
      if (next && (best < 0 || next.ts < lists[best]![at[best]!]!.ts)) best = i;
    }
    if (best < 0) return out;
    out.push(lists[best]![at[best]!++]!);
  }
}
