import type { CapturedSession, ToolEvent } from '@trail/model';
import type { SpoolRecord } from '@trail/store/spool';
import { codexHookPayloadToEvents, normText } from '../codex/index.js';
import { checkpointEvent } from './checkpoint-record.js';
import type { LiveState } from './claude-hooks.js';

/** What the Codex live path keeps between ingests, beside the Claude fields it shares. */
export interface CodexLiveState extends LiveState {
  /** Occurrences of each normalised assistant message seen so far (Stop payloads). */
  assistants?: Record<string, number>;
}

/**
 * Turns the spooled hook payloads of one Codex session into captured events with the ids
 * the rollout importer gives the same work (formats.md 2.5): prompts and final assistant
 * messages by text and occurrence, tool calls by `tool_use_id`. Checkpoint lines the hook
 * entry point took around each turn become checkpoint events. The rollout itself
 * (`transcript_path`) is folded in afterwards by the ingest, for what hooks never see.
 */
export function codexHookEvents(
  sessionId: string,
  records: readonly SpoolRecord[],
  state: CodexLiveState,
): CapturedSession {
  const session: CapturedSession = { id: sessionId, agent: 'codex', events: [] };
  const tools = new Map<string, ToolEvent>();
  const assistants = (state.assistants ??= {});
  for (const r of records) {
    const ts = new Date(r.t).toISOString();
    session.startedAt ??= ts;
    session.endedAt = ts;
    if (r.event === 'TrailCheckpoint') {
      const c = checkpointEvent(r, { ts });
      if (c) session.events.push(c);
      continue;
    }
    const p = (r.payload && typeof r.payload === 'object' ? r.payload : {}) as Record<
      string,
      unknown
    >;
    // occurrences are counted per text, as the importer's ids are
    const text =
      r.event === 'UserPromptSubmit'
        ? p.prompt
        : r.event === 'Stop' || r.event === 'SubagentStop'
          ? p.last_assistant_message
          : undefined;
    const counts = r.event === 'UserPromptSubmit' ? state.prompts : assistants;
    const key = typeof text === 'string' && text.trim() ? normText(text) : undefined;
    const m = codexHookPayloadToEvents(
      { hook_event_name: r.event, ...p },
      { now: ts, occurrence: key ? (counts[key] ?? 0) : 0 },
    );
    if (key && m.events.length > 0) counts[key] = (counts[key] ?? 0) + 1;
    if (m.cwd) state.cwd = m.cwd;
    if (m.model) state.model = m.model;
    if (m.transcriptPath) state.transcriptPath = m.transcriptPath;
    for (const e of m.events) {
      if (e.kind !== 'tool') {
        session.events.push(e);
        continue;
      }
      const prev = tools.get(e.id);
      if (!prev) {
        tools.set(e.id, e);
        session.events.push(e);
      } else Object.assign(prev, { ...e, ts: prev.ts });
    }
  }
  if (state.cwd) session.cwd = state.cwd;
  if (state.model) session.model = state.model;
  return session;
}
