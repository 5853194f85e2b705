import { environmentCwd, isInjectedContext } from './injected.js';
import { arr, obj, str, tryJson } from './json-value.js';
import type { CodexModes } from './modes.js';
import type { CodexSessionBuilder } from './session-builder.js';

/** A response item (the model-visible history) and where it came from. */
export interface ItemRecord {
  payload: Record<string, unknown>;
  ts: string;
  raw: string;
  /** Record type to report when the item is not understood (`response_item/x` or `x`). */
  unknownType: string;
}

const OUTPUTS = new Set([
  'function_call_output',
  'custom_tool_call_output',
  'local_shell_call_output',
  'tool_search_output',
]);

/**
 * Feeds one response item to the builder. Shared by every era: the envelope wraps these
 * in `{type:"response_item", payload}`, the pre-envelope JSONL and the TypeScript CLI's
 * JSON write them bare.
 */
export function handleResponseItem(
  b: CodexSessionBuilder,
  rec: ItemRecord,
  modes: CodexModes,
): void {
  const p = rec.payload;
  const type = str(p.type) ?? (str(p.role) ? 'message' : '');
  switch (type) {
    case 'message':
      return message(b, p, rec.ts, modes);
    case 'reasoning': {
      if (!modes.reasoningFromItems) return;
      const summary = texts(arr(p.summary));
      const text = summary || texts(arr(p.content));
      if (text) b.reasoning(text, rec.ts);
      return;
    }
    case 'function_call':
      return b.toolCall({
        callId: str(p.call_id) ?? str(p.id) ?? '',
        name: str(p.name) ?? 'function',
        input: args(p.arguments),
        ts: rec.ts,
      });
    case 'custom_tool_call':
      return b.toolCall({
        callId: str(p.call_id) ?? str(p.id) ?? '',
        name: str(p.name) ?? 'custom',
        input: p.input,
        ts: rec.ts,
      });
    case 'local_shell_call':
      return b.toolCall({
        callId: str(p.call_id) ?? str(p.id) ?? '',
        name: 'local_shell',
        input: p.action,
        ts: rec.ts,
      });
    case 'web_search_call': {
      const callId = str(p.call_id) ?? str(p.id) ?? '';
      b.toolCall({ callId, name: 'web_search', input: p.action, ts: rec.ts });
      if (callId && p.status !== 'in_progress')
        b.toolOutput(
          callId,
          p.status === 'failed' ? { content: 'failed', success: false } : '',
          rec.ts,
        );
      return;
    }
    case 'ghost_snapshot': {
      const id = str(obj(p.ghost_commit)?.id);
      if (id) b.checkpoint(id, rec.ts);
      else b.unknown(rec.unknownType, rec.raw, rec.ts);
      return;
    }
    case 'compaction':
    case 'compaction_summary':
      if (modes.compaction === 'item') b.system('compaction', undefined, rec.ts);
      return;
    default:
      if (OUTPUTS.has(type)) {
        if (!b.toolOutput(str(p.call_id) ?? '', p.output, rec.ts))
          b.unknown(rec.unknownType, rec.raw, rec.ts);
        return;
      }
      b.unknown(rec.unknownType, rec.raw, rec.ts);
  }
}

function message(
  b: CodexSessionBuilder,
  p: Record<string, unknown>,
  ts: string,
  modes: CodexModes,
): void {
  const role = str(p.role);
  const parts = typeof p.content === 'string' ? [p.content] : partTexts(arr(p.content));
  if (role === 'user') {
    for (const part of parts) {
      const cwd = environmentCwd(part);
      if (cwd) b.fallbackCwd(cwd);
    }
    // injected context may share a message with what the person typed: drop it part by part
    const typed = parts.filter((t) => t.trim() !== '' && !isInjectedContext(t)).join('\n\n');
    if (!modes.promptsFromEvents && typed) b.prompt(typed, ts);
  } else if (role === 'assistant') {
    const text = parts.join('\n\n');
    if (modes.assistantFromItems && text.trim()) b.assistant(text, ts);
  }
  // developer and system messages are instructions, not conversation
}

/** The texts of content parts (`input_text`, `output_text`, `summary_text`, `text`...). */
function partTexts(parts: unknown[]): string[] {
  return parts
    .map((x) => str(obj(x)?.text))
    .filter((t): t is string => t !== undefined && t !== '');
}

function texts(parts: unknown[]): string {
  return partTexts(parts).join('\n\n');
}

function args(a: unknown): unknown {
  if (typeof a !== 'string') return a;
  const parsed = tryJson(a);
  return parsed === undefined ? a : parsed;
}
