import type { Store } from '@trail/store';
import type { ImportResult } from '../codex/problem.js';
import { isUnchanged, markOf, saveMark } from './marks.js';
import type { ImportSummary } from './summary.js';

/**
 * Imports one source (a file, a database, a tree of files) unless it is unchanged since
 * the last import: `files` are stat'ed into a mark kept under `key`, `read` parses the
 * source, and every session it yields with at least one event is written to the store.
 * Problems and counts go to `summary`. Returns what the reader returned (undefined when
 * the source was skipped as unchanged).
 */
export async function importSource<S>(
  store: Store,
  summary: ImportSummary,
  source: { key: string; files: readonly string[]; force?: boolean },
  read: () => Promise<ImportResult<S>> | ImportResult<S>,
): Promise<ImportResult<S> | undefined> {
  const mark = markOf(source.files);
  if (
    !source.force &&
    mark &&
    isUnchanged(store.db, source.key, mark, (id) => store.hasSession(id))
  ) {
    summary.unchanged++;
    return undefined;
  }
  const result = await read();
  summary.problems.push(...result.problems);
  if (mark) summary.bytes += mark.size;
  const ids: string[] = [];
  for (const s of result.sessions) {
    if (s.events.length === 0) continue;
    const w = await store.write(s, { evict: true });
    ids.push(s.id);
    summary.sessions++;
    if (w.created) summary.newSessions++;
    summary.events += w.added;
  }
  // A source that could not be read at all is retried next time, not marked as done.
  const unreadable = result.sessions.length === 0 && result.problems.some((p) => p.line === 0);
  if (mark && !unreadable) saveMark(store.db, source.key, mark, ids);
  return result;
}
