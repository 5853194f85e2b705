import { findPrivateRepo } from './snapshot/repo.js';
import { runGit } from './snapshot/git.js';

/** How one file differs between two checkpoints. */
export interface CheckpointFileDiff {
  /** Path relative to the tree's root. */
  path: string;
  op: 'create' | 'modify' | 'delete';
  added: number;
  removed: number;
  /** Unified diff with `a/` and `b/` paths relative to the root. */
  patch: string;
}

/**
 * The per-file unified diff between two checkpoints of one working tree, read from its
 * private repository: what changed by any means (a shell command, a formatter) between them.
 * Empty when the tree has no private repository.
 */
export function checkpointDiff(
  checkpointsDir: string,
  root: string,
  from: string,
  to: string,
  paths?: readonly string[],
): CheckpointFileDiff[] {
  const repo = findPrivateRepo(checkpointsDir, root);
  if (!repo || from === to) return [];
  const args = ['diff', '--no-color', '--no-renames', '--no-ext-diff', '-U3', from, to];
  if (paths && paths.length > 0) args.push('--', ...paths);
  const text = runGit({ gitDir: repo.gitDir }, args).stdout.toString('utf8');
  const out: CheckpointFileDiff[] = [];
  for (const block of text.split(/^(?=diff --git )/m)) {
    if (!block.startsWith('diff --git ')) continue;
    const head = /^diff --git a\/(.+?) b\/(.+)$/m.exec(block);
    if (!head) continue;
    const op = /^new file mode/m.test(block)
      ? 'create'
      : /^deleted file mode/m.test(block)
        ? 'delete'
        : 'modify';
    let added = 0;
    let removed = 0;
    const start = block.search(/^@@/m);
    if (start >= 0)
      for (const line of block.slice(start).split('\n')) {
        if (line.startsWith('+')) added++;
        else if (line.startsWith('-')) removed++;
      }
    const path = op === 'delete' ? head[1]! : head[2]!;
    // drop git's own header lines, keep ---/+++ and hunks (binary files keep their note)
    const body = block
      .replace(/^diff --git .*\n/, '')
      .replace(
        /^(index |new file mode |deleted file mode |similarity |old mode |new mode ).*\n/gm,
        '',
      );
    out.push({ path, op, added, removed, patch: body });
  }
  return out;
}
