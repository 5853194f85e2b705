import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CapturedSession, ToolEvent } from '@trail/model';
import { findClaudeTranscripts, parseClaudeTranscript, readLines } from './index.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
const corpus = resolve(repoRoot, '../shared/corpus/claude');
const labels = existsSync(corpus)
  ? readdirSync(corpus)
      .filter((l) => !l.startsWith('.'))
      .sort()
  : [];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the counter reads raw records loosely on purpose
type Rec = Record<string, any>;

function records(file: string): Rec[] {
  const out: Rec[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    try {
      const v = JSON.parse(line);
      if (v && typeof v === 'object' && !Array.isArray(v)) out.push(v);
    } catch {
      // the importer reports bad lines; the counter only counts good ones
    }
  }
  return out;
}

/** Transcript sets found by a plain walk, independent of findClaudeTranscripts. */
function walk(root: string): { main: string; subs: string[] }[] {
  const sets: { main: string; subs: string[] }[] = [];
  for (const project of readdirSync(root)) {
    const dir = join(root, project);
    const names = readdirSync(dir);
    for (const name of names.filter((n) => n.endsWith('.jsonl') && !n.startsWith('agent-'))) {
      const sid = name.slice(0, -6);
      const nested = join(dir, sid, 'subagents');
      const subs = existsSync(nested)
        ? readdirSync(nested)
            .filter((n) => n.endsWith('.jsonl'))
            .map((n) => join(nested, n))
        : [];
      for (const n of names.filter((x) => x.startsWith('agent-') && x.endsWith('.jsonl'))) {
        if (records(join(dir, n))[0]?.sessionId === sid) subs.push(join(dir, n));
      }
      sets.push({ main: join(dir, name), subs: subs.sort() });
    }
  }
  return sets.sort((a, b) => a.main.localeCompare(b.main));
}

const NOT_TYPED =
  /^(<command-|<local-command-|\[Request interrupted|Caveat: |<bash-|<task-notification>|This session is being continued|<user-memory-input>)/;

function typedText(content: unknown): string | undefined {
  if (typeof content === 'string') return content.trim();
  if (!Array.isArray(content) || content.some((b) => b?.type === 'tool_result')) return undefined;
  return content
    .filter((b) => b?.type === 'text' && !/^\s*<(ide_|system-reminder)/.test(b.text))
    .map((b) => b.text)
    .join(' ')
    .trim();
}

/** Counts straight from the raw lines, written separately from the importer. */
function count(set: { main: string; subs: string[] }) {
  const main = records(set.main);
  const prompts = new Set<string>();
  const mainTools = new Map<string, Set<string>>();
  const subTools = new Map<string, Set<string>>();
  const ok = new Set<string>();
  const edited = new Map<string, string>();
  const add = (m: Map<string, Set<string>>, name: string, id: string) =>
    m.set(name, (m.get(name) ?? new Set()).add(id));
  const agentRecords: Rec[][] = set.subs.map(records);
  const inline = new Map<string, Rec[]>();
  for (const r of main) {
    if (r.isSidechain) {
      const key = r.agentId ?? 'inline';
      inline.set(key, [...(inline.get(key) ?? []), r]);
    } else if (r.type === 'progress' && r.data?.type === 'agent_progress' && r.data.message) {
      agentRecords.push([{ ...r.data.message, isSidechain: true }]);
    }
  }
  agentRecords.push(...inline.values());
  for (const r of main) {
    if (r.isSidechain) continue;
    if (r.type === 'user' && !r.isMeta && !r.isCompactSummary) {
      const t = typedText(r.message?.content);
      if (t && !NOT_TYPED.test(t)) prompts.add(r.uuid);
    }
    if (
      r.type === 'attachment' &&
      r.attachment?.type === 'queued_command' &&
      (r.attachment.commandMode ?? 'prompt') === 'prompt'
    )
      prompts.add(r.uuid);
    if (r.type === 'assistant')
      for (const b of r.message?.content ?? [])
        if (b.type === 'tool_use') add(mainTools, b.name, b.id);
  }
  const mainIds = new Set([...mainTools.values()].flatMap((s) => [...s]));
  const all = [main, ...agentRecords];
  for (const recs of agentRecords) {
    const first = recs.find((r) => r.type === 'user');
    if (first && typedText(first.message?.content) === 'Warmup') continue;
    for (const r of recs) {
      if (r.type !== 'assistant') continue;
      for (const b of r.message?.content ?? [])
        if (b.type === 'tool_use' && !mainIds.has(b.id)) add(subTools, b.name, b.id);
    }
  }
  for (const recs of all) {
    for (const r of recs) {
      for (const b of Array.isArray(r.message?.content) ? r.message.content : []) {
        if (b.type === 'tool_result' && b.is_error !== true) ok.add(b.tool_use_id);
        if (b.type === 'tool_use' && ['Edit', 'Write', 'MultiEdit'].includes(b.name))
          edited.set(b.id, b.input.file_path);
      }
    }
  }
  const files = new Set([...edited].filter(([id]) => ok.has(id)).map(([, f]) => f));
  const sized = (m: Map<string, Set<string>>) =>
    Object.fromEntries([...m].map(([k, v]) => [k, v.size]).sort());
  return {
    prompts: prompts.size,
    mainTools: sized(mainTools),
    subTools: sized(subTools),
    files: [...files].sort(),
  };
}

function summarize(sessions: CapturedSession[]) {
  const tools = sessions.flatMap((s) => s.events).filter((e): e is ToolEvent => e.kind === 'tool');
  const byName = (list: ToolEvent[]) => {
    const m = new Map<string, number>();
    for (const t of list) m.set(t.name, (m.get(t.name) ?? 0) + 1);
    return Object.fromEntries([...m].sort());
  };
  const files = new Set(
    tools
      .filter((t) => ['Edit', 'Write', 'MultiEdit'].includes(t.name))
      .flatMap((t) => (t.changes ?? []).map((c) => c.path)),
  );
  return {
    prompts: sessions.flatMap((s) => s.events).filter((e) => e.kind === 'prompt' && !e.agentId)
      .length,
    mainTools: byName(tools.filter((t) => !t.agentId)),
    subTools: byName(tools.filter((t) => t.agentId)),
    files: [...files].sort(),
  };
}

async function* lines(file: string): AsyncIterable<string> {
  for await (const l of readLines(file)) yield l.line;
}

async function parse(set: { main: string; subs: string[] }) {
  return parseClaudeTranscript({
    mainFile: set.main,
    lines: lines(set.main),
    subagents: set.subs.map((f) => ({ file: f, lines: lines(f) })),
  });
}

describe.skipIf(labels.length === 0)(
  `the real transcripts in ${corpus} (skipped: the corpus is not in this checkout)`,
  () => {
    for (const label of labels) {
      const sets = walk(join(corpus, label));
      it(`finds the same transcript sets as a plain directory walk (${label})`, async () => {
        const found = await findClaudeTranscripts(join(corpus, label));
        expect(
          found.map((s) => ({ main: s.mainFile, subs: s.subagents.map((a) => a.file).sort() })),
        ).toEqual(sets);
      });
      for (const set of sets) {
        const name = `${label}/${set.main.split('/').pop()}`;
        it(`imports ${name} with the counts an independent scan of its lines gives`, async () => {
          const { sessions, problems } = await parse(set);
          expect(problems).toEqual([]);
          const expected = count(set);
          if (process.env.TRAIL_CORPUS_REPORT) console.log(name, JSON.stringify(expected));
          expect(summarize(sessions)).toEqual(expected);
        });
        it(`imports ${name} identically twice (deterministic ids)`, async () => {
          const a = await parse(set);
          const b = await parse(set);
          expect(b).toEqual(a);
          const ids = a.sessions.flatMap((s) => s.events.map((e) => e.id));
          expect(new Set(ids).size).toBe(ids.length);
        });
      }
    }
  },
);
