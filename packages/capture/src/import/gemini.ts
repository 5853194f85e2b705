import { basename, dirname, join } from 'node:path';
import type { Store } from '@trail/store';
import {
  defaultGeminiHome,
  findGeminiSessions,
  geminiProjectHash,
  readGeminiSession,
  type GeminiSessionFile,
} from '../gemini/index.js';
import type { ImportOptions } from './codex.js';
import { emptySummary } from './claude.js';
import { importSource } from './fold.js';
import type { ImportSummary } from './summary.js';
import { findFiles, isDir, statSource } from './walk.js';

const SESSION = /^session-.*\.jsonl?$/;

/** Options of {@link importGemini}. */
export interface GeminiImportOptions extends ImportOptions {
  /**
   * Directories that may be the projects the sessions belong to. Gemini names a project's
   * folder by the SHA-256 of its path, so a session's working directory is known only when
   * one of these hashes to it (trail passes the current repository and the projects it knows).
   */
  projectRoots?: readonly string[];
}

/**
 * The Gemini CLI session files at `from`: a Gemini home (`tmp/<hash>/chats/`), any folder
 * holding `session-*.json(l)` files at some depth, or one file.
 */
export async function geminiFiles(
  from: string,
  projectRoots: readonly string[] = [],
): Promise<GeminiSessionFile[]> {
  const st = statSource(from, 'Gemini CLI');
  if (st.isDirectory() && isDir(join(from, 'tmp')))
    return findGeminiSessions(from, { projectRoots });
  const roots = new Map(projectRoots.map((r) => [geminiProjectHash(r), r]));
  const files = st.isFile() ? [from] : findFiles(from, SESSION);
  return files.map((file) => {
    const chats = dirname(file);
    const projectHash = basename(chats) === 'chats' ? basename(dirname(chats)) : '';
    const root = roots.get(projectHash);
    return { file, projectHash, ...(root !== undefined ? { projectRoot: root } : {}) };
  });
}

/** Imports every Gemini CLI session under `from` (default `~/.gemini`). */
export async function importGemini(
  store: Store,
  from: string = defaultGeminiHome(),
  opts: GeminiImportOptions = {},
): Promise<ImportSummary> {
  const summary = emptySummary('gemini', from);
  const files = await geminiFiles(from, opts.projectRoots);
  summary.files = files.length;
  let done = 0;
  for (const f of files) {
    const r = await importSource(
      store,
      summary,
      { key: f.file, files: [f.file], ...(opts.force ? { force: true } : {}) },
      () => readGeminiSession(f.file, f.projectRoot ? { projectRoot: f.projectRoot } : {}),
    );
    if (r) summary.lines += r.stats.messages;
    opts.onProgress?.(++done, files.length, f.file);
  }
  return summary;
}
