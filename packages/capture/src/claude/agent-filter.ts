import { assistantBlocks, messageIdOf, toolUseIdOf } from './emit-assistant.js';
import { userPromptOf } from './emit-user.js';
import { arr, isObj, obj, str } from './json.js';
import { normalizePromptText } from './prompt.js';
import type { RawRecord } from './records.js';
import type { SessionSink } from './sink.js';
import { isReplayingAgent, isWarmup, type AgentGroup } from './agents.js';

/** What the main thread already holds, to recognize agent records that only repeat it. */
interface MainIndex {
  uuids: ReadonlySet<string>;
  /** `type|subtype|timestamp` of every main record: a copy keeps its record's timestamp. */
  stamps: Set<string>;
  messages: Set<string>;
  tools: Set<string>;
  prompts: Set<string>;
}

function indexMain(conv: readonly RawRecord[], uuids: ReadonlySet<string>): MainIndex {
  const main: MainIndex = {
    uuids,
    stamps: new Set(),
    messages: new Set(),
    tools: new Set(),
    prompts: new Set(),
  };
  for (const r of conv) {
    if (r.ts !== undefined) main.stamps.add(stampOf(r));
    if (r.broken) continue;
    if (r.type === 'assistant') {
      main.messages.add(messageIdOf(r));
      assistantBlocks(r).forEach((b, i) => {
        if (b.type === 'tool_use') main.tools.add(toolUseIdOf(r, b, i));
      });
    }
    const p = userPromptOf(r);
    if (p !== undefined) main.prompts.add(normalizePromptText(p));
  }
  return main;
}

function stampOf(r: RawRecord): string {
  return `${r.type}|${str(r.o.subtype) ?? ''}|${r.ts ?? ''}`;
}

/** True for an agent record that repeats the main thread (same uuid, response, results or prompt). */
function repeatsMain(main: MainIndex, r: RawRecord): boolean {
  if (r.uuid !== undefined && main.uuids.has(r.uuid)) return true;
  if (r.broken) return false;
  if (r.type === 'assistant') return main.messages.has(messageIdOf(r));
  if (r.type !== 'user') return false;
  const results = arr(obj(r.o.message).content).filter((b) => isObj(b) && b.type === 'tool_result');
  if (results.length > 0)
    return results.every((b) => main.tools.has(str(obj(b).tool_use_id) ?? ''));
  const p = userPromptOf(r);
  return p !== undefined && main.prompts.has(normalizePromptText(p));
}

/**
 * Keeps what each agent adds, counting the rest as skipped: Warmup agents go whole; forks
 * that replay the parent (aside questions, compaction, or any agent repeating main-thread
 * records) lose the replayed prefix, up to the last record that repeats the main thread;
 * and a record already read (the agent_progress copy of a subagent-file record, a line
 * written twice) is kept once. `seen` holds the main thread's uuids and grows.
 */
export function keepAgents(
  groups: AgentGroup[],
  conv: readonly RawRecord[],
  seen: Set<string>,
  sink: SessionSink,
): AgentGroup[] {
  const main = indexMain(conv, new Set(seen));
  const kept: AgentGroup[] = [];
  for (const g of groups) {
    if (isWarmup(g)) {
      sink.skipped += g.records.length;
      continue;
    }
    let records = g.records;
    const forked =
      isReplayingAgent(g.agentId) ||
      (g.fileAgentId !== undefined && isReplayingAgent(g.fileAgentId));
    if (forked || records.some((r) => repeatsMain(main, r))) {
      // Within a fork, a record with a main record's type and timestamp is a copy too.
      let last = -1;
      records.forEach((r, i) => {
        if (repeatsMain(main, r) || (r.ts !== undefined && main.stamps.has(stampOf(r)))) last = i;
      });
      records = records.slice(last + 1);
    }
    records = records.filter((r) => {
      if (r.uuid === undefined) return true;
      if (seen.has(r.uuid)) return false;
      seen.add(r.uuid);
      return true;
    });
    sink.skipped += g.records.length - records.length;
    g.records = records;
    if (records.length > 0) kept.push(g);
  }
  return kept;
}
