import { diffstat, unifiedDiff, type FileChange } from '@trail/model';

/** A SEARCH/REPLACE block of an aider reply. */
export interface EditBlock {
  path: string;
  search: string;
  replace: string;
}

const SEARCH = /^<{5,9} SEARCH\s*$/;
const DIVIDER = /^={5,9}\s*$/;
const REPLACE = /^>{5,9} REPLACE\s*$/;

/**
 * Finds aider's SEARCH/REPLACE edit blocks in a reply: the file name is the last non-fence
 * line before `<<<<<<< SEARCH`. Unterminated blocks are dropped.
 */
export function parseEditBlocks(reply: string): EditBlock[] {
  const lines = reply.split('\n');
  const out: EditBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!SEARCH.test(lines[i]!)) continue;
    let j = i - 1;
    while (j >= 0 && (lines[j]!.trim() === '' || lines[j]!.trim().startsWith('```'))) j--;
    const path =
      j >= 0
        ? lines[j]!.trim()
            .replace(/^`+|`+$/g, '')
            .replace(/:$/, '')
        : '';
    const search: string[] = [];
    const replace: string[] = [];
    let k = i + 1;
    for (; k < lines.length && !DIVIDER.test(lines[k]!); k++) search.push(lines[k]!);
    let l = k + 1;
    for (; l < lines.length && !REPLACE.test(lines[l]!); l++) replace.push(lines[l]!);
    if (k >= lines.length || l >= lines.length || !path) continue;
    out.push({ path, search: joinLines(search), replace: joinLines(replace) });
    i = l;
  }
  return out;
}

/**
 * The change edit blocks made to one file, when no commit records it: hunks of the
 * replaced text without line numbers (the reply does not say where in the file they
 * landed). An empty SEARCH on a file aider had not seen is a creation.
 */
export function blocksToChange(path: string, blocks: readonly EditBlock[]): FileChange {
  const created = blocks.length > 0 && blocks.every((b) => b.search === '');
  const hunks = blocks.map((b) =>
    unifiedDiff(path, b.search, b.replace)
      .split('\n')
      .slice(2)
      .join('\n')
      .replace(/^@@ .* @@$/gm, '@@'),
  );
  const patch =
    [
      `--- ${created ? '/dev/null' : `a/${path}`}`,
      `+++ b/${path}`,
      ...hunks.map((h) => h.replace(/\n$/, '')),
    ].join('\n') + '\n';
  const change: FileChange = { path, op: created ? 'create' : 'modify', ...diffstat(patch) };
  if (hunks.some((h) => h.trim() !== '')) change.patch = patch;
  if (created) change.before = null;
  return change;
}

function joinLines(lines: string[]): string {
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
