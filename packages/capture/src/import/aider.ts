import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import type { Store } from '@trail/store';
import { parseAiderHistory } from '../aider/index.js';
import type { ImportOptions } from './codex.js';
import { emptySummary } from './claude.js';
import { importSource } from './fold.js';
import type { ImportSummary } from './summary.js';
import { isFile, statSource } from './walk.js';

/** The name aider gives its chat history, in the repository it works in. */
export const AIDER_HISTORY = '.aider.chat.history.md';

/** The top level of the git repository holding `dir`, or undefined outside one. */
export function gitTopLevel(dir: string): string | undefined {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/**
 * Where aider's history is for a directory: `.aider.chat.history.md` at the top of its git
 * repository (where aider writes it), else in the directory itself. Undefined when neither
 * exists.
 */
export function findAiderHistory(dir: string = process.cwd()): string | undefined {
  for (const d of [gitTopLevel(dir), dir]) {
    if (d !== undefined && isFile(join(d, AIDER_HISTORY))) return join(d, AIDER_HISTORY);
  }
  return undefined;
}

/**
 * Imports an aider chat history: `from` is the history file (any name, as with aider's
 * `--chat-history-file`) or a directory holding `.aider.chat.history.md`. The git repository
 * around the file supplies the diffs of the commits aider made.
 */
export async function importAider(
  store: Store,
  from: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const st = statSource(from, 'aider');
  const file = st.isDirectory() ? join(from, AIDER_HISTORY) : resolve(from);
  statSource(file, 'aider');
  const summary = emptySummary('aider', file);
  const repoDir = gitTopLevel(dirname(file)) ?? dirname(file);
  summary.files = 1;
  const r = await importSource(
    store,
    summary,
    { key: file, files: [file], ...(opts.force ? { force: true } : {}) },
    () => parseAiderHistory(file, { repoDir }),
  );
  if (r) summary.lines += r.stats.prompts;
  opts.onProgress?.(1, 1, file);
  return summary;
}
