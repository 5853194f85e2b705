/**
 * A parser for Codex's apply_patch format (formats.md 2.4):
 *
 *   *** Begin Patch
 *   *** Add File: path        then "+line" lines
 *   *** Delete File: path
 *   *** Update File: path     then optional "*** Move to: path", then hunks:
 *   @@ [anchor]               then " ctx" / "-old" / "+new" lines, optional "*** End of File"
 *   *** End Patch
 *
 * Like Codex it tolerates whitespace around markers, a first hunk without `@@`, and blank
 * lines inside hunks (read as empty context). Anything else is kept (as context) and
 * reported in `warnings`, never thrown.
 */

/** One line of a hunk: context, removal or addition. */
export interface PatchLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** A hunk: an optional anchor (the text after `@@`), its lines, and an end-of-file anchor. */
export interface PatchHunk {
  anchor?: string;
  lines: PatchLine[];
  endOfFile: boolean;
}

/** One file operation of a patch. */
export type PatchFileOp =
  | { kind: 'add'; path: string; lines: string[] }
  | { kind: 'delete'; path: string }
  | { kind: 'update'; path: string; moveTo?: string; hunks: PatchHunk[] };

/** A parsed patch. */
export interface ParsedPatch {
  files: PatchFileOp[];
  /** Deviations from the grammar that were tolerated (1-based line in the patch text). */
  warnings: string[];
}

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const ADD = '*** Add File: ';
const DELETE = '*** Delete File: ';
const UPDATE = '*** Update File: ';
const MOVE = '*** Move to: ';
const EOF_MARK = '*** End of File';

/** True when a text looks like an apply_patch patch (it has a file header). */
export function looksLikePatch(text: string): boolean {
  return /^\s*\*\*\* (Add|Delete|Update) File: /m.test(text);
}

/** Parses an apply_patch text. A text with no file operation yields `files: []`. */
export function parseApplyPatch(text: string): ParsedPatch {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const files: PatchFileOp[] = [];
  const warnings: string[] = [];
  let current: PatchFileOp | undefined;
  let hunk: PatchHunk | undefined;
  let begun = false;

  const close = (): void => {
    if (current) files.push(current);
    current = undefined;
    hunk = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = line.trim();
    if (marker === BEGIN) {
      begun = true;
      continue;
    }
    if (marker === END) {
      close();
      begun = false;
      continue;
    }
    if (marker.startsWith(ADD)) {
      close();
      current = { kind: 'add', path: marker.slice(ADD.length).trim(), lines: [] };
      continue;
    }
    if (marker.startsWith(DELETE)) {
      close();
      files.push({ kind: 'delete', path: marker.slice(DELETE.length).trim() });
      continue;
    }
    if (marker.startsWith(UPDATE)) {
      close();
      current = { kind: 'update', path: marker.slice(UPDATE.length).trim(), hunks: [] };
      continue;
    }
    if (!current) {
      if (begun && marker !== '')
        warnings.push(`line ${i + 1}: text outside a file section ignored`);
      continue;
    }
    if (current.kind === 'add') {
      if (line.startsWith('+')) current.lines.push(line.slice(1));
      else if (marker !== '') warnings.push(`line ${i + 1}: line in Add File without "+" ignored`);
      continue;
    }
    if (current.kind !== 'update') continue;
    if (marker.startsWith(MOVE) && current.hunks.length === 0 && !hunk) {
      current.moveTo = marker.slice(MOVE.length).trim();
      continue;
    }
    if (marker === '@@' || marker.startsWith('@@ ')) {
      const anchor = marker.slice(2).trim();
      hunk = anchor ? { anchor, lines: [], endOfFile: false } : { lines: [], endOfFile: false };
      current.hunks.push(hunk);
      continue;
    }
    if (marker === EOF_MARK) {
      if (hunk) hunk.endOfFile = true;
      continue;
    }
    if (!hunk) {
      hunk = { lines: [], endOfFile: false };
      current.hunks.push(hunk);
    }
    const op = line[0];
    if (op === ' ' || op === '-' || op === '+') hunk.lines.push({ op, text: line.slice(1) });
    else if (line === '') {
      // a trailing empty line before the next marker is usually the end of the text
      if (i < lines.length - 1) hunk.lines.push({ op: ' ', text: '' });
    } else {
      warnings.push(`line ${i + 1}: unexpected line in Update File kept as context`);
      hunk.lines.push({ op: ' ', text: line });
    }
  }
  close();
  for (const f of files)
    if (f.kind === 'update') f.hunks = f.hunks.filter((h) => h.lines.length > 0 || h.anchor);
  return { files, warnings };
}

/** Lines added and removed by one file operation, counted from the patch itself. */
export function patchOpStat(op: PatchFileOp): { added: number; removed: number } {
  if (op.kind === 'add') return { added: op.lines.length, removed: 0 };
  if (op.kind === 'delete') return { added: 0, removed: 0 };
  let added = 0;
  let removed = 0;
  for (const h of op.hunks)
    for (const l of h.lines) {
      if (l.op === '+') added++;
      else if (l.op === '-') removed++;
    }
  return { added, removed };
}
