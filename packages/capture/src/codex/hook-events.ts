import type { CapturedEvent, ToolEvent } from '@trail/model';
import { assistantEventId, promptEventId } from './ids.js';
import { num, obj, str } from './json-value.js';
import { KnownFiles } from './known-files.js';
import { buildToolEvent } from './tool-call.js';
import { applyToolOutput } from './tool-result.js';

/** A Codex hook payload mapped to trail's model. */
export interface CodexHookMapping {
  /** `hook_event_name` of the payload. */
  hookEvent: string;
  sessionId: string;
  turnId?: string;
  cwd?: string;
  model?: string;
  /** The rollout file (`transcript_path`), for a later tail import. */
  transcriptPath?: string;
  /** Events with the same ids the rollout importer gives the same work. */
  events: CapturedEvent[];
}

/** Options of {@link codexHookPayloadToEvents}. */
export interface CodexHookOptions {
  /** Timestamp for the events (hook payloads carry none); default: now. */
  now?: string;
  /**
   * How many earlier prompts (or, for Stop, assistant messages) of this session had the
   * same text; the caller (the spool, which keeps them) knows. Default 0.
   */
  occurrence?: number;
}

/**
 * Maps a Codex hook payload (formats.md 2.5: `session_id`, `turn_id`, `transcript_path`,
 * `cwd`, `model`, `tool_name`, `tool_input`, `tool_response`, `tool_use_id`...) to captured
 * events: UserPromptSubmit → a prompt, PreToolUse → a pending tool call, PostToolUse → the
 * completed call with its files changed, Stop → the last assistant message. Other events
 * (SessionStart, compaction...) carry only session metadata. Ids equal the importer's:
 * `t-<tool_use_id>` for tools, `p-<hash>-<k>` for prompts, `a-<hash>-<k>` for assistant text.
 */
export function codexHookPayloadToEvents(
  payload: unknown,
  opts: CodexHookOptions = {},
): CodexHookMapping {
  const p = obj(payload) ?? {};
  const sessionId = str(p.session_id) ?? '';
  const mapping: CodexHookMapping = {
    hookEvent: str(p.hook_event_name) ?? '',
    sessionId,
    events: [],
  };
  for (const [key, field] of [
    ['turnId', 'turn_id'],
    ['cwd', 'cwd'],
    ['model', 'model'],
    ['transcriptPath', 'transcript_path'],
  ] as const) {
    const v = str(p[field]);
    if (v) mapping[key] = v;
  }
  const ts = opts.now ?? new Date().toISOString();
  const k = opts.occurrence ?? 0;
  switch (mapping.hookEvent) {
    case 'UserPromptSubmit': {
      const text = str(p.prompt) ?? '';
      if (text.trim())
        mapping.events.push({ id: promptEventId(sessionId, text, k), kind: 'prompt', ts, text });
      break;
    }
    case 'Stop':
    case 'SubagentStop': {
      const text = str(p.last_assistant_message) ?? '';
      if (text.trim()) {
        const e: CapturedEvent = {
          id: assistantEventId(sessionId, text, k),
          kind: 'assistant',
          ts,
          text,
        };
        if (mapping.model) e.model = mapping.model;
        mapping.events.push(e);
      }
      break;
    }
    case 'PreToolUse':
    case 'PostToolUse':
    case 'PostToolUseFailure':
      mapping.events.push(toolEvent(p, mapping, ts));
      break;
  }
  return mapping;
}

function toolEvent(p: Record<string, unknown>, m: CodexHookMapping, ts: string): ToolEvent {
  const toolName = str(p.tool_name) ?? 'tool';
  const input = p.tool_input;
  const callId = str(p.tool_use_id) ?? '';
  // hooks name Codex's shell tools "Bash" with {command}; read them as shell_command does
  const asName = toolName === 'Bash' ? 'shell_command' : toolName;
  const asInput = toolName === 'apply_patch' ? patchText(input) : input;
  const { event } = buildToolEvent(
    { callId, name: asName, input: asInput, ts },
    m.cwd ? { cwd: m.cwd, known: new KnownFiles() } : { known: new KnownFiles() },
  );
  event.name = toolName;
  event.input = input;
  if (m.hookEvent === 'PreToolUse') return event;
  const response = p.tool_response;
  const r = obj(response);
  const code = num(r?.exit_code) ?? num(r?.exitCode) ?? num(r?.exit);
  const text =
    typeof response === 'string'
      ? response
      : (str(r?.output) ??
        str(r?.stdout) ??
        str(r?.content) ??
        (response === undefined ? '' : JSON.stringify(response)));
  applyToolOutput(
    event,
    code !== undefined ? JSON.stringify({ output: text, metadata: { exit_code: code } }) : text,
  );
  if (m.hookEvent === 'PostToolUseFailure') {
    event.status = 'error';
    event.error = str(p.error) ?? event.error ?? 'failed';
  }
  return event;
}

function patchText(input: unknown): string {
  if (typeof input === 'string') return input;
  const o = obj(input);
  return str(o?.command) ?? str(o?.input) ?? str(o?.patch) ?? '';
}
