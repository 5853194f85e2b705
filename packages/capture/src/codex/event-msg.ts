import { isInjectedContext } from './injected.js';
import { num, obj, str } from './json-value.js';
import type { CodexModes } from './modes.js';
import type { CodexSessionBuilder } from './session-builder.js';
import type { CodexTokenUsage } from './stats.js';

/**
 * UI events that only repeat what response items already hold, or carry nothing worth
 * keeping (progress, deltas, begin markers). They are consumed, not reported as unknown.
 */
const REDUNDANT = new Set([
  'agent_reasoning_raw_content',
  'agent_reasoning_section_break',
  'agent_message_delta',
  'agent_reasoning_delta',
  'agent_reasoning_raw_content_delta',
  'task_started',
  'task_complete',
  'turn_started',
  'turn_complete',
  'item_started',
  'item_completed',
  'exec_command_begin',
  'exec_command_output_delta',
  'patch_apply_begin',
  'patch_apply_end',
  'mcp_tool_call_begin',
  'mcp_tool_call_end',
  'web_search_begin',
  'web_search_end',
  'view_image_tool_call',
  'plan_update',
  'turn_diff',
  'background_event',
  'session_configured',
  'shutdown_complete',
  'undo_started',
  'raw_response_item',
  'get_history_entry_response',
  'mcp_list_tools_response',
  'list_custom_prompts_response',
  'deprecation_notice',
]);

/** Feeds one `event_msg` payload to the builder. */
export function handleEventMsg(
  b: CodexSessionBuilder,
  p: Record<string, unknown>,
  ts: string,
  raw: string,
  modes: CodexModes,
): void {
  const type = str(p.type) ?? '';
  switch (type) {
    case 'user_message': {
      const text = str(p.message) ?? '';
      const kind = str(p.kind);
      if (
        modes.promptsFromEvents &&
        text.trim() &&
        (kind === undefined || kind === 'plain') &&
        !isInjectedContext(text)
      )
        b.prompt(text, ts);
      return;
    }
    case 'agent_message': {
      const text = str(p.message) ?? '';
      if (!modes.assistantFromItems && text.trim()) b.assistant(text, ts);
      return;
    }
    case 'agent_reasoning': {
      const text = str(p.text) ?? '';
      if (!modes.reasoningFromItems && text.trim()) b.reasoning(text, ts);
      return;
    }
    case 'token_count': {
      const total = obj(obj(p.info)?.total_token_usage);
      if (total) b.usage(tokenUsage(total));
      return;
    }
    case 'turn_aborted':
      return b.abortTurn(str(p.reason), ts);
    case 'context_compacted':
      if (modes.compaction === 'event') b.system('compaction', undefined, ts);
      return;
    case 'error':
      return b.error(str(p.message) ?? 'error', ts);
    case 'stream_error':
    case 'warning':
      return b.system(type, str(p.message), ts);
    case 'entered_review_mode':
    case 'exited_review_mode':
      return b.system(type, str(obj(p.review_request)?.user_facing_hint) ?? str(p.message), ts);
    case 'undo_completed':
      return b.system('undo', str(p.message), ts);
    case 'exec_command_end':
      return b.toolEnded(str(p.call_id) ?? '', num(p.exit_code));
    default:
      if (!REDUNDANT.has(type)) b.unknown(`event_msg/${type}`, raw, ts);
  }
}

/** Codex token counts in trail's shape; `input` excludes cached input, as Claude's does. */
export function tokenUsage(u: Record<string, unknown>): CodexTokenUsage {
  const input = num(u.input_tokens) ?? 0;
  const cached = num(u.cached_input_tokens) ?? 0;
  const output = num(u.output_tokens) ?? 0;
  return {
    input: Math.max(0, input - cached),
    output,
    cacheRead: cached,
    cacheCreate: 0,
    reasoning: num(u.reasoning_output_tokens) ?? 0,
    total: num(u.total_tokens) ?? input + output,
  };
}
