import { realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveWorkTree, takeSnapshot, type WorkTree } from '@trail/history/snapshot';

/** A checkpoint the recorder took: the commit in the tree's private repository. */
export interface TakenCheckpoint {
  checkpoint: string;
  root: string;
  /** Paths (relative to root) that differ from the tree's previous checkpoint. */
  changed: string[];
}

/** Most changed paths a checkpoint record lists; the private repository has them all. */
const MAX_LISTED = 1000;

/**
 * Takes working-tree checkpoints for one recording: of the git top level of `cwd`, or of
 * `cwd` itself outside a repository. A home, temp or root directory that is not a
 * repository is refused (walking it would take long and capture far too much): the
 * constructor throws `CHECKPOINT_REFUSED`, and the recording goes on without checkpoints.
 */
export class Checkpointer {
  private readonly tree: WorkTree;

  constructor(
    private readonly home: string,
    cwd: string,
    private readonly sessionId: string,
  ) {
    this.tree = resolveWorkTree(cwd);
    if (!this.tree.userGitDir && broadRoots().includes(this.tree.root)) {
      throw Object.assign(
        new Error(
          `not taking checkpoints of ${this.tree.root}: a home, temp or root directory that is not a git repository`,
        ),
        { code: 'CHECKPOINT_REFUSED' },
      );
    }
  }

  /** The working tree checkpoints are of. */
  get root(): string {
    return this.tree.root;
  }

  /** Snapshots the tree now; `moment` goes into the checkpoint's commit message. */
  take(moment: string): TakenCheckpoint {
    const snap = takeSnapshot({
      checkpointsDir: join(this.home, 'checkpoints'),
      tree: this.tree,
      storeHome: this.home,
      note: { session: this.sessionId, moment, agent: 'terminal' },
    });
    return {
      checkpoint: snap.checkpoint,
      root: snap.root,
      changed: snap.changed.slice(0, MAX_LISTED),
    };
  }
}

function broadRoots(): string[] {
  const out = ['/', homedir(), tmpdir()];
  for (const d of [homedir(), tmpdir()]) {
    try {
      out.push(realpathSync(d));
    } catch {
      // gone: nothing to compare against
    }
  }
  return out;
}
