import { countLines, diffstat, unifiedDiff, type FileChange } from '@trail/model';
import type { KnownFiles } from './known-files.js';
import { hunksText } from './patch-changes.js';

/**
 * The change made by writing `content` to a file from the shell (`cat <<EOF > f`,
 * `tee f`), or appending it (`>>`, `tee -a`). A transcript cannot tell a new file from an
 * overwrite: a write to a path the session has not seen is reported as `create` (with
 * `before` left unknown), a write to a path it has seen as `modify` with a real diff.
 */
export function writeChange(
  path: string,
  content: string,
  append: boolean,
  known: KnownFiles,
): FileChange {
  const prior = known.get(path);
  if (append) {
    if (prior === undefined) {
      known.forget(path);
      // appended to content the session never saw: the lines, at an unknown place (the end)
      const lines = content.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const hunk = { lines: lines.map((text) => ({ op: '+' as const, text })), endOfFile: true };
      const patch = hunksText(path, path, [hunk]);
      return { path, op: 'modify', added: countLines(content), removed: 0, patch };
    }
    const after = prior + content;
    known.set(path, after);
    const patch = unifiedDiff(path, prior, after);
    return { path, op: 'modify', ...diffstat(patch), patch, before: prior, after };
  }
  known.set(path, content);
  if (prior === undefined)
    return {
      path,
      op: 'create',
      added: countLines(content),
      removed: 0,
      patch: unifiedDiff(path, null, content),
      after: content,
    };
  const patch = unifiedDiff(path, prior, content);
  return { path, op: 'modify', ...diffstat(patch), patch, before: prior, after: content };
}
