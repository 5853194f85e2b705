import type { CapturedSession } from '@trail/model';
import { collectAgentGroups, linkAgents, type AgentFile } from './agents.js';
import { keepAgents } from './agent-filter.js';
import {
  assistantBlocks,
  emitAssistant,
  messageIdOf,
  modelOf,
  noteResponse,
  toolUseIdOf,
} from './emit-assistant.js';
import {
  emitAttachment,
  emitLinkRecord,
  emitSystemRecord,
  emitUnknown,
  isMetadataRecord,
  isSkippedRecord,
} from './emit-other.js';
import { collectResults, emitSystem, emitUser, userPromptOf } from './emit-user.js';
import { obj, str, text } from './json.js';
import type { RawRecord } from './records.js';
import {
  envelopeOf,
  mainModel,
  noteMetadata,
  timeRangeOf,
  titleOf,
  type SessionNotes,
} from './session-meta.js';
import { SessionSink, type Scope } from './sink.js';
import { threadStatuses, type LeafHint, type ThreadStatus } from './thread.js';

/** The records of one session: its lines of the main file and of its subagent files. */
export interface SessionRecords {
  id: string;
  main: RawRecord[];
  files: AgentFile[];
}

/** Builds one session from its records; `summaries` are the file's sessionless summary records. */
export function buildSession(
  input: SessionRecords,
  summaries: readonly RawRecord[],
): { session: CapturedSession; skipped: number } {
  const sink = new SessionSink(input.id);
  const notes: SessionNotes = {};
  const conv: RawRecord[] = [];
  const inline: RawRecord[] = [];
  const progress: RawRecord[] = [];
  const seen = new Set<string>();
  for (const r of input.main) {
    if (isMetadataRecord(r)) noteMetadata(notes, r);
    else if (r.sidechain) inline.push(r);
    else if (r.uuid !== undefined && seen.has(r.uuid)) sink.skipped++;
    else {
      if (r.uuid !== undefined) seen.add(r.uuid);
      conv.push(r);
      if (r.type === 'progress' && obj(r.o.data).type === 'agent_progress') progress.push(r);
    }
  }
  const envelope = envelopeOf(conv);
  if (envelope.cwd !== undefined) sink.cwd = envelope.cwd;

  const groups = keepAgents(collectAgentGroups(inline, progress, input.files), conv, seen, sink);
  for (const r of [...conv, ...groups.flatMap((g) => g.records)]) indexTools(sink, r);
  for (const id of sink.results.keys()) if (!sink.tools.has(id)) sink.skipped++;
  const link = linkAgents(groups, sink.tools, sink.results);
  for (const [agentId, toolId] of link) sink.agentOfTool.set(toolId, agentId);

  const mainStatus = statusesOf(conv, notes.leaf);
  const groupStatus = groups.map((g) => statusesOf(g.records));
  const mainModels = new Map<string, string | undefined>();
  conv.forEach((r) => noteIfResponse(sink, r, mainStatus, mainModels));
  groups.forEach((g, i) => g.records.forEach((r) => noteIfResponse(sink, r, groupStatus[i]!)));

  for (const r of conv) dispatch(sink, r, statusOf(mainStatus, r), {});
  groups.forEach((g, i) => {
    const parentToolId = link.get(g.agentId);
    const scope: Scope = {
      agentId: g.agentId,
      ...(parentToolId !== undefined ? { parentToolId } : {}),
    };
    const first = g.records[0];
    if (parentToolId === undefined && first) {
      // No tool call spawned it (compaction, aside question, or the call is gone): say what it is.
      const what = [g.meta?.agentType ?? g.agentId.replace(/-[0-9a-f]+$/, ''), g.meta?.description]
        .filter(Boolean)
        .join(': ');
      emitSystem(sink, first, 'subagent', what, scope, `s-agent-${g.agentId}`);
    }
    for (const r of g.records) dispatch(sink, r, statusOf(groupStatus[i]!, r), scope);
  });

  const title = titleOf(notes, summaries, mainStatus);
  const model = mainModel(
    mainModels.size > 0 ? mainModels : new Map([...sink.messages].map(([k, v]) => [k, v.model])),
  );
  const session: CapturedSession = {
    id: input.id,
    agent: 'claude-code',
    ...envelope,
    ...timeRangeOf([
      ...input.main.filter((r) => !r.sidechain),
      ...groups.flatMap((g) => g.records),
    ]),
    ...(title !== undefined ? { title } : {}),
    ...(model !== undefined ? { model } : {}),
    events: sink.events(),
  };
  return { session, skipped: sink.skipped };
}

function statusOf(map: ReadonlyMap<string, ThreadStatus>, r: RawRecord): ThreadStatus {
  return (r.uuid !== undefined ? map.get(r.uuid) : undefined) ?? 'chain';
}

function indexTools(sink: SessionSink, r: RawRecord): void {
  if (r.broken) return;
  if (r.type === 'user') collectResults(sink, r);
  else if (r.type === 'assistant') {
    assistantBlocks(r).forEach((b, i) => {
      if (b.type !== 'tool_use') return;
      const id = toolUseIdOf(r, b, i);
      if (!sink.tools.has(id))
        sink.tools.set(id, { id, name: str(b.name) ?? 'unknown', input: b.input ?? null, rec: r });
    });
  }
}

function statusesOf(records: RawRecord[], hint?: LeafHint): Map<string, ThreadStatus> {
  const nodes = [];
  for (const r of records) {
    if (r.uuid === undefined) continue;
    const response = r.type === 'assistant' && !r.broken && r.o.isApiErrorMessage !== true;
    nodes.push({
      uuid: r.uuid,
      ...(r.parent !== undefined ? { parent: r.parent } : {}),
      seq: r.seq,
      role: response
        ? ('response' as const)
        : r.type === 'progress'
          ? ('progress' as const)
          : userPromptOf(r) !== undefined
            ? ('prompt' as const)
            : ('other' as const),
      ...(response ? { messageId: messageIdOf(r) } : {}),
    });
  }
  return threadStatuses(nodes, hint);
}

function noteIfResponse(
  sink: SessionSink,
  r: RawRecord,
  status: ReadonlyMap<string, ThreadStatus>,
  models?: Map<string, string | undefined>,
): void {
  if (r.type !== 'assistant' || r.broken || r.o.isApiErrorMessage === true) return;
  noteResponse(sink, r, statusOf(status, r));
  if (models && !models.has(messageIdOf(r))) models.set(messageIdOf(r), modelOf(r));
}

function dispatch(sink: SessionSink, r: RawRecord, status: ThreadStatus, scope: Scope): void {
  if (r.broken) return emitUnknown(sink, r, scope);
  switch (r.type) {
    case 'user':
      return emitUser(sink, r, status, scope);
    case 'assistant':
      return emitAssistant(sink, r, status, scope);
    case 'system':
      return emitSystemRecord(sink, r, status, scope);
    case 'attachment':
      return emitAttachment(sink, r, status, scope);
    case 'progress':
      // agent_progress copies were moved into their agent's group; the rest is transient UI.
      if (text(obj(r.o.data).type) !== 'agent_progress') sink.skipped++;
      return;
    case 'pr-link':
    case 'teleported-from':
      return emitLinkRecord(sink, r, scope);
    default:
      if (isSkippedRecord(r) || isMetadataRecord(r)) sink.skipped++;
      else emitUnknown(sink, r, scope);
  }
}
