import { truncate, type PolicySettings } from '@trail/redact';
import type { BlobText, IndexedEvent } from '@trail/store/query';
import { FileTally } from './files.js';
import { parseInput, relativeHeaders, relativePath, toolLabel } from './paths.js';
import type { Sanitizer } from './sanitizer.js';
import type {
  ExportChange,
  ExportCommand,
  ExportPrompt,
  ExportStep,
  ExportTest,
} from './schema.js';
import { isTestCommand } from './tests.js';

/** A prompt being filled while the events are walked. */
interface Turn {
  index: number;
  ts: string;
  text: string;
  files: FileTally;
  commands: ExportCommand[];
  errors: string[];
  outcome: string | null;
  steps: ExportStep[];
  work: number;
}

/** What walking a session's events yields, before it is sealed into an export. */
export interface Walked {
  prompts: ExportPrompt[];
  files: FileTally;
  commands: ExportCommand[];
  tests: ExportTest[];
  toolCalls: number;
  errors: number;
  subagents: number;
}

type Status = ExportCommand['status'];

/** Longest error line kept per failed tool call (its start says what went wrong). */
const ERROR_CHARS = 300;

/** Whitespace collapsed, cut to `max` (the text is redacted already). */
const oneLine = (text: string, max: number) => truncate(text.replace(/\s+/g, ' ').trim(), max);

const status = (s: string | undefined): Status =>
  s === 'error' || s === 'interrupted' || s === 'pending' ? s : 'ok';

/**
 * Walks a session's events in order and builds its turns: one per prompt (plus turn 0 for work
 * before the first prompt, kept only when there was some). Every string goes through `clean`
 * (the sanitizer) with the policy's limit; patches and outputs are read only when the policy
 * lets them out.
 */
export function walkEvents(
  events: readonly IndexedEvent[],
  text: BlobText,
  cwd: string,
  san: Sanitizer,
  settings: PolicySettings,
): Walked {
  const { include, limits } = settings;
  // a metadata export keeps no text: skip reading and redacting it (counts need none)
  const keep = include.prompts;
  const clean = (t: string, max?: number) => (keep ? san.text(t, max) : '');
  const rel = (p: string) => relativePath(cwd, p);
  const body = (e: IndexedEvent) => (!keep ? '' : e.body ? (text(e.body) ?? e.preview) : e.preview);
  const newTurn = (index: number, ts: string, t: string): Turn => ({
    index,
    ts,
    text: t,
    files: new FileTally(),
    commands: [],
    errors: [],
    outcome: null,
    steps: [],
    work: 0,
  });
  const all: Walked = {
    prompts: [],
    files: new FileTally(),
    commands: [],
    tests: [],
    toolCalls: 0,
    errors: 0,
    subagents: 0,
  };
  const agents = new Set<string>();
  const turns: Turn[] = [];
  let turn = newTurn(0, events[0]?.ts ?? '', '');
  const before = turn;
  for (const e of events) {
    const agent = e.agentId ?? null;
    if (agent) agents.add(agent);
    if (e.kind === 'prompt' && !agent) {
      turn = newTurn(e.promptNo, e.ts, clean(body(e), limits.promptChars));
      turns.push(turn);
      continue;
    }
    if (e.kind === 'assistant') {
      const said = body(e);
      if (!agent && said.trim()) turn.outcome = said;
      if (include.outputs && said.trim())
        turn.steps.push({
          kind: 'assistant',
          ts: e.ts,
          agent,
          text: clean(said, limits.outcomeChars),
        });
      continue;
    }
    if (e.kind === 'error') {
      all.errors++;
      turn.work++;
      const msg = clean(body(e), limits.outcomeChars);
      turn.errors.push(msg);
      turn.steps.push({ kind: 'error', ts: e.ts, agent, text: msg });
      continue;
    }
    if (e.kind !== 'tool') continue;
    all.toolCalls++;
    turn.work++;
    const st = status(e.status);
    if (st === 'error') all.errors++;
    const tool = e.tool ?? 'tool';
    for (const r of e.reads ?? []) {
      turn.files.read(rel(r));
      all.files.read(rel(r));
    }
    const changes: ExportChange[] = (e.changes ?? []).map((c) => {
      const path = rel(c.path);
      turn.files.change(path, c.op, c.added, c.removed);
      all.files.change(path, c.op, c.added, c.removed);
      const patch = include.patches && c.patch ? text(c.patch) : undefined;
      return {
        path: clean(path),
        op: c.op,
        added: c.added,
        removed: c.removed,
        ...(patch !== undefined
          ? { patch: clean(relativeHeaders(patch, cwd), limits.patchChars) }
          : {}),
      };
    });
    // the full input from its blob: the document's previews were cut before some stores redacted
    const input = parseInput(e.body ? text(e.body) : undefined);
    const given = (input as { command?: unknown } | undefined)?.command;
    const rawCommand = typeof given === 'string' ? given : e.command;
    const label = clean(toolLabel(tool, rawCommand, input, e.preview, cwd), limits.commandChars);
    if (e.category === 'command') {
      const cmd: ExportCommand = {
        prompt: turn.index,
        command: label,
        exitCode: e.exitCode ?? null,
        status: st,
        test: isTestCommand(rawCommand ?? e.preview),
      };
      turn.commands.push(cmd);
      all.commands.push(cmd);
      if (cmd.test) {
        const passed = st === 'pending' ? null : st === 'ok' && (cmd.exitCode ?? 0) === 0;
        all.tests.push({ prompt: turn.index, command: label, passed, exitCode: cmd.exitCode });
      }
    }
    const fullOutput = keep && e.output ? text(e.output) : undefined;
    if (st === 'error') {
      const why = fullOutput?.slice(0, ERROR_CHARS * 4) ?? e.outputPreview ?? e.preview;
      turn.errors.push(
        oneLine(clean(`${tool}: ${why}`), Math.min(ERROR_CHARS, limits.outcomeChars)),
      );
    }
    const out = include.outputs && e.output ? (fullOutput ?? e.outputPreview) : undefined;
    turn.steps.push({
      kind: 'tool',
      ts: e.ts,
      tool: clean(tool),
      label,
      status: st,
      exitCode: e.exitCode ?? null,
      durationMs: e.durationMs ?? null,
      agent,
      changes,
      ...(out !== undefined ? { output: clean(out, limits.outputChars) } : {}),
    });
  }
  if (before.work > 0) turns.unshift(before);
  all.subagents = agents.size;
  all.prompts = turns.map((t) => ({
    index: t.index,
    ts: t.ts,
    text: t.text,
    files: t.files.list((p) => clean(p)),
    commands: t.commands,
    errors: t.errors,
    outcome: t.outcome === null ? null : clean(t.outcome, limits.outcomeChars),
    steps: t.steps,
  }));
  return all;
}
