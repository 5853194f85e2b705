// jsdiff is loaded on first use, not at import: read commands and hooks import this package
// for its types and small helpers, and loading jsdiff cost them tens of milliseconds.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- module loading, not I/O
import { createRequire } from 'node:module';
import type * as Jsdiff from 'diff';

let jsdiff: typeof Jsdiff | undefined;
function lib(): typeof Jsdiff {
  return (jsdiff ??= createRequire(import.meta.url)('diff') as typeof Jsdiff);
}

/** A hunk in jsdiff's structuredPatch shape, as Claude Code records it. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** Lines added and removed by a unified diff (file headers excluded). */
export function diffstat(patch: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.startsWith('+')) added++;
    else if (line.startsWith('-')) removed++;
  }
  return { added, removed };
}

/** Counts of added and removed lines in structured hunks. */
export function hunkStat(hunks: readonly Hunk[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const h of hunks)
    for (const l of h.lines) {
      if (l.startsWith('+')) added++;
      else if (l.startsWith('-')) removed++;
    }
  return { added, removed };
}

/** A unified diff for one file from structured hunks. */
export function hunksToUnified(path: string, hunks: readonly Hunk[]): string {
  return lib()
    .formatPatch({
      oldFileName: `a/${stripSlash(path)}`,
      newFileName: `b/${stripSlash(path)}`,
      oldHeader: undefined,
      newHeader: undefined,
      hunks: hunks as Jsdiff.StructuredPatchHunk[],
    })
    .replace(/^={67}\n/m, '');
}

/** A unified diff for one file from its content before (null: created) and after (null: deleted). */
export function unifiedDiff(path: string, before: string | null, after: string | null): string {
  const p = stripSlash(path);
  const patch = lib().createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${p}`,
    after === null ? '/dev/null' : `b/${p}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
  return patch.replace(/^={67}\n/m, '');
}

function stripSlash(p: string): string {
  return p.replace(/^\/+/, '');
}
