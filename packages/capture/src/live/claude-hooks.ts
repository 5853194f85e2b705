import { stableHash, type CapturedEvent, type CapturedSession, type ToolEvent } from '@trail/model';
import type { SpoolRecord } from '@trail/store/spool';
import { claudePromptId, isSlashCommandPrompt, normalizeClaudeTool } from '../claude/index.js';
import { checkpointEvent } from './checkpoint-record.js';

/** Per-session state the live path keeps between ingests, so ids match the importer's. */
export interface LiveState {
  /** Occurrences of each normalised prompt text seen so far (main thread and per subagent). */
  prompts: Record<string, number>;
  transcriptPath?: string;
  cwd?: string;
  model?: string;
  ended?: boolean;
}

type Payload = Record<string, unknown>;

const s = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

/**
 * Turns the spooled hook payloads of one Claude Code session into captured events, with
 * exactly the ids the transcript importer gives the same work (tool calls by tool_use_id,
 * prompts by text and occurrence), so hook capture and import fold into one session.
 */
export function claudeHookEvents(
  sessionId: string,
  records: readonly SpoolRecord[],
  state: LiveState,
): CapturedSession {
  const session: CapturedSession = { id: sessionId, agent: 'claude-code', events: [] };
  const tools = new Map<string, ToolEvent>();
  for (const r of records) {
    const p = (r.payload && typeof r.payload === 'object' ? r.payload : {}) as Payload;
    const ts = new Date(r.t).toISOString();
    const cwd = s(p.cwd);
    if (cwd) state.cwd = cwd;
    if (s(p.transcript_path)) state.transcriptPath = s(p.transcript_path);
    const agentId = s(p.agent_id);
    const base = { ts, ...(agentId ? { agentId } : {}) };
    session.startedAt ??= ts;
    session.endedAt = ts;
    switch (r.event) {
      case 'SessionStart':
        if (s(p.model)) state.model = s(p.model);
        break;
      case 'UserPromptSubmit': {
        const text = typeof p.prompt === 'string' ? p.prompt : '';
        // Slash commands are not prompts; the transcript records them as system events.
        if (isSlashCommandPrompt(text)) break;
        const norm = text.trim().replace(/\s+/g, ' ');
        const key = stableHash(agentId ?? '', norm);
        const k = state.prompts[key] ?? 0;
        state.prompts[key] = k + 1;
        session.events.push({
          kind: 'prompt',
          id: claudePromptId(sessionId, text, k, agentId),
          text,
          ...base,
        });
        break;
      }
      case 'PreToolUse':
      case 'PostToolUse':
      case 'PostToolUseFailure': {
        const toolId =
          s(p.tool_use_id) ?? `h${stableHash(String(r.t), JSON.stringify(p.tool_input ?? null))}`;
        const name = s(p.tool_name) ?? 'unknown';
        const done = r.event !== 'PreToolUse';
        const failed = r.event === 'PostToolUseFailure';
        const norm = normalizeClaudeTool(
          name,
          p.tool_input,
          done && !failed ? p.tool_response : undefined,
          {
            isError: failed,
            ...(failed ? { errorText: s(p.error) ?? 'failed' } : {}),
            ...(state.cwd ? { cwd: state.cwd } : {}),
          },
        );
        const prev = tools.get(toolId);
        const ev: ToolEvent = {
          kind: 'tool',
          id: `t-${toolId}`,
          name,
          input: p.tool_input ?? null,
          ...norm,
          status: done ? (p.is_interrupt === true ? 'interrupted' : norm.status) : 'pending',
          ...base,
          ...(prev ? { ts: prev.ts } : {}),
          ...(typeof p.duration_ms === 'number' ? { durationMs: p.duration_ms } : {}),
        };
        if (prev) Object.assign(prev, ev);
        else {
          tools.set(toolId, ev);
          session.events.push(ev);
        }
        break;
      }
      case 'TrailCheckpoint': {
        const c = checkpointEvent(r, base);
        if (c) session.events.push(c);
        break;
      }
      case 'SessionEnd':
        state.ended = true;
        session.events.push(systemEvent(sessionId, r, 'session-end', s(p.reason) ?? '', base));
        break;
      case 'Stop':
      case 'SubagentStop':
        break;
      case 'PreCompact':
      case 'PostCompact':
      case 'Notification':
        session.events.push(
          systemEvent(
            sessionId,
            r,
            r.event.toLowerCase(),
            s(p.message) ?? s(p.trigger) ?? '',
            base,
          ),
        );
        break;
      default:
        break;
    }
  }
  if (state.cwd) session.cwd = state.cwd;
  if (state.model) session.model = state.model;
  return session;
}

function systemEvent(
  sessionId: string,
  r: SpoolRecord,
  subtype: string,
  text: string,
  base: { ts: string; agentId?: string },
): CapturedEvent {
  return {
    kind: 'system',
    id: `s-h${stableHash(sessionId, String(r.t), r.event)}`,
    subtype,
    ...(text ? { text } : {}),
    ...base,
  };
}
