import type { JsonLine } from './jsonl.js';
import { obj, str } from './json-value.js';

/**
 * Which copy of duplicated content to read (formats.md 2.2: prompts, assistant text and
 * reasoning appear both as response items and as UI events). Decided per file, before
 * reading it, so each piece of content is imported exactly once.
 */
export interface CodexModes {
  /** Prompts from `event_msg/user_message` (else from non-injected user messages). */
  promptsFromEvents: boolean;
  /** Assistant text from `response_item/message` (else from `agent_message`). */
  assistantFromItems: boolean;
  /** Reasoning from `response_item/reasoning` (else from `agent_reasoning`). */
  reasoningFromItems: boolean;
  /** Which record marks a compaction: `compacted` lines, compaction items, or UI events. */
  compaction: 'compacted' | 'item' | 'event';
}

/** Scans the records of a file for the copies it holds. */
export function scanModes(records: readonly JsonLine[]): CodexModes {
  let userEvents = false;
  let assistantItems = false;
  let reasoningItems = false;
  let compacted = false;
  let compactionItems = false;
  for (const { value } of records) {
    const payload = obj(value.payload);
    const top = str(value.type);
    const inner = payload ? str(payload.type) : top;
    const item = payload ? (top === 'response_item' ? payload : undefined) : value;
    if (top === 'event_msg' && inner === 'user_message') userEvents = true;
    else if (top === 'compacted') compacted = true;
    else if (item) {
      if (inner === 'message' && item.role === 'assistant') assistantItems = true;
      else if (inner === 'reasoning') reasoningItems = true;
      else if (inner === 'compaction' || inner === 'compaction_summary') compactionItems = true;
    }
  }
  return {
    promptsFromEvents: userEvents,
    assistantFromItems: assistantItems,
    reasoningFromItems: reasoningItems,
    compaction: compacted ? 'compacted' : compactionItems ? 'item' : 'event',
  };
}
