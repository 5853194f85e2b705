import type { AssistantEvent, TokenUsage, ToolEvent } from '@trail/model';
import { arr, isObj, num, obj, str, text, tsMs, type Obj } from './json.js';
import type { RawRecord } from './records.js';
import type { Scope, SessionSink } from './sink.js';
import type { ThreadStatus } from './thread.js';
import { normalizeClaudeTool } from './tools.js';
import { recordHash } from './emit-user.js';

/** The model that wrote Claude Code's own error and interruption messages. */
export const SYNTHETIC_MODEL = '<synthetic>';

/** The message.id of an assistant record (its uuid when an odd record lacks one). */
export function messageIdOf(rec: RawRecord): string {
  return text((rec.o.message as Obj).id) ?? rec.uuid ?? recordHash(rec);
}

/** The content blocks of an assistant record (a string content is one text block). */
export function assistantBlocks(rec: RawRecord): Obj[] {
  const c = (rec.o.message as Obj).content;
  return typeof c === 'string' ? [{ type: 'text', text: c }] : arr(c).filter(isObj);
}

/** Token usage of an API response, or undefined when the record has none. */
export function usageOf(message: Obj): TokenUsage | undefined {
  const u = message.usage;
  if (!isObj(u)) return undefined;
  return {
    input: num(u.input_tokens) ?? 0,
    output: num(u.output_tokens) ?? 0,
    cacheRead: num(u.cache_read_input_tokens) ?? 0,
    cacheCreate: num(u.cache_creation_input_tokens) ?? 0,
  };
}

/**
 * Folds one assistant record into what is known of its response: the model, the usage
 * (each record repeats it, and the output count grows while streaming, so the largest of
 * each figure is kept: counted once per message.id), and whether a visible text block
 * outside abandoned branches will carry that usage.
 */
export function noteResponse(sink: SessionSink, rec: RawRecord, status: ThreadStatus): void {
  const m = rec.o.message as Obj;
  const info = sink.message(messageIdOf(rec));
  const model = text(m.model);
  if (model !== undefined) info.model ??= model;
  const u = usageOf(m);
  if (u) {
    const cur = info.usage;
    info.usage = cur
      ? {
          input: Math.max(cur.input, u.input),
          output: Math.max(cur.output, u.output),
          cacheRead: Math.max(cur.cacheRead, u.cacheRead),
          cacheCreate: Math.max(cur.cacheCreate, u.cacheCreate),
        }
      : u;
  }
  if (
    status !== 'abandoned' &&
    assistantBlocks(rec).some(
      (b) => b.type === 'text' && typeof b.text === 'string' && b.text.trim() !== '',
    )
  ) {
    info.visibleText = true;
  }
}

/** Emits the events of one assistant record: text, reasoning and tool calls. */
export function emitAssistant(
  sink: SessionSink,
  rec: RawRecord,
  status: ThreadStatus,
  scope: Scope,
): void {
  const m = rec.o.message as Obj;
  if (rec.o.isApiErrorMessage === true) {
    if (status === 'abandoned') sink.skipped++;
    else {
      const message =
        assistantBlocks(rec)
          .map((b) => str(b.text) ?? '')
          .join('\n')
          .trim() ||
        (str(rec.o.error) ?? 'API error');
      sink.emit(
        {
          kind: 'error',
          id: `e-${rec.uuid ?? recordHash(rec)}`,
          ts: rec.ts ?? '',
          message,
          ...scope,
        },
        rec,
      );
    }
    return;
  }
  const mid = messageIdOf(rec);
  const info = sink.message(mid);
  const model = text(m.model);
  const ts = rec.ts ?? '';
  let produced = false;
  if (!info.started) {
    info.started = true;
    // A response with no text (only tool calls or thinking) still cost tokens: one empty
    // assistant event carries its usage, so the session's totals are complete.
    if (status !== 'abandoned' && !info.visibleText && info.usage && model !== SYNTHETIC_MODEL) {
      info.usageGiven = true;
      sink.emit(
        {
          kind: 'assistant',
          id: `a-${mid}-0`,
          ts,
          text: '',
          ...(model ? { model } : {}),
          usage: info.usage,
          ...scope,
        },
        rec,
      );
      produced = true;
    }
  }
  let unknownBlocks = 0;
  const blocks = assistantBlocks(rec);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'text') {
      const n = info.texts++;
      const t = str(b.text) ?? '';
      if (status === 'abandoned' || t.trim() === '') continue;
      const ev: AssistantEvent = {
        kind: 'assistant',
        id: `a-${mid}-${n}`,
        ts,
        text: t,
        ...(model ? { model } : {}),
        ...scope,
      };
      if (!info.usageGiven && info.usage && model !== SYNTHETIC_MODEL) {
        ev.usage = info.usage;
        info.usageGiven = true;
      }
      sink.emit(ev, rec);
      produced = true;
    } else if (b.type === 'thinking') {
      const n = info.thinkings++;
      const t = str(b.thinking) ?? '';
      if (status === 'abandoned' || t.trim() === '') continue;
      sink.emit({ kind: 'reasoning', id: `r-${mid}-${n}`, ts, text: t, ...scope }, rec);
      produced = true;
    } else if (b.type === 'tool_use') {
      emitToolUse(sink, rec, toolUseIdOf(rec, b, i), b, scope);
      produced = true;
    } else if (b.type !== 'redacted_thinking') unknownBlocks++;
  }
  if (!produced) {
    if (unknownBlocks > 0 && rec.raw !== undefined && status !== 'abandoned') {
      const kinds = blocks.map((b) => str(b.type) ?? '?');
      sink.emit(
        {
          kind: 'unknown',
          id: `u-${rec.uuid ?? recordHash(rec)}`,
          ts,
          recordType: `assistant:${kinds.join(',')}`,
          raw: rec.raw,
          ...scope,
        },
        rec,
      );
    } else sink.skipped++;
  }
}

/** The id of a tool_use block (a hash of its record when a malformed block lacks one). */
export function toolUseIdOf(rec: RawRecord, block: Obj, index: number): string {
  return text(block.id) ?? `x${recordHash(rec)}-${index}`;
}

/** Emits a tool call with its paired result (if any), normalized like the hook path does. */
function emitToolUse(
  sink: SessionSink,
  rec: RawRecord,
  id: string,
  block: Obj,
  scope: Scope,
): void {
  const name = str(block.name) ?? 'unknown';
  const input = block.input ?? null;
  const res = sink.results.get(id);
  const norm = normalizeClaudeTool(name, input, res?.tur, {
    ...(res?.isError !== undefined ? { isError: res.isError } : {}),
    ...(res?.text !== undefined ? { resultText: res.text } : {}),
    ...(sink.cwd !== undefined ? { cwd: sink.cwd } : {}),
  });
  const ev: ToolEvent = {
    kind: 'tool',
    id: `t-${id}`,
    ts: rec.ts ?? '',
    name,
    input,
    ...norm,
    ...scope,
  };
  const spawned = norm.spawnedAgentId ?? sink.agentOfTool.get(id);
  if (spawned !== undefined) ev.spawnedAgentId = spawned;
  const start = tsMs(rec.ts);
  const end = tsMs(res?.ts);
  if (start !== undefined && end !== undefined && end >= start) ev.durationMs = end - start;
  sink.emit(ev, rec);
}

/** The model named by an assistant record. */
export function modelOf(rec: RawRecord): string | undefined {
  return text(obj(rec.o.message).model);
}
