import { spawnSync } from 'node:child_process';
import { SnapshotError } from './errors.js';

/** Where a git command works: a private git directory, and the work tree and index it snapshots. */
export interface GitTarget {
  readonly gitDir: string;
  readonly workTree?: string;
  readonly indexFile?: string;
}

/** Identity of checkpoint commits: fixed, so nothing personal enters the private repository. */
const IDENTITY = {
  GIT_AUTHOR_NAME: 'trail',
  GIT_AUTHOR_EMAIL: 'trail@localhost',
  GIT_COMMITTER_NAME: 'trail',
  GIT_COMMITTER_EMAIL: 'trail@localhost',
};

/** The caller's environment without any GIT_* variable that could point git at the user's repository. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

function envFor(t: GitTarget): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...baseEnv(), ...IDENTITY, GIT_DIR: t.gitDir };
  if (t.workTree !== undefined) env.GIT_WORK_TREE = t.workTree;
  if (t.indexFile !== undefined) env.GIT_INDEX_FILE = t.indexFile;
  return env;
}

/** Options of one git run. */
export interface GitRun {
  input?: string | Buffer;
  /** Exit statuses that are not failures (e.g. 1 for `cat-file -e`). */
  okStatus?: readonly number[];
}

/** What a git run returned. */
export interface GitResult {
  status: number;
  stdout: Buffer;
}

/**
 * Runs git synchronously against a private repository. Never reads or writes the
 * user's repository: every GIT_* variable of the caller is dropped and GIT_DIR,
 * GIT_WORK_TREE and GIT_INDEX_FILE are set explicitly.
 */
export function runGit(t: GitTarget, args: readonly string[], run: GitRun = {}): GitResult {
  const r = spawnSync('git', args, {
    env: envFor(t),
    input: run.input ?? '',
    maxBuffer: 1 << 30,
    windowsHide: true,
  });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SnapshotError(
        'GIT_MISSING',
        'git is not installed (or not on PATH); trail needs git 2.29 or newer for checkpoints, blame and rewind',
      );
    }
    throw new SnapshotError(
      'GIT_FAILED',
      `git ${args[0] ?? ''} could not run: ${r.error.message}`,
      {
        args: [...args],
      },
    );
  }
  const status = r.status ?? -1;
  if (status !== 0 && !(run.okStatus ?? []).includes(status)) {
    const err = r.stderr.toString('utf8').trim().split('\n').slice(-2).join(' ');
    throw new SnapshotError('GIT_FAILED', `git ${args[0] ?? ''} failed (${status}): ${err}`, {
      args: [...args],
      status,
    });
  }
  return { status, stdout: r.stdout };
}

/** Runs git and returns its output as trimmed text. */
export function gitText(t: GitTarget, args: readonly string[], run: GitRun = {}): string {
  return runGit(t, args, run).stdout.toString('utf8').trim();
}
