import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Store } from '@trail/store';
import {
  findClaudeTranscripts,
  parseClaudeTranscript,
  readLines,
  type ClaudeTranscriptSet,
} from '../claude/index.js';
import type { ImportSummary, ImportProgress } from './summary.js';
import { isUnchanged, markOf, saveMark } from './marks.js';

async function* lineStrings(file: string): AsyncIterable<string> {
  for await (const l of readLines(file)) yield l.line;
}

function metaOf(file: string): { agentType?: string; description?: string } | undefined {
  const f = file.replace(/\.jsonl$/, '.meta.json');
  if (!existsSync(f)) return undefined;
  try {
    return JSON.parse(readFileSync(f, 'utf8')) as { agentType?: string; description?: string };
  } catch {
    return undefined;
  }
}

/** Parses one transcript set and folds every session in it into the store. */
export async function importClaudeSet(
  store: Store,
  set: ClaudeTranscriptSet,
  summary: ImportSummary,
  force = false,
): Promise<void> {
  const files = [set.mainFile, ...set.subagents.map((s) => s.file)];
  const mark = markOf(files);
  if (!force && mark && isUnchanged(store.db, set.mainFile, mark, (id) => store.hasSession(id))) {
    summary.unchanged++;
    return;
  }
  const parsed = await parseClaudeTranscript({
    mainFile: set.mainFile,
    lines: lineStrings(set.mainFile),
    subagents: set.subagents.map((s) => {
      const meta = metaOf(s.file);
      return { file: s.file, lines: lineStrings(s.file), ...(meta ? { meta } : {}) };
    }),
  });
  summary.lines += parsed.stats.lines;
  summary.bytes += parsed.stats.bytes;
  summary.problems.push(...parsed.problems);
  const ids: string[] = [];
  for (const s of parsed.sessions) {
    if (s.events.length === 0) continue;
    const w = await store.write(s, { evict: true });
    ids.push(s.id);
    summary.sessions++;
    if (w.created) summary.newSessions++;
    summary.events += w.added;
  }
  if (mark) saveMark(store.db, set.mainFile, mark, ids);
}

/** Imports every Claude Code transcript under a projects root. */
export async function importClaude(
  store: Store,
  root: string,
  opts: { force?: boolean; onProgress?: ImportProgress } = {},
): Promise<ImportSummary> {
  const summary = emptySummary('claude-code', root);
  const sets = await findClaudeTranscripts(root);
  let done = 0;
  for (const set of sets) {
    await importClaudeSet(store, set, summary, opts.force);
    done++;
    opts.onProgress?.(done, sets.length, set.mainFile);
  }
  summary.files = sets.length;
  return summary;
}

/** Imports the transcript of one live session (and its subagents) after a hook-captured turn. */
export async function importClaudeTranscript(
  store: Store,
  mainFile: string,
): Promise<ImportSummary> {
  const summary = emptySummary('claude-code', mainFile);
  const sid = basename(mainFile, '.jsonl');
  const subDir = join(dirname(mainFile), sid, 'subagents');
  const subagents = existsSync(subDir)
    ? readdirSync(subDir)
        .filter((f) => f.startsWith('agent-') && f.endsWith('.jsonl'))
        .map((f) => ({ file: join(subDir, f) }))
    : [];
  await importClaudeSet(store, { mainFile, sessionId: sid, subagents }, summary, true);
  return summary;
}

/** A fresh summary. */
export function emptySummary(agent: string, root: string): ImportSummary {
  return {
    agent,
    root,
    files: 0,
    unchanged: 0,
    sessions: 0,
    newSessions: 0,
    events: 0,
    lines: 0,
    bytes: 0,
    problems: [],
  };
}
