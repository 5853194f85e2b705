import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitText } from './git.js';
import { maxBytesFrom } from './large.js';
import { withLock } from './lock.js';
import { openPrivateRepo, type PrivateRepo } from './repo.js';
import type { WorkTree } from './root.js';
import { borrowsObjects, internalize, unseed } from './seed.js';
import { stageWorkTree, type Staged } from './stage.js';

/** Options of {@link takeSnapshot}. */
export interface SnapshotOptions {
  /** The store's checkpoints directory (`storePaths(home).checkpoints`). */
  checkpointsDir: string;
  /** The tree to snapshot (see resolveWorkTree). */
  tree: WorkTree;
  /** The store home, excluded from the snapshot when it lies inside the tree. */
  storeHome?: string;
  /** Files larger than this are recorded by hash only; default TRAIL_CHECKPOINT_MAX_BYTES or 5 MB. */
  maxBytes?: number;
  /** Lines appended to the checkpoint commit's message (session, moment...). */
  note?: Record<string, string>;
}

/** A checkpoint just taken. */
export interface SnapshotResult {
  /** The checkpoint id: the commit in the tree's private repository. */
  checkpoint: string;
  tree: string;
  /** The tree's latest checkpoint before this call, if any (equal to `checkpoint` when reused). */
  parent: string | undefined;
  /** True when nothing changed since the latest checkpoint, which is returned as is. */
  reused: boolean;
  /** Paths (relative to the root, `/`-separated) that differ from the parent; empty for the first. */
  changed: string[];
  root: string;
}

/** The tip of a tree's chain of checkpoints: its commit and tree. */
export interface Tip {
  commit: string;
  tree: string;
}

const TIP_FILE = 'trail-tip.json';

/**
 * Snapshots a working tree into its private repository and chains the new checkpoint to
 * the previous one of that tree. Synchronous, and cheap when little changed: one
 * `git status` pass over the stat cache, then only changed files are hashed. When nothing
 * changed, the latest checkpoint is returned as is.
 */
export function takeSnapshot(o: SnapshotOptions): SnapshotResult {
  const repo = openPrivateRepo(o.checkpointsDir, o.tree, o.storeHome);
  return withLock(join(repo.gitDir, 'trail.lock'), () => {
    const tip = readTip(repo);
    const staged = stage(repo, o, tip);
    // Nothing changed: the latest checkpoint already is this state, and no commit is needed.
    if (tip && staged.tree === tip.tree)
      return {
        checkpoint: tip.commit,
        tree: tip.tree,
        parent: tip.commit,
        changed: [],
        root: repo.root,
        reused: true,
      };
    const changed = !tip
      ? []
      : staged.leftovers
        ? diffNames(repo, tip.tree, staged.tree)
        : staged.touched;
    const message = [
      'trail checkpoint',
      '',
      ...Object.entries(o.note ?? {}).map(([k, v]) => `${k}: ${v.replace(/\s+/g, ' ')}`),
    ].join('\n');
    const args = ['commit-tree', '--no-gpg-sign', staged.tree, '-m', message];
    if (tip) args.push('-p', tip.commit);
    const commit = gitText(repo.target, args);
    writeTip(repo, { commit, tree: staged.tree });
    if (borrowsObjects(repo)) internalize(repo, repo.target.indexFile!);
    return {
      checkpoint: commit,
      tree: staged.tree,
      parent: tip?.commit,
      changed,
      root: repo.root,
      reused: false,
    };
  });
}

/** Stages the working tree and returns its tree id without recording a checkpoint (dry runs). */
export function stageOnly(o: SnapshotOptions): {
  repo: PrivateRepo;
  tree: string;
  tip: Tip | undefined;
} {
  const repo = openPrivateRepo(o.checkpointsDir, o.tree, o.storeHome);
  return withLock(join(repo.gitDir, 'trail.lock'), () => {
    const tip = readTip(repo);
    return { repo, tree: stage(repo, o, tip).tree, tip };
  });
}

/** Stages the tree; a seeded first snapshot git cannot use is redone from scratch. */
function stage(repo: PrivateRepo, o: SnapshotOptions, tip: Tip | undefined): Staged {
  const max = maxBytesFrom(o.maxBytes);
  try {
    return stageWorkTree(repo, max, tip?.tree);
  } catch (e) {
    if (tip || !borrowsObjects(repo)) throw e;
    unseed(repo, repo.target.indexFile!);
    return stageWorkTree(repo, max, undefined);
  }
}

/** The latest checkpoint of a tree's private repository. */
export function readTip(repo: PrivateRepo): Tip | undefined {
  const refFile = join(repo.gitDir, repo.ref);
  if (!existsSync(refFile)) {
    if (!existsSync(join(repo.gitDir, 'packed-refs'))) return undefined;
    const commit = gitText(repo.target, ['rev-parse', '--verify', '--quiet', repo.ref], {
      okStatus: [1],
    });
    return commit
      ? { commit, tree: gitText(repo.target, ['rev-parse', `${commit}^{tree}`]) }
      : undefined;
  }
  const commit = readFileSync(refFile, 'utf8').trim();
  try {
    const t = JSON.parse(readFileSync(join(repo.gitDir, TIP_FILE), 'utf8')) as Tip;
    if (t.commit === commit && /^[0-9a-f]{40}$/.test(t.tree)) return t;
  } catch {
    // written by an older run or torn: ask git
  }
  return { commit, tree: gitText(repo.target, ['rev-parse', `${commit}^{tree}`]) };
}

/**
 * Moves the chain's ref to a new checkpoint. The ref is a loose ref file in the private
 * repository, written atomically under the tree's lock, like `git update-ref` would.
 */
function writeTip(repo: PrivateRepo, tip: Tip): void {
  const tipFile = join(repo.gitDir, TIP_FILE);
  writeFileSync(`${tipFile}.tmp`, JSON.stringify(tip));
  renameSync(`${tipFile}.tmp`, tipFile);
  const refFile = join(repo.gitDir, repo.ref);
  writeFileSync(`${refFile}.tmp`, `${tip.commit}\n`);
  renameSync(`${refFile}.tmp`, refFile);
}

function diffNames(repo: PrivateRepo, a: string, b: string): string[] {
  const out = gitText(repo.target, ['diff-tree', '-r', '-z', '--name-only', '--no-renames', a, b]);
  return out.split('\0').filter(Boolean).sort();
}
