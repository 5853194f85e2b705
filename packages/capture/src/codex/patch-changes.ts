import { countLines, diffstat, unifiedDiff, type FileChange } from '@trail/model';
import type { ParsedPatch, PatchFileOp, PatchHunk } from './apply-patch.js';
import { patchOpStat } from './apply-patch.js';
import { applyHunks } from './apply-hunks.js';
import type { KnownFiles } from './known-files.js';

/**
 * Turns a parsed apply_patch into per-file changes. Added files and files whose content
 * the session already revealed get real unified diffs (with line numbers); other updates
 * keep Codex's hunks as a unified-diff-like text whose `@@` lines carry the patch's
 * anchor instead of line numbers, since the patch itself has none. Counts always come
 * from the patch. `resolve` maps a patch path to the FileChange path; `known` is updated
 * with every content the patch determines.
 */
export function patchToChanges(
  patch: ParsedPatch,
  resolve: (p: string) => string,
  known: KnownFiles,
): FileChange[] {
  return patch.files.map((op) => opToChange(op, resolve, known));
}

function opToChange(
  op: PatchFileOp,
  resolve: (p: string) => string,
  known: KnownFiles,
): FileChange {
  const path = resolve(op.path);
  if (op.kind === 'add') {
    const after = op.lines.length > 0 ? op.lines.join('\n') + '\n' : '';
    known.set(path, after);
    return {
      path,
      op: 'create',
      added: op.lines.length,
      removed: 0,
      patch: unifiedDiff(path, null, after),
      before: null,
      after,
    };
  }
  if (op.kind === 'delete') {
    const before = known.get(path);
    known.forget(path);
    if (before === undefined)
      return {
        path,
        op: 'delete',
        added: 0,
        removed: 0,
        patch: `--- a/${strip(path)}\n+++ /dev/null\n`,
      };
    return {
      path,
      op: 'delete',
      added: 0,
      removed: countLines(before),
      patch: unifiedDiff(path, before, null),
      before,
    };
  }
  const target = op.moveTo !== undefined ? resolve(op.moveTo) : path;
  const base: FileChange =
    op.moveTo !== undefined
      ? { path: target, op: 'rename', fromPath: path, added: 0, removed: 0 }
      : { path, op: 'modify', added: 0, removed: 0 };
  const before = known.get(path);
  const after = before === undefined ? undefined : applyHunks(before, op.hunks);
  known.forget(path);
  if (before !== undefined && after !== undefined) {
    known.set(target, after);
    const text = renameHeader(unifiedDiff(target, before, after), path, target);
    return { ...base, ...diffstat(text), patch: text, before, after };
  }
  return { ...base, ...patchOpStat(op), patch: hunksText(path, target, op.hunks) };
}

/** The hunks of an update as unified-diff-like text, `@@ anchor` standing for line numbers. */
export function hunksText(from: string, to: string, hunks: readonly PatchHunk[]): string {
  const out = [`--- a/${strip(from)}`, `+++ b/${strip(to)}`];
  for (const h of hunks) {
    out.push(h.anchor ? `@@ ${h.anchor}` : '@@');
    for (const l of h.lines) out.push(l.op + l.text);
  }
  return out.join('\n') + '\n';
}

function renameHeader(diff: string, from: string, to: string): string {
  return from === to ? diff : diff.replace(/^--- a\/.*$/m, `--- a/${strip(from)}`);
}

function strip(p: string): string {
  return p.replace(/^\/+/, '');
}

/**
 * Rewrites the file headers of a diff made by another tool (jsdiff's `Index:`/`====` lines,
 * `--- util.py\tCurrent`, absolute paths) to the `--- a/path` / `+++ b/path` headers trail's
 * diffs use (`/dev/null` for a created file).
 */
export function withTrailHeaders(diff: string, path: string, created: boolean): string {
  const at = diff.search(/^--- /m);
  const body = at >= 0 ? diff.slice(at) : diff;
  const p = strip(path);
  return body.replace(
    /^--- .*\n\+\+\+ .*$/m,
    `--- ${created ? '/dev/null' : `a/${p}`}\n+++ b/${p}`,
  );
}
