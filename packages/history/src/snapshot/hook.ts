import { realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnapshotError } from './errors.js';
import { resolveWorkTree } from './root.js';
import { takeSnapshot } from './take.js';

/** When a hook checkpoint is taken: a prompt's start, the end of a turn, or a subagent's end. */
export type HookMoment = 'start' | 'end' | 'subagent-end';

/** What a hook knows when it takes a checkpoint. */
export interface HookCheckpointInput {
  /** The store home. */
  home: string;
  /** The session's working directory (the payload's `cwd`). */
  cwd: string;
  sessionId: string;
  moment: HookMoment;
  agentId?: string;
}

/** Most changed paths a checkpoint record lists; the private repository has them all. */
export const MAX_LISTED_CHANGES = 1000;

/**
 * Takes the checkpoint a hook records and returns the payload of its `TrailCheckpoint`
 * spool line: `{session_id, checkpoint, moment, root, changed[], agent_id?}`. The tree is
 * the git top level of `cwd`, or `cwd` itself outside a repository; a home directory or
 * filesystem root that is not a repository is refused rather than walked.
 */
/** Directories too broad to snapshot unless they are a git repository themselves. */
const BROAD_ROOTS = (): string[] => {
  const out = ['/', homedir(), tmpdir()];
  for (const d of [homedir(), tmpdir()]) {
    try {
      out.push(realpathSync(d));
    } catch {
      // gone: nothing to compare against
    }
  }
  return out;
};

export function hookCheckpoint(i: HookCheckpointInput): Record<string, unknown> {
  let tree;
  try {
    tree = resolveWorkTree(i.cwd);
  } catch {
    throw new SnapshotError(
      'CHECKPOINT_NO_TREE',
      `the session's directory ${i.cwd} does not exist`,
      { cwd: i.cwd },
    );
  }
  if (!tree.userGitDir && BROAD_ROOTS().includes(tree.root)) {
    throw new SnapshotError(
      'CHECKPOINT_REFUSED',
      `not snapshotting ${tree.root}: a home, temp or root directory that is not a git repository`,
      { root: tree.root },
    );
  }
  const snap = takeSnapshot({
    checkpointsDir: join(i.home, 'checkpoints'),
    tree,
    storeHome: i.home,
    note: { session: i.sessionId, moment: i.moment, ...(i.agentId ? { agent: i.agentId } : {}) },
  });
  return {
    session_id: i.sessionId,
    checkpoint: snap.checkpoint,
    moment: i.moment,
    root: snap.root,
    changed: snap.changed.slice(0, MAX_LISTED_CHANGES),
    ...(i.agentId ? { agent_id: i.agentId } : {}),
  };
}
