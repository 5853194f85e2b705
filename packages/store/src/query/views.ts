import { relativeTo } from '@trail/model';
import type { BlobText } from './indexer.js';
import type { IndexedEvent, SessionSummary } from './queries.js';

/** A file changed, with its line counts summed over the session or prompt. */
export interface FileChangeView {
  path: string;
  op: string;
  added: number;
  removed: number;
}

/** A command with its exit status. */
export interface CommandView {
  command: string;
  exitCode: number | null;
  status: string;
  prompt: number;
  seq: number;
}

/** One prompt and what the agent did under it. */
export interface PromptView {
  index: number;
  ts: string;
  text: string;
  filesRead: string[];
  filesChanged: FileChangeView[];
  commands: CommandView[];
  errors: string[];
  toolCalls: number;
}

/** The `session` object of `trail show --json`. */
export interface SessionDetail extends SessionSummary {
  prompts: PromptView[];
  filesRead: string[];
  filesChanged: FileChangeView[];
  commands: CommandView[];
  errors: string[];
  events: IndexedEvent[];
}

/** Builds the detail view of a session from its indexed events. */
export function sessionDetail(
  s: SessionSummary,
  events: IndexedEvent[],
  text: BlobText,
): SessionDetail {
  const rel = (p: string) => (s.cwd ? relativeTo(s.cwd, p) : p);
  const prompts: PromptView[] = [];
  const before: PromptView = {
    index: 0,
    ts: s.startedAt,
    text: '',
    filesRead: [],
    filesChanged: [],
    commands: [],
    errors: [],
    toolCalls: 0,
  };
  const all: PromptView = { ...before, filesRead: [], filesChanged: [], commands: [], errors: [] };
  let cur = before;
  for (const e of events) {
    if (e.kind === 'prompt' && !e.agentId) {
      cur = {
        index: e.promptNo,
        ts: e.ts,
        text: e.body ? (text(e.body) ?? e.preview) : e.preview,
        filesRead: [],
        filesChanged: [],
        commands: [],
        errors: [],
        toolCalls: 0,
      };
      prompts.push(cur);
      continue;
    }
    for (const v of [cur, all]) {
      if (e.kind === 'error') v.errors.push(e.preview);
      if (e.kind !== 'tool') continue;
      v.toolCalls++;
      for (const r of e.reads ?? []) if (!v.filesRead.includes(rel(r))) v.filesRead.push(rel(r));
      for (const c of e.changes ?? [])
        addChange(v.filesChanged, {
          path: rel(c.path),
          op: c.op,
          added: c.added,
          removed: c.removed,
        });
      if (e.category === 'command')
        v.commands.push({
          command: e.command ?? e.preview,
          exitCode: e.exitCode ?? null,
          status: e.status ?? 'ok',
          prompt: e.promptNo,
          seq: e.seq,
        });
      if (e.status === 'error')
        v.errors.push(`${e.tool ?? 'tool'}: ${e.outputPreview ?? e.preview}`);
    }
  }
  if (before.toolCalls > 0 || before.errors.length > 0) prompts.unshift(before);
  return {
    ...s,
    prompts,
    filesRead: all.filesRead,
    filesChanged: all.filesChanged,
    commands: all.commands,
    errors: all.errors,
    events,
  };
}

function addChange(list: FileChangeView[], c: FileChangeView): void {
  const cur = list.find((x) => x.path === c.path);
  if (!cur) {
    list.push({ ...c });
    return;
  }
  cur.added += c.added;
  cur.removed += c.removed;
  if (cur.op === 'create' && c.op === 'delete') cur.op = 'delete';
  else if (cur.op !== 'create') cur.op = c.op === 'create' ? 'modify' : c.op;
}
