import { basename } from 'node:path';
import { isObj, obj, str, text } from './json.js';
import { normalizePromptText, promptText } from './prompt.js';
import { shapeProblem, type RawRecord } from './records.js';
import type { ToolResult, ToolUse } from './sink.js';
import type { ClaudeAgentMeta } from './types.js';

/** The records of one subagent, wherever they were found. */
export interface AgentGroup {
  agentId: string;
  /** 'inline' (≤1.0.x sidechains), 'file' (agent-*.jsonl) or 'progress' (agent_progress copies only). */
  source: 'inline' | 'file' | 'progress';
  records: RawRecord[];
  /** The agent id in the file name (`agent-<id>.jsonl`), which can differ from the records'. */
  fileAgentId?: string;
  meta?: ClaudeAgentMeta;
  /** The spawning tool call, as named by agent_progress records. */
  progressTool?: string;
}

/** A subagent transcript file's records. */
export interface AgentFile {
  file: string;
  meta?: ClaudeAgentMeta;
  records: RawRecord[];
}

/** The agent id a subagent file name carries: `agent-<id>.jsonl`. */
export function agentIdFromFile(file: string): string {
  const name = basename(file).replace(/\.jsonl$/, '');
  return name.startsWith('agent-') ? name.slice('agent-'.length) : name;
}

/**
 * Groups subagent records by agent: subagent files first (the fullest copy), then the
 * agent_progress copies nested in the main file (2.1.68–2.1.83), then inline sidechains
 * (≤1.0.x, no agentId: one agent per sidechain root, named `sidechain-<root uuid>`).
 */
export function collectAgentGroups(
  inline: RawRecord[],
  progress: RawRecord[],
  files: AgentFile[],
): AgentGroup[] {
  const groups = new Map<string, AgentGroup>();
  const add = (agentId: string, source: AgentGroup['source'], recs: RawRecord[]): AgentGroup => {
    let g = groups.get(agentId);
    if (!g) {
      g = { agentId, source, records: [] };
      groups.set(agentId, g);
    }
    g.records.push(...recs);
    return g;
  };
  for (const f of files) {
    const fromName = agentIdFromFile(f.file);
    const id = f.records.find((r) => r.agentId !== undefined)?.agentId ?? fromName;
    const g = add(id, 'file', f.records);
    g.fileAgentId ??= fromName;
    if (f.meta) g.meta = f.meta;
  }
  for (const p of progress) {
    const data = obj(p.o.data);
    const nested = data.message;
    if (!isObj(nested) || shapeProblem(nested, str(nested.type) ?? '') !== undefined) continue;
    const tool = text(p.o.parentToolUseID);
    const id = text(data.agentId) ?? `progress-${tool ?? p.seq}`;
    const rec: RawRecord = {
      o: nested,
      type: str(nested.type) ?? '',
      file: p.file,
      line: p.line,
      seq: p.seq,
      sidechain: true,
      agentId: id,
    };
    const uuid = text(nested.uuid);
    if (uuid !== undefined) rec.uuid = uuid;
    const ts = text(nested.timestamp) ?? p.ts;
    if (ts !== undefined) rec.ts = ts;
    const g = add(id, 'progress', [rec]);
    if (tool !== undefined) g.progressTool ??= tool;
  }
  // Inline sidechains: each record belongs to the root its parent chain reaches.
  const byUuid = new Map<string, RawRecord>();
  for (const r of inline) if (r.uuid !== undefined && !byUuid.has(r.uuid)) byUuid.set(r.uuid, r);
  const rootOf = (r: RawRecord): string => {
    const seen = new Set<string>();
    let cur = r;
    while (cur.parent !== undefined && !seen.has(cur.parent)) {
      const p = byUuid.get(cur.parent);
      if (!p) break;
      seen.add(cur.parent);
      cur = p;
    }
    return cur.uuid ?? `line-${cur.line}`;
  };
  for (const r of inline) add(r.agentId ?? `sidechain-${rootOf(r)}`, 'inline', [r]);
  return [...groups.values()];
}

/** The first prompt of an agent (the Task prompt), or undefined. */
export function firstPromptOf(g: AgentGroup): string | undefined {
  for (const r of g.records) {
    if (r.type !== 'user' || r.broken) continue;
    const m = obj(r.o.message);
    const content = m.content;
    if (Array.isArray(content) && content.some((b) => isObj(b) && b.type === 'tool_result'))
      continue;
    return promptText(content);
  }
  return undefined;
}

/** True for Claude Code's automatic "Warmup" agents (first prompt "Warmup"; nothing ran). */
export function isWarmup(g: AgentGroup): boolean {
  return firstPromptOf(g)?.trim() === 'Warmup';
}

/** True for the forks that replay the parent's records (aside questions, compaction). */
export function isReplayingAgent(agentId: string): boolean {
  return agentId.startsWith('aside_question') || agentId.startsWith('acompact');
}

/**
 * Which tool call spawned each agent: the Task/Agent result's `agentId`, the
 * agent_progress records' `parentToolUseID`, then (for agents no result names, like ≤1.0.x
 * inline sidechains) the first unclaimed Task/Agent call whose prompt equals the agent's
 * first prompt, or whose description and type match the agent's `.meta.json`.
 */
export function linkAgents(
  groups: AgentGroup[],
  tools: Map<string, ToolUse>,
  results: Map<string, ToolResult>,
): Map<string, string> {
  const link = new Map<string, string>();
  const claimed = new Set<string>();
  const set = (agentId: string, toolId: string): void => {
    if (link.has(agentId) || claimed.has(toolId)) return;
    link.set(agentId, toolId);
    claimed.add(toolId);
  };
  const spawners = [...tools.values()]
    .filter((t) => t.name === 'Task' || t.name === 'Agent')
    .sort((a, b) => a.rec.seq - b.rec.seq);
  for (const t of spawners) {
    const id = text(obj(results.get(t.id)?.tur).agentId);
    if (id !== undefined) set(id, t.id);
  }
  for (const g of groups)
    if (g.progressTool !== undefined && tools.has(g.progressTool)) set(g.agentId, g.progressTool);
  for (const g of groups) {
    if (link.has(g.agentId)) continue;
    const first = firstPromptOf(g);
    const norm = first !== undefined ? normalizePromptText(first) : undefined;
    const byPrompt = norm
      ? spawners.find(
          (t) => !claimed.has(t.id) && normalizePromptText(str(obj(t.input).prompt) ?? '') === norm,
        )
      : undefined;
    const desc = g.meta?.description;
    const byMeta =
      !byPrompt && desc !== undefined
        ? spawners.find((t) => {
            const inp = obj(t.input);
            return (
              !claimed.has(t.id) &&
              inp.description === desc &&
              (g.meta?.agentType === undefined || inp.subagent_type === g.meta.agentType)
            );
          })
        : undefined;
    const hit = byPrompt ?? byMeta;
    if (hit) set(g.agentId, hit.id);
  }
  return link;
}
