import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TrailError } from '@trail/model';
import { text } from './json.js';
import { readLines } from './lines.js';
import type { ClaudeTranscriptSet, ImportProblem } from './types.js';

/** Where Claude Code keeps transcripts: `$CLAUDE_CONFIG_DIR/projects`, else `~/.claude/projects`. */
export function claudeProjectsRoot(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.CLAUDE_CONFIG_DIR;
  if (config) return join(config, 'projects');
  return join(env.HOME || env.USERPROFILE || homedir(), '.claude', 'projects');
}

/** Options of {@link findClaudeTranscripts}. */
export interface FindOptions {
  /** Called for a project directory or subagent file that cannot be read (the walk goes on). */
  onProblem?: (p: ImportProblem) => void;
}

/**
 * Finds every session under a projects root: `<root>/<encoded-cwd>/<sessionId>.jsonl`, with
 * its subagents from both layouts: `agent-*.jsonl` beside it (2.0.x–2.1.1, matched by the
 * `sessionId` of their first line) and `<sessionId>/subagents/agent-*.jsonl` (2.1.2+, with
 * `.meta.json`). `tool-results/`, `memory/` and other files are ignored. An old-layout agent
 * file whose session file is gone is reported through `onProblem`. Throws a TrailError
 * (`CLAUDE_DIR_MISSING`, `CLAUDE_DIR_NOT_A_DIRECTORY`, `CLAUDE_DIR_UNREADABLE`) when the root
 * itself is unusable. Sets are sorted by path, so the order is stable.
 */
export async function findClaudeTranscripts(
  projectsRoot: string,
  opts: FindOptions = {},
): Promise<ClaudeTranscriptSet[]> {
  const report = opts.onProblem ?? (() => {});
  await checkRoot(projectsRoot);
  const sets: ClaudeTranscriptSet[] = [];
  for (const project of (await entries(projectsRoot, report, true))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    const dir = join(projectsRoot, project);
    const list = await entries(dir, report, false);
    const names = new Set(list.map((e) => e.name));
    const bySession = new Map<string, ClaudeTranscriptSet>();
    for (const e of list) {
      if (!e.isFile() || !e.name.endsWith('.jsonl') || e.name.startsWith('agent-')) continue;
      const sessionId = e.name.slice(0, -'.jsonl'.length);
      const set: ClaudeTranscriptSet = { mainFile: join(dir, e.name), sessionId, subagents: [] };
      bySession.set(sessionId, set);
      if (names.has(sessionId))
        set.subagents.push(...(await nestedAgents(join(dir, sessionId, 'subagents'), report)));
    }
    for (const e of list) {
      if (!e.isFile() || !e.name.startsWith('agent-') || !e.name.endsWith('.jsonl')) continue;
      const file = join(dir, e.name);
      const sessionId = await firstSessionId(file, report);
      if (sessionId === undefined) continue;
      const set = bySession.get(sessionId);
      if (set) set.subagents.push({ file });
      else
        report({
          file,
          line: 1,
          reason: `subagent transcript of session ${sessionId}, whose session file is not in ${dir}; not imported`,
        });
    }
    for (const set of [...bySession.values()].sort((a, b) => byPath(a.mainFile, b.mainFile))) {
      set.subagents.sort((a, b) => byPath(a.file, b.file));
      sets.push(set);
    }
  }
  return sets;
}

/** Code-unit order: the same on every machine, unlike locale collation. */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function checkRoot(root: string): Promise<void> {
  try {
    const s = await stat(root);
    if (!s.isDirectory())
      throw new TrailError(
        'CLAUDE_DIR_NOT_A_DIRECTORY',
        `Claude Code projects path is not a directory: ${root}`,
        { path: root },
      );
  } catch (e) {
    if (e instanceof TrailError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new TrailError(
        'CLAUDE_DIR_MISSING',
        `no Claude Code transcripts at ${root} (set CLAUDE_CONFIG_DIR or pass the projects directory)`,
        { path: root },
        { cause: e },
      );
    }
    throw new TrailError(
      'CLAUDE_DIR_UNREADABLE',
      `cannot read ${root}: ${code ?? (e as Error).message}`,
      { path: root, code },
      { cause: e },
    );
  }
}

async function entries(
  dir: string,
  report: (p: ImportProblem) => void,
  isRoot: boolean,
): Promise<import('node:fs').Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (isRoot)
      throw new TrailError(
        'CLAUDE_DIR_UNREADABLE',
        `cannot read ${dir}: ${code ?? (e as Error).message}`,
        { path: dir, code },
        { cause: e },
      );
    report({
      file: dir,
      line: 0,
      reason: `cannot read directory: ${code ?? (e as Error).message}`,
    });
    return [];
  }
}

async function nestedAgents(
  dir: string,
  report: (p: ImportProblem) => void,
): Promise<{ file: string; metaFile?: string }[]> {
  let list: import('node:fs').Dirent[];
  try {
    list = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR')
      report({
        file: dir,
        line: 0,
        reason: `cannot read directory: ${code ?? (e as Error).message}`,
      });
    return [];
  }
  const names = new Set(list.map((e) => e.name));
  return list
    .filter((e) => e.isFile() && e.name.startsWith('agent-') && e.name.endsWith('.jsonl'))
    .map((e) => {
      const meta = `${e.name.slice(0, -'.jsonl'.length)}.meta.json`;
      return { file: join(dir, e.name), ...(names.has(meta) ? { metaFile: join(dir, meta) } : {}) };
    });
}

async function firstSessionId(
  file: string,
  report: (p: ImportProblem) => void,
): Promise<string | undefined> {
  try {
    for await (const { line, no } of readLines(file)) {
      if (line.trim() === '') continue;
      try {
        const v: unknown = JSON.parse(line);
        const id =
          typeof v === 'object' && v !== null
            ? text((v as Record<string, unknown>).sessionId)
            : undefined;
        if (id === undefined)
          report({
            file,
            line: no,
            reason: 'first record has no sessionId; subagent file not attached',
          });
        return id;
      } catch {
        report({
          file,
          line: no,
          reason: 'first line is not valid JSON; subagent file not attached',
        });
        return undefined;
      }
    }
    return undefined;
  } catch (e) {
    report({
      file,
      line: 0,
      reason: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    });
    return undefined;
  }
}
