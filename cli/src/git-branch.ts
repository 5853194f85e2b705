import { spawnSync } from 'node:child_process';
import { TrailError } from '@trail/model';
import type { CommitInfo } from '@trail/export';

/** Runs git in `cwd`; undefined when it fails (no such ref, not a repository). */
function git(cwd: string, args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The current branch of the repository around `cwd`, and where it forked. */
export interface BranchRange {
  readonly root: string;
  readonly head: { readonly ref: string; readonly sha: string };
  readonly base: { readonly ref: string; readonly sha: string; readonly time: string };
  /** Oldest first, merges left out. */
  readonly commits: readonly CommitInfo[];
}

function defaultBase(cwd: string, branch: string): string | undefined {
  const upstream = git(cwd, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  // a branch's own upstream (origin/feature) is where it was pushed, not where it forked
  if (upstream && upstream.split('/').slice(1).join('/') !== branch) return upstream;
  const originHead = git(cwd, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  for (const ref of [originHead, 'main', 'master', 'origin/main', 'origin/master']) {
    if (ref && ref !== branch && git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))
      return ref;
  }
  return undefined;
}

/**
 * The commits of the current branch since `base` (default: the upstream when it is another
 * branch, else origin's default branch, main or master), with the files each changed.
 */
export function branchRange(cwd: string, base?: string): BranchRange {
  const root = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!root)
    throw new TrailError(
      'USAGE',
      `${cwd} is not inside a git repository; run pr-summary in the repository of the pull request`,
    );
  const sha = git(root, ['rev-parse', 'HEAD']);
  if (!sha) throw new TrailError('USAGE', 'the repository has no commits yet');
  const ref = git(root, ['rev-parse', '--abbrev-ref', 'HEAD']) ?? 'HEAD';
  const baseRef = base ?? defaultBase(root, ref);
  if (!baseRef)
    throw new TrailError(
      'USAGE',
      'no upstream, main or master branch to compare with; give one with --base REF',
    );
  const baseSha = git(root, ['merge-base', 'HEAD', baseRef]);
  if (!baseSha)
    throw new TrailError(
      'USAGE',
      `--base ${baseRef}: no such commit, or no history in common with HEAD`,
    );
  const time = git(root, ['show', '-s', '--format=%cI', baseSha]) ?? '';
  const log =
    git(root, [
      'log',
      '--reverse',
      '--no-merges',
      '--format=%x1e%H%x1f%cI%x1f%s',
      '--name-only',
      `${baseSha}..HEAD`,
    ]) ?? '';
  const commits = log
    .split('\x1e')
    .filter((c) => c.trim())
    .map((c): CommitInfo => {
      const [head = '', ...files] = c.split('\n');
      const [commit = '', when = '', subject = ''] = head.split('\x1f');
      return {
        sha: commit,
        time: new Date(when).toISOString(),
        subject,
        files: files.filter(Boolean),
      };
    });
  return {
    root,
    head: { ref, sha },
    base: { ref: baseRef, sha: baseSha, time: time ? new Date(time).toISOString() : '' },
    commits,
  };
}
