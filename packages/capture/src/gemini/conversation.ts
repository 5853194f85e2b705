import { obj, str } from '../codex/json-value.js';
import { parseJsonLines, splitLines } from '../codex/jsonl.js';
import type { ProblemLog } from '../codex/problem.js';

/** A Gemini conversation record, as loaded from either file layout. */
export interface GeminiConversation {
  sessionId?: string;
  projectHash?: string;
  startTime?: string;
  lastUpdated?: string;
  summary?: string;
  directories?: string[];
  kind?: string;
  messages: Record<string, unknown>[];
}

/**
 * Loads a Gemini session: the classic single JSON document
 * `{sessionId, projectHash, startTime, lastUpdated, messages, summary?}`, or the newer JSONL
 * log (a metadata line, message records — a repeated id replaces the earlier record in place —
 * `{"$set": {...}}` metadata updates and `{"$rewindTo": id}` rewinds that drop that message
 * and everything after it). Returns undefined when the text is neither.
 */
export function loadGeminiConversation(
  text: string,
  file: string,
  log: ProblemLog,
): GeminiConversation | undefined {
  const trimmed = text.trim();
  if (!file.endsWith('.jsonl') && trimmed.startsWith('{')) {
    try {
      const doc = obj(JSON.parse(trimmed));
      if (doc && Array.isArray(doc.messages)) return fromDocument(doc);
    } catch {
      // not one document: fall through to the JSONL reading
    }
  }
  const records = parseJsonLines(splitLines(text), log, text.endsWith('\n'));
  if (records.length === 0) return undefined;
  let meta: Record<string, unknown> = {};
  const messages = new Map<string, Record<string, unknown>>();
  for (const { value, line } of records) {
    const rewind = str(value.$rewindTo);
    const set = obj(value.$set);
    if (rewind !== undefined) {
      const ids = [...messages.keys()];
      const at = ids.indexOf(rewind);
      if (at < 0)
        log.add(line, `rewind to unknown message ${rewind}: all messages dropped, as Gemini does`);
      for (const id of at < 0 ? ids : ids.slice(at)) messages.delete(id);
    } else if (set) meta = { ...meta, ...set };
    else if (typeof value.id === 'string') {
      messages.set(value.id, value); // a re-recorded message replaces the earlier one in place
    } else if (typeof value.sessionId === 'string') meta = { ...meta, ...value };
    else log.add(line, 'record of unknown shape ignored');
  }
  if (meta.sessionId === undefined && messages.size === 0) return undefined;
  const conv = fromDocument({ ...meta, messages: [] });
  conv.messages =
    Array.isArray(meta.messages) && meta.messages.length > 0
      ? (meta.messages as unknown[]).flatMap((m) => (obj(m) ? [obj(m)!] : []))
      : [...messages.values()];
  return conv;
}

function fromDocument(doc: Record<string, unknown>): GeminiConversation {
  const conv: GeminiConversation = {
    messages: (doc.messages as unknown[]).flatMap((m) => (obj(m) ? [obj(m)!] : [])),
  };
  for (const key of [
    'sessionId',
    'projectHash',
    'startTime',
    'lastUpdated',
    'summary',
    'kind',
  ] as const) {
    const v = str(doc[key]);
    if (v !== undefined) conv[key] = v;
  }
  if (Array.isArray(doc.directories))
    conv.directories = doc.directories.filter((d): d is string => typeof d === 'string');
  return conv;
}
