import {
  countLines,
  diffstat,
  hunkStat,
  hunksToUnified,
  unifiedDiff,
  type FileChange,
  type Hunk,
} from '@trail/model';
import { arr, isObj, num, obj, str, type Obj } from './json.js';

/**
 * What a successful Write, Edit, MultiEdit or NotebookEdit did to its file, from the
 * `toolUseResult` (hooks: `tool_response`) and the input. The unified diff comes from
 * `structuredPatch` when Claude Code recorded hunks, else it is rebuilt from the content
 * before (`originalFile`) and after; with neither, from the edited snippets alone (line
 * numbers then count from the snippet, not the file).
 */
export function claudeFileChanges(
  name: string,
  input: Obj,
  response: unknown,
): FileChange[] | undefined {
  const r = obj(response);
  switch (name) {
    case 'Write':
      return one(writeChange(input, r));
    case 'Edit':
      return one(editChange(input, r));
    case 'MultiEdit':
      return one(multiEditChange(input, r));
    case 'NotebookEdit':
      return one(notebookChange(input, r));
    default:
      return undefined;
  }
}

function one(c: FileChange | undefined): FileChange[] | undefined {
  return c ? [c] : undefined;
}

/** Hunks in jsdiff's structuredPatch shape; anything else is ignored. */
export function validHunks(v: unknown): Hunk[] {
  const out: Hunk[] = [];
  for (const h of arr(v)) {
    if (!isObj(h)) return [];
    const oldStart = num(h.oldStart);
    const oldLines = num(h.oldLines);
    const newStart = num(h.newStart);
    const newLines = num(h.newLines);
    const lines = arr(h.lines);
    if (
      oldStart === undefined ||
      oldLines === undefined ||
      newStart === undefined ||
      newLines === undefined
    )
      return [];
    if (!lines.every((l) => typeof l === 'string')) return [];
    out.push({ oldStart, oldLines, newStart, newLines, lines });
  }
  return out;
}

/** Replaces `oldS` by `newS` once (or everywhere) in `content`; undefined when absent. */
export function applyEdit(
  content: string,
  oldS: string,
  newS: string,
  all: boolean,
): string | undefined {
  if (oldS === '') return content === '' ? newS : undefined;
  const at = content.indexOf(oldS);
  if (at === -1) return undefined;
  if (all) return content.split(oldS).join(newS);
  return content.slice(0, at) + newS + content.slice(at + oldS.length);
}

function change(
  path: string,
  op: FileChange['op'],
  patch: string | undefined,
  hunks: Hunk[],
  extra: Partial<FileChange>,
): FileChange {
  const stat =
    hunks.length > 0
      ? hunkStat(hunks)
      : patch !== undefined
        ? diffstat(patch)
        : { added: 0, removed: 0 };
  return { path, op, ...stat, ...(patch !== undefined ? { patch } : {}), ...extra };
}

function writeChange(input: Obj, r: Obj): FileChange | undefined {
  const path = str(r.filePath) ?? str(input.file_path);
  if (path === undefined) return undefined;
  const content = str(r.content) ?? str(input.content) ?? '';
  const original = r.originalFile;
  const hunks = validHunks(r.structuredPatch);
  if (r.type === 'create' || original === null) {
    return change(path, 'create', unifiedDiff(path, null, content), [], {
      before: null,
      after: content,
    });
  }
  if (hunks.length > 0) {
    return change(path, 'modify', hunksToUnified(path, hunks), hunks, {
      ...(typeof original === 'string' ? { before: original } : {}),
      after: content,
    });
  }
  if (typeof original === 'string') {
    return change(path, 'modify', unifiedDiff(path, original, content), [], {
      before: original,
      after: content,
    });
  }
  // An old transcript or a hook without the prior content: the size of the write is all we know.
  return { path, op: 'modify', added: countLines(content), removed: 0, after: content };
}

function editChange(input: Obj, r: Obj): FileChange | undefined {
  const path = str(r.filePath) ?? str(input.file_path);
  if (path === undefined) return undefined;
  const oldS = str(r.oldString) ?? str(input.old_string) ?? '';
  const newS = str(r.newString) ?? str(input.new_string) ?? '';
  const all = (r.replaceAll ?? input.replace_all) === true;
  const original = r.originalFile;
  const hunks = validHunks(r.structuredPatch);
  const after =
    typeof original === 'string'
      ? applyEdit(original, oldS, newS, all)
      : original === null
        ? newS
        : undefined;
  const op = original === null ? 'create' : 'modify';
  const extra: Partial<FileChange> = {
    ...(typeof original === 'string' || original === null ? { before: original } : {}),
    ...(after !== undefined ? { after } : {}),
  };
  if (hunks.length > 0) return change(path, op, hunksToUnified(path, hunks), hunks, extra);
  if (after !== undefined && (typeof original === 'string' || original === null)) {
    return change(path, op, unifiedDiff(path, original, after), [], extra);
  }
  return change(path, op, unifiedDiff(path, oldS, newS), [], extra);
}

function multiEditChange(input: Obj, r: Obj): FileChange | undefined {
  const path = str(r.filePath) ?? str(input.file_path);
  if (path === undefined) return undefined;
  const edits = (Array.isArray(r.edits) ? r.edits : arr(input.edits)).filter(isObj);
  const original = str(r.originalFileContents) ?? str(r.originalFile);
  let after: string | undefined = original;
  for (const e of edits) {
    if (after === undefined) break;
    after = applyEdit(
      after,
      str(e.old_string) ?? '',
      str(e.new_string) ?? '',
      e.replace_all === true,
    );
  }
  const hunks = validHunks(r.structuredPatch);
  const extra: Partial<FileChange> = {
    ...(original !== undefined ? { before: original } : {}),
    ...(after !== undefined ? { after } : {}),
  };
  if (hunks.length > 0) return change(path, 'modify', hunksToUnified(path, hunks), hunks, extra);
  if (original !== undefined && after !== undefined) {
    return change(path, 'modify', unifiedDiff(path, original, after), [], extra);
  }
  let added = 0;
  let removed = 0;
  for (const e of edits) {
    const s = diffstat(unifiedDiff(path, str(e.old_string) ?? '', str(e.new_string) ?? ''));
    added += s.added;
    removed += s.removed;
  }
  return { path, op: 'modify', added, removed, ...extra };
}

function notebookChange(input: Obj, r: Obj): FileChange | undefined {
  const path = str(r.notebook_path) ?? str(input.notebook_path);
  if (path === undefined) return undefined;
  const before = str(r.original_file);
  const after = str(r.updated_file);
  if (before !== undefined && after !== undefined) {
    return change(path, 'modify', unifiedDiff(path, before, after), [], { before, after });
  }
  const mode = str(r.edit_mode) ?? str(input.edit_mode) ?? 'replace';
  const source = str(r.new_source) ?? str(input.new_source) ?? '';
  return { path, op: 'modify', added: mode === 'delete' ? 0 : countLines(source), removed: 0 };
}
