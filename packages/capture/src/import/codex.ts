import { join } from 'node:path';
import type { Store } from '@trail/store';
import { defaultCodexHome, findCodexSessions, readCodexSession } from '../codex/index.js';
import { importSource } from './fold.js';
import { emptySummary } from './claude.js';
import type { ImportProgress, ImportSummary } from './summary.js';
import { findFiles, isDir, statSource } from './walk.js';

/** Options of the importers. */
export interface ImportOptions {
  /** Re-read sources even when unchanged since the last import. */
  force?: boolean;
  onProgress?: ImportProgress;
}

const ROLLOUT = /^rollout-.*\.jsonl?$/;

/**
 * The Codex session files at `from`: a Codex home (`sessions/`, `archived_sessions/`), any
 * folder holding rollouts at some depth (a backup, a copied `sessions/` tree), or one file.
 */
export async function codexFiles(from: string): Promise<string[]> {
  if (statSource(from, 'Codex').isFile()) return [from];
  if (isDir(join(from, 'sessions')) || isDir(join(from, 'archived_sessions')))
    return (await findCodexSessions(from)).map((f) => f.file);
  return findFiles(from, ROLLOUT);
}

/** Imports one Codex session file (any era) into the store, skipping it when unchanged. */
export async function importCodexFile(
  store: Store,
  file: string,
  summary: ImportSummary,
  force = false,
): Promise<void> {
  const r = await importSource(store, summary, { key: file, files: [file], force }, () =>
    readCodexSession(file),
  );
  if (r) summary.lines += r.stats.records;
}

/** Imports every Codex session under `from` (default `$CODEX_HOME` or `~/.codex`). */
export async function importCodex(
  store: Store,
  from: string = defaultCodexHome(),
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const summary = emptySummary('codex', from);
  const files = await codexFiles(from);
  summary.files = files.length;
  let done = 0;
  for (const f of files) {
    await importCodexFile(store, f, summary, opts.force);
    opts.onProgress?.(++done, files.length, f);
  }
  return summary;
}
