import type { PatchHunk } from './apply-patch.js';

/**
 * Applies apply_patch hunks to a file's content the way Codex locates them: hunks have no
 * line numbers, so each is found by content, searching forward from the previous hunk,
 * first exactly, then ignoring trailing whitespace, then ignoring surrounding whitespace.
 * An `@@ anchor` moves the search past the anchor line; `*** End of File` searches from
 * the end. Returns undefined when a hunk cannot be located (the caller then keeps the
 * patch as text without line numbers).
 */
export function applyHunks(content: string, hunks: readonly PatchHunk[]): string | undefined {
  const lines = content.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let cursor = 0;
  for (const h of hunks) {
    if (h.anchor !== undefined) {
      const at = seek(lines, [h.anchor], cursor, false);
      if (at === undefined) return undefined;
      cursor = at + 1;
    }
    const oldLines = h.lines.filter((l) => l.op !== '+').map((l) => l.text);
    const newLines = h.lines.filter((l) => l.op !== '-').map((l) => l.text);
    if (oldLines.length === 0) {
      lines.splice(lines.length, 0, ...newLines);
      cursor = lines.length;
      continue;
    }
    let at = seek(lines, oldLines, cursor, h.endOfFile);
    // models often end a hunk with an empty context line the file does not have
    if (at === undefined && oldLines[oldLines.length - 1] === '') {
      oldLines.pop();
      if (newLines[newLines.length - 1] === '') newLines.pop();
      at = seek(lines, oldLines, cursor, h.endOfFile);
    }
    if (at === undefined) return undefined;
    lines.splice(at, oldLines.length, ...newLines);
    cursor = at + newLines.length;
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

const exact = (s: string): string => s;
const trimEnd = (s: string): string => s.trimEnd();
const trim = (s: string): string => s.trim();

function seek(
  lines: readonly string[],
  pattern: readonly string[],
  from: number,
  eof: boolean,
): number | undefined {
  if (pattern.length > lines.length) return undefined;
  for (const norm of [exact, trimEnd, trim]) {
    if (eof) {
      const at = lines.length - pattern.length;
      if (at >= from && matches(lines, pattern, at, norm)) return at;
    }
    for (let i = from; i + pattern.length <= lines.length; i++)
      if (matches(lines, pattern, i, norm)) return i;
  }
  return undefined;
}

function matches(
  lines: readonly string[],
  pattern: readonly string[],
  at: number,
  norm: (s: string) => string,
): boolean {
  for (let j = 0; j < pattern.length; j++)
    if (norm(lines[at + j]!) !== norm(pattern[j]!)) return false;
  return true;
}
