import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isTrailError } from '@trail/model';
import type { Store } from '@trail/store';
import {
  defaultOpencodeDataHome,
  findOpencodeStorage,
  parseOpencodeDb,
  parseOpencodeJsonStorage,
  type OpencodeStorage,
} from '../opencode/index.js';
import { emptyOpencodeStats } from '../opencode/records.js';
import type { ImportOptions } from './codex.js';
import { emptySummary } from './claude.js';
import { importSource } from './fold.js';
import type { ImportSummary } from './summary.js';
import { findFiles, isDir, statSource } from './walk.js';

/**
 * OpenCode's stores at `from`: a data directory (`opencode.db` of 1.2+ and/or the
 * `storage/` tree of earlier versions), the `storage/` folder itself, or a database file.
 */
export async function opencodeStores(from: string): Promise<OpencodeStorage> {
  const st = statSource(from, 'OpenCode');
  if (st.isFile()) return { dataHome: from, db: from };
  if (
    basename(from) === 'storage' ||
    (isDir(join(from, 'session')) && isDir(join(from, 'message')))
  )
    return { dataHome: from, jsonRoot: from };
  return findOpencodeStorage(from);
}

/**
 * Imports OpenCode's sessions under `from` (default `$XDG_DATA_HOME/opencode` or
 * `~/.local/share/opencode`). Both stores are read when both exist; ids are OpenCode's own,
 * so a session present in both is one session. A database OpenCode keeps locked past a short
 * wait is reported as a problem (`OPENCODE_DB_LOCKED`, line 0) and left for the next import.
 */
export async function importOpencode(
  store: Store,
  from: string = defaultOpencodeDataHome(),
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const summary = emptySummary('opencode', from);
  const stores = await opencodeStores(from);
  const force = opts.force ? { force: true } : {};
  const total = (stores.db ? 1 : 0) + (stores.jsonRoot ? 1 : 0);
  let done = 0;
  if (stores.db) {
    const db = stores.db;
    summary.files++;
    // the write-ahead log holds OpenCode's latest writes: a change there is a change
    const files = [db, ...[`${db}-wal`].filter((f) => existsSync(f))];
    const r = await importSource(store, summary, { key: db, files, ...force }, () => {
      try {
        return parseOpencodeDb(db);
      } catch (e) {
        const reason = isTrailError(e) ? `${e.code}: ${e.message}` : String(e);
        return {
          sessions: [],
          problems: [{ file: db, line: 0, reason }],
          stats: emptyOpencodeStats(),
        };
      }
    });
    if (r) summary.lines += r.stats.messages + r.stats.parts;
    opts.onProgress?.(++done, total, db);
  }
  if (stores.jsonRoot) {
    const root = stores.jsonRoot;
    const files = findFiles(root, /\.json$/);
    summary.files += 1;
    const r = await importSource(store, summary, { key: root, files, ...force }, () =>
      parseOpencodeJsonStorage(root),
    );
    if (r) summary.lines += files.length;
    opts.onProgress?.(++done, total, root);
  }
  return summary;
}
