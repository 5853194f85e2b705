import type { CapturedSession } from '@trail/model';
import { str } from '../codex/json-value.js';
import type { OpencodeImportStats, OpencodeSessionRecord } from './records.js';
import { toCapturedSession } from './to-session.js';

/**
 * Maps OpenCode sessions to trail's, folding each subagent session (a session with a
 * `parentID`, started by the parent's `task` tool) into its parent, as trail models
 * subagents: its events carry `agentId` (the child session id) and `parentToolId` (the
 * task call), and follow that call in the timeline. A child whose parent is not among
 * `records` stays a session of its own.
 */
export function assembleSessions(
  records: readonly OpencodeSessionRecord[],
  stats: OpencodeImportStats,
): CapturedSession[] {
  const sessions = records.map((r) => toCapturedSession(r, stats));
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const parentOf = new Map(records.map((r) => [str(r.info.id) ?? '', str(r.info.parentID)]));
  const folded = new Set<string>();
  // deepest children first, so grandchildren travel up with their parent
  const depth = (id: string): number => {
    let d = 0;
    for (let p = parentOf.get(id); p && byId.has(p) && d < 64; p = parentOf.get(p)) d++;
    return d;
  };
  for (const child of [...sessions].sort((a, b) => depth(b.id) - depth(a.id))) {
    const parent = byId.get(parentOf.get(child.id) ?? '');
    if (!parent) continue;
    const at = parent.events.findIndex((e) => e.kind === 'tool' && e.spawnedAgentId === child.id);
    const parentToolId = at >= 0 ? parent.events[at]!.id : undefined;
    const moved = child.events.map((e) => ({
      ...e,
      agentId: e.agentId ?? child.id,
      ...(parentToolId && !e.parentToolId ? { parentToolId } : {}),
    }));
    parent.events.splice(at >= 0 ? at + 1 : parent.events.length, 0, ...moved);
    folded.add(child.id);
  }
  return sessions.filter((s) => !folded.has(s.id));
}
