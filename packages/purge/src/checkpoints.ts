import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  gitText,
  listPrivateRepos,
  runGit,
  withLock,
  type PrivateRepo,
} from '@trail/history/snapshot';
import type { Matcher } from './matcher.js';

/** What purging one working tree's checkpoints did. */
export interface CheckpointPurge {
  /** The working tree the checkpoints are of. */
  readonly root: string;
  /** Paths (relative to it) whose checkpointed content held the secret. */
  readonly paths: readonly string[];
  /** Checkpoint commits rewritten. */
  readonly commits: number;
}

const HEADER = /^([0-9a-f]{40,64}) (\S+) (\d+)$/;

/** Every blob of a private repository whose content holds a match, with its rewritten text. */
function dirtyBlobs(repo: PrivateRepo, matcher: Matcher): Map<string, Buffer> {
  const list = gitText(repo.target, [
    'cat-file',
    '--batch-all-objects',
    '--batch-check=%(objectname) %(objecttype)',
  ]);
  const blobs = list
    .split('\n')
    .map((l) => l.split(' '))
    .filter(([, type]) => type === 'blob')
    .map(([sha]) => sha!);
  const dirty = new Map<string, Buffer>();
  if (blobs.length === 0) return dirty;
  const out = runGit(repo.target, ['cat-file', '--batch'], {
    input: blobs.join('\n') + '\n',
  }).stdout;
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    const m = HEADER.exec(out.subarray(at, nl).toString('utf8'));
    if (!m) break;
    const body = out.subarray(nl + 1, nl + 1 + Number(m[3]));
    at = nl + 1 + body.length + 1;
    const binary = body.subarray(0, 8192).includes(0);
    const text = body.toString(binary ? 'latin1' : 'utf8');
    if (matcher.test(text))
      dirty.set(m[1]!, Buffer.from(matcher.replace(text), binary ? 'latin1' : 'utf8'));
  }
  return dirty;
}

/** Rewrites trees bottom-up, replacing dirty blobs; returns the new tree id (or the same). */
function treeRewriter(repo: PrivateRepo, replaced: Map<string, string>, paths: Set<string>) {
  const done = new Map<string, string>();
  const rewrite = (tree: string, prefix: string): string => {
    const cached = done.get(tree);
    if (cached !== undefined) return cached;
    const entries = runGit(repo.target, ['ls-tree', '-z', tree])
      .stdout.toString('utf8')
      .split('\0')
      .filter(Boolean);
    let changed = false;
    const next = entries.map((entry) => {
      const tab = entry.indexOf('\t');
      const [mode, type, sha] = entry.slice(0, tab).split(' ') as [string, string, string];
      const name = entry.slice(tab + 1);
      let id = sha;
      if (type === 'blob' && replaced.has(sha)) {
        id = replaced.get(sha)!;
        paths.add(prefix + name);
      } else if (type === 'tree') id = rewrite(sha, `${prefix}${name}/`);
      if (id !== sha) changed = true;
      return `${mode} ${type} ${id}\t${name}`;
    });
    const out = changed
      ? gitText(repo.target, ['mktree', '-z'], { input: next.join('\0') + '\0' })
      : tree;
    done.set(tree, out);
    return out;
  };
  return rewrite;
}

/**
 * Removes a secret from one working tree's checkpoints: blobs holding it are rewritten, every
 * tree and commit above them is rewritten (messages, authors and dates kept), refs moved, and
 * the old objects expired and pruned. Returns the old → new id of every rewritten checkpoint.
 */
function purgeRepo(
  repo: PrivateRepo,
  matcher: Matcher,
  dryRun: boolean,
  ids: Map<string, string>,
): CheckpointPurge | undefined {
  const dirty = dirtyBlobs(repo, matcher);
  if (dirty.size === 0) return undefined;
  const paths = new Set<string>();
  if (dryRun) return { root: repo.root, paths: [`${dirty.size} file version(s)`], commits: 0 };
  const replaced = new Map<string, string>();
  for (const [sha, body] of dirty)
    replaced.set(sha, gitText(repo.target, ['hash-object', '-w', '--stdin'], { input: body }));
  const rewriteTree = treeRewriter(repo, replaced, paths);
  const commits = gitText(repo.target, ['rev-list', '--all', '--topo-order', '--reverse'])
    .split('\n')
    .filter(Boolean);
  let rewritten = 0;
  for (const c of commits) {
    const raw = runGit(repo.target, ['cat-file', 'commit', c]).stdout.toString('utf8');
    const split = raw.indexOf('\n\n');
    const head = (split === -1 ? raw : raw.slice(0, split)).split('\n').map((l) => {
      if (l.startsWith('tree ')) return `tree ${rewriteTree(l.slice(5), '')}`;
      if (l.startsWith('parent ')) return `parent ${ids.get(l.slice(7)) ?? l.slice(7)}`;
      return l;
    });
    const next = head.join('\n') + (split === -1 ? '' : raw.slice(split));
    if (next === raw) continue;
    ids.set(
      c,
      gitText(repo.target, ['hash-object', '-t', 'commit', '-w', '--stdin'], { input: next }),
    );
    rewritten++;
  }
  for (const line of gitText(repo.target, ['for-each-ref', '--format=%(objectname) %(refname)'])
    .split('\n')
    .filter(Boolean)) {
    const [sha, ref] = line.split(' ') as [string, string];
    const to = ids.get(sha);
    if (to) runGit(repo.target, ['update-ref', ref, to, sha]);
  }
  // the cached tip and the private index point at the old objects: rebuild them from the new tip
  rmSync(join(repo.gitDir, 'trail-tip.json'), { force: true });
  const tip = gitText(repo.target, ['rev-parse', '--verify', '--quiet', `${repo.ref}^{tree}`]);
  if (tip) runGit(repo.target, ['read-tree', tip]);
  runGit(repo.target, ['reflog', 'expire', '--expire=now', '--all']);
  runGit(repo.target, ['gc', '--prune=now', '--quiet']);
  return { root: repo.root, paths: [...paths].sort(), commits: rewritten };
}

/**
 * Removes a secret from the working-tree checkpoints of every tree in `checkpointsDir` (the
 * private git repositories behind `trail rewind`), each under its tree's snapshot lock.
 * Checkpoint ids change where a rewritten file was part of a checkpoint: `ids` receives the old
 * → new id of each, for the session documents that name them.
 */
export function purgeCheckpoints(
  checkpointsDir: string,
  matcher: Matcher,
  dryRun: boolean,
  ids: Map<string, string>,
): CheckpointPurge[] {
  const out: CheckpointPurge[] = [];
  for (const repo of listPrivateRepos(checkpointsDir)) {
    const r = withLock(
      join(repo.gitDir, 'trail.lock'),
      () => purgeRepo(repo, matcher, dryRun, ids),
      60_000,
    );
    if (r) out.push(r);
  }
  return out;
}
