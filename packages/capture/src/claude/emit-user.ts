import { stableHash, type SystemEvent } from '@trail/model';
import { arr, isObj, str, type Obj } from './json.js';
import {
  classifyUserText,
  claudePromptId,
  hasImage,
  hasToolResult,
  normalizePromptText,
  promptText,
} from './prompt.js';
import type { RawRecord } from './records.js';
import type { Scope, SessionSink } from './sink.js';
import type { ThreadStatus } from './thread.js';
import { toolResultText } from './tool-text.js';

/** Records the tool results a user record carries (first result per tool_use id wins). */
export function collectResults(sink: SessionSink, rec: RawRecord): void {
  const content = (rec.o.message as Obj).content;
  const blocks = arr(content).filter((b): b is Obj => isObj(b) && b.type === 'tool_result');
  for (const b of blocks) {
    const id = str(b.tool_use_id);
    if (id === undefined || sink.results.has(id)) continue;
    const resultText = toolResultText(b.content);
    sink.results.set(id, {
      ...(typeof b.is_error === 'boolean' ? { isError: b.is_error } : {}),
      ...(resultText !== undefined ? { text: resultText } : {}),
      // toolUseResult describes the record's result; it is ambiguous when several share it.
      ...(blocks.length === 1 && rec.o.toolUseResult !== undefined
        ? { tur: rec.o.toolUseResult }
        : {}),
      ...(rec.ts !== undefined ? { ts: rec.ts } : {}),
    });
  }
}

/** The human-prompt text of a user record, or undefined when the record is something else. */
export function userPromptOf(rec: RawRecord): string | undefined {
  if (rec.type !== 'user' || rec.broken || rec.o.isMeta === true || rec.o.isCompactSummary === true)
    return undefined;
  const content = (rec.o.message as Obj).content;
  if (hasToolResult(content)) return undefined;
  const c = classifyUserText(promptText(content));
  if (c.kind === 'prompt') return c.text;
  return c.kind === 'empty' && hasImage(content) ? '[image]' : undefined;
}

/** Emits a prompt, numbering repeated texts per thread; abandoned prompts only count. */
export function emitPrompt(
  sink: SessionSink,
  rec: RawRecord,
  text: string,
  status: ThreadStatus,
  scope: Scope,
): void {
  const norm = normalizePromptText(text);
  const k = sink.nextOccurrence(scope.agentId ?? '', norm);
  if (status === 'abandoned') {
    sink.skipped++;
    return;
  }
  const id = claudePromptId(sink.sessionId, text, k, scope.agentId);
  sink.emit({ kind: 'prompt', id, ts: rec.ts ?? '', text, ...scope }, rec);
}

/** Emits a system event for a record (`s-<uuid>`). */
export function emitSystem(
  sink: SessionSink,
  rec: RawRecord,
  subtype: string,
  text: string | undefined,
  scope: Scope,
  id?: string,
): void {
  const ev: SystemEvent = {
    kind: 'system',
    id: id ?? `s-${rec.uuid ?? recordHash(rec)}`,
    ts: rec.ts ?? '',
    subtype,
    ...scope,
  };
  if (text !== undefined && text !== '') ev.text = text;
  sink.emit(ev, rec);
}

/** A stable stand-in for a missing uuid: the hash of the raw line (or of the record's JSON). */
export function recordHash(rec: RawRecord): string {
  return stableHash(rec.raw ?? JSON.stringify(rec.o));
}

/** Turns a user record into its event: a prompt, a system event, or nothing (meta, results). */
export function emitUser(
  sink: SessionSink,
  rec: RawRecord,
  status: ThreadStatus,
  scope: Scope,
): void {
  const content = (rec.o.message as Obj).content;
  if (hasToolResult(content)) {
    // The results are merged into their tool events; text beside them is a note or an interruption.
    for (const b of arr(content)) {
      if (!isObj(b) || b.type !== 'text' || typeof b.text !== 'string') continue;
      const c = classifyUserText(b.text);
      if (c.kind === 'empty') continue;
      if (status === 'abandoned') sink.skipped++;
      else emitSystem(sink, rec, c.kind === 'interrupt' ? 'interrupt' : 'user_text', c.text, scope);
    }
    return;
  }
  if (rec.o.isCompactSummary === true) {
    if (status === 'abandoned') sink.skipped++;
    else emitSystem(sink, rec, 'compact_summary', promptText(content), scope);
    return;
  }
  if (rec.o.isMeta === true) {
    sink.skipped++;
    return;
  }
  const prompt = userPromptOf(rec);
  if (prompt !== undefined) {
    emitPrompt(sink, rec, prompt, status, scope);
    return;
  }
  const c = classifyUserText(promptText(content));
  if (c.kind === 'meta' || c.kind === 'empty' || status === 'abandoned') sink.skipped++;
  else emitSystem(sink, rec, c.kind, c.text, scope);
}
