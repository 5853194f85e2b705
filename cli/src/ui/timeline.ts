import type { IndexedEvent, TimelineRow } from '@trail/api';

/**
 * A session's events in display order: each subagent's events right after the tool call that
 * started it, one level deeper (recursively), the rest in recorded order. Subagent events
 * whose starting call is unknown stay where they were, indented.
 */
export function timelineRows(events: readonly IndexedEvent[]): TimelineRow[] {
  const byAgent = new Map<string, IndexedEvent[]>();
  const spawner = new Map<string, string>(); // agentId -> event id of the call that started it
  const ids = new Set(events.map((e) => e.id));
  for (const e of events) {
    if (e.spawnedAgentId) spawner.set(e.spawnedAgentId, e.id);
  }
  for (const e of events) {
    if (!e.agentId) continue;
    if (!spawner.has(e.agentId) && e.parentToolId) {
      const call = ids.has(`t-${e.parentToolId}`)
        ? `t-${e.parentToolId}`
        : ids.has(e.parentToolId)
          ? e.parentToolId
          : undefined;
      if (call) spawner.set(e.agentId, call);
    }
    const list = byAgent.get(e.agentId) ?? [];
    list.push(e);
    byAgent.set(e.agentId, list);
  }
  const childrenOf = new Map<string, string[]>(); // event id -> agent ids it started
  for (const [agent, call] of spawner)
    if (byAgent.has(agent)) childrenOf.set(call, [...(childrenOf.get(call) ?? []), agent]);

  const rows: TimelineRow[] = [];
  const placed = new Set<string>();
  const shown = new Set<IndexedEvent>();
  const emit = (e: IndexedEvent, depth: number): void => {
    shown.add(e);
    const row: TimelineRow = { depth, event: e };
    rows.push(row);
    const agents = childrenOf.get(e.id);
    if (!agents || depth > 8) return;
    const start = rows.length;
    for (const a of agents) {
      if (placed.has(a)) continue;
      placed.add(a);
      for (const c of byAgent.get(a) ?? []) if (!blank(c)) emit(c, depth + 1);
    }
    row.nested = rows.length - start;
  };
  for (const e of events) {
    if (e.agentId && spawner.has(e.agentId)) continue; // placed under the call that started it
    if (blank(e)) continue;
    emit(e, e.agentId ? 1 : 0);
  }
  // nesting deeper than the limit, or a cycle of calls: nothing is ever dropped
  for (const e of events) if (!shown.has(e) && !blank(e)) emit(e, 1);
  return rows;
}

/** An assistant record that only carried a tool call: nothing to show of its own. */
function blank(e: IndexedEvent): boolean {
  return e.kind === 'assistant' && !e.body && !e.preview;
}
