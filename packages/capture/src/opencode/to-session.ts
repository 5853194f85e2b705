import {
  relativeTo,
  type AssistantEvent,
  type CapturedEvent,
  type CapturedSession,
  type CheckpointEvent,
  type TokenUsage,
} from '@trail/model';
import { arr, num, obj, str } from '../codex/json-value.js';
import type { OpencodeImportStats, OpencodeSessionRecord } from './records.js';
import { isoTime, opencodeToolEvent } from './tools.js';

/** Parts that only mark step boundaries; their content is elsewhere. */
const SILENT = new Set(['step-finish', 'file', 'agent']);

/**
 * Maps one OpenCode session to trail's model. Ids are OpenCode's own (`p-<msg id>`,
 * `a-<part id>`, `t-<callID>`...), so the JSON-file store and the SQLite store, and any
 * re-import, give the same ids. User messages become prompts (synthetic parts, which
 * OpenCode injects, excluded); assistant parts become reasoning, text and tool events;
 * OpenCode's per-step snapshots become checkpoints; unknown part types are kept.
 */
export function toCapturedSession(
  rec: OpencodeSessionRecord,
  stats: OpencodeImportStats,
): CapturedSession {
  const info = rec.info;
  const id = str(info.id) ?? '';
  const time = obj(info.time);
  const created = isoTime(time?.created, '');
  const session: CapturedSession = { id, agent: 'opencode', events: [] };
  const cwd = str(info.directory) ?? rec.worktree;
  if (cwd) session.cwd = cwd;
  const title = str(info.title);
  if (title) session.title = title;
  const version = str(info.version);
  if (version) session.agentVersion = version;
  if (created) session.startedAt = created;
  const updated = isoTime(time?.updated, '');
  if (updated) session.endedAt = updated;
  const models = new Map<string, number>();
  stats.sessions++;
  for (const { info: m, parts } of rec.messages) {
    stats.messages++;
    stats.parts += parts.length;
    const msgId = str(m.id) ?? '';
    const ts = isoTime(obj(m.time)?.created, created);
    const role = str(m.role);
    if (role === 'user') {
      const text = parts
        .filter((p) => p.type === 'text' && p.synthetic !== true && p.ignored !== true)
        .map((p) => str(p.text) ?? '')
        .join('\n')
        .trim();
      if (text) {
        stats.prompts++;
        session.events.push({ id: `p-${msgId}`, kind: 'prompt', ts, text });
      }
      continue;
    }
    const model = str(m.modelID);
    if (model) models.set(model, (models.get(model) ?? 0) + 1);
    let usage = tokenUsage(obj(m.tokens));
    const done = isoTime(obj(m.time)?.completed, ts);
    for (const p of parts) {
      const e = partEvent(p, p.type === 'patch' ? done : ts, cwd, model, stats);
      if (!e) continue;
      if (e.kind === 'assistant' && usage) {
        e.usage = usage;
        usage = undefined;
      }
      session.events.push(e);
    }
    const error = obj(m.error);
    if (error) {
      const message = str(obj(error.data)?.message) ?? str(error.name) ?? 'error';
      session.events.push({
        id: `e-${msgId}`,
        kind: 'error',
        ts: isoTime(obj(m.time)?.completed, ts),
        message,
      });
    }
  }
  let best = 0;
  for (const [m, n] of models)
    if (n > best) {
      best = n;
      session.model = m;
    }
  return session;
}

function partEvent(
  p: Record<string, unknown>,
  msgTs: string,
  cwd: string | undefined,
  model: string | undefined,
  stats: OpencodeImportStats,
): CapturedEvent | undefined {
  const id = str(p.id) ?? '';
  const type = str(p.type) ?? '';
  const ts = isoTime(obj(p.time)?.start, msgTs);
  switch (type) {
    case 'text': {
      const text = str(p.text) ?? '';
      if (!text.trim() || p.synthetic === true) return undefined;
      const a: AssistantEvent = { id: `a-${id}`, kind: 'assistant', ts, text };
      if (model) a.model = model;
      return a;
    }
    case 'reasoning': {
      const text = str(p.text) ?? '';
      return text.trim() ? { id: `r-${id}`, kind: 'reasoning', ts, text } : undefined;
    }
    case 'tool': {
      const e = opencodeToolEvent(p, msgTs, cwd);
      stats.tools++;
      if (e.category === 'command') stats.commands++;
      stats.edits += e.changes?.length ?? 0;
      return e;
    }
    case 'step-start':
    case 'snapshot':
    case 'patch': {
      // OpenCode snapshots the worktree (in a private git repo) when a step starts and lists
      // the files each step changed
      const checkpointId = str(p.snapshot) ?? str(p.hash);
      if (!checkpointId) return undefined;
      const c: CheckpointEvent = {
        id: `g-${id}`,
        kind: 'checkpoint',
        ts,
        checkpointId,
        moment: type === 'patch' ? 'end' : 'start',
      };
      if (cwd) c.root = cwd;
      if (type === 'patch')
        c.changed = arr(p.files).flatMap((f) =>
          typeof f === 'string' ? [cwd ? relativeTo(cwd, f) : f] : [],
        );
      return c;
    }
    case 'compaction':
      return {
        id: `s-${id}`,
        kind: 'system',
        ts,
        subtype: 'compaction',
        text: p.auto === true ? 'automatic' : 'manual',
      };
    case 'subtask':
      return {
        id: `s-${id}`,
        kind: 'system',
        ts,
        subtype: 'subtask',
        text: str(p.prompt) ?? str(p.description) ?? '',
      };
    case 'retry': {
      const err = obj(p.error);
      return {
        id: `e-${id}`,
        kind: 'error',
        ts: isoTime(obj(p.time)?.created, msgTs),
        message: str(obj(err?.data)?.message) ?? str(err?.name) ?? 'retry',
      };
    }
    default:
      if (SILENT.has(type)) return undefined;
      stats.unknown++;
      return {
        id: `u-${id}`,
        kind: 'unknown',
        ts,
        recordType: `part/${type}`,
        // keys sorted, so both stores (which order them differently) keep the same text
        raw: JSON.stringify(
          Object.fromEntries(Object.entries(p).sort(([a], [b]) => (a < b ? -1 : 1))),
        ),
      };
  }
}

/** OpenCode's per-message token counts in trail's shape. */
function tokenUsage(t: Record<string, unknown> | undefined): TokenUsage | undefined {
  if (!t) return undefined;
  const cache = obj(t.cache);
  return {
    input: num(t.input) ?? 0,
    output: (num(t.output) ?? 0) + (num(t.reasoning) ?? 0),
    cacheRead: num(cache?.read) ?? 0,
    cacheCreate: num(cache?.write) ?? 0,
  };
}
