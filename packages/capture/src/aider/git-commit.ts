import { execFile } from 'node:child_process';
import type { FileChange } from '@trail/model';
import { CAPTURE_CODES } from '../codex/codes.js';
import type { ProblemLog } from '../codex/problem.js';

/** A commit as git shows it, with per-file changes and real diffs. */
export interface GitCommit {
  hash: string;
  /** Author date, ISO-8601 UTC. */
  date: string;
  author: string;
  subject: string;
  changes: FileChange[];
}

/** Why a commit could not be read: not in the repository, or git itself failed. */
export type GitCommitError = { kind: 'missing'; detail: string } | { kind: 'git'; detail: string };

const FORMAT = '--format=%H%x1f%aI%x1f%an%x1f%s%x1e';

/**
 * Reads one commit with `git show --numstat -p` in `repoDir` (execFile, no shell). Counts
 * come from numstat (binary files count 0), diffs from the patch, both in git's file order.
 */
export function showCommit(repoDir: string, hash: string): Promise<GitCommit | GitCommitError> {
  const args = [
    '-C',
    repoDir,
    '-c',
    'core.quotePath=false',
    'show',
    '--no-color',
    '--no-ext-diff',
    '-M',
    '--numstat',
    '-p',
    FORMAT,
    `${hash}^{commit}`,
    '--',
  ];
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      { maxBuffer: 256 << 20, encoding: 'utf8', timeout: 30_000 },
      (err, stdout, stderr) => {
        if (err) {
          const detail = (stderr || err.message).trim().split('\n')[0] ?? '';
          const missing =
            /unknown revision|bad revision|bad object|invalid object|not a valid|ambiguous argument/i.test(
              stderr,
            );
          resolve(missing ? { kind: 'missing', detail } : { kind: 'git', detail });
          return;
        }
        resolve(parseShow(stdout));
      },
    );
  });
}

/** Parses `git show --numstat -p` output made with {@link FORMAT}. */
export function parseShow(out: string): GitCommit {
  const end = out.indexOf('\x1e');
  const [hash = '', date = '', author = '', subject = ''] = out.slice(0, end).split('\x1f');
  const body = out.slice(end + 1);
  const diffAt = body.search(/^diff --git /m);
  const stat = (diffAt < 0 ? body : body.slice(0, diffAt))
    .split('\n')
    .filter((l) => /^(\d+|-)\t(\d+|-)\t/.test(l));
  const sections = diffAt < 0 ? [] : body.slice(diffAt).split(/^(?=diff --git )/m);
  const changes = stat.map((line, i) => fileChange(line, sections[i] ?? ''));
  return { hash, date: new Date(date).toISOString(), author, subject, changes };
}

function fileChange(numstat: string, section: string): FileChange {
  const [a = '0', r = '0'] = numstat.split('\t');
  const added = a === '-' ? 0 : Number(a);
  const removed = r === '-' ? 0 : Number(r);
  const header = section.slice(
    0,
    Math.max(0, section.search(/^(--- |@@|Binary files )/m)) || section.length,
  );
  const from = /^rename from (.*)$/m.exec(header)?.[1];
  const to = /^rename to (.*)$/m.exec(header)?.[1];
  const paths = /^diff --git a\/(.*) b\/(.*)$/m.exec(header);
  const path = to ?? paths?.[2] ?? numstat.split('\t')[2] ?? '';
  const op = /^new file mode/m.test(header)
    ? 'create'
    : /^deleted file mode/m.test(header)
      ? 'delete'
      : from !== undefined
        ? 'rename'
        : 'modify';
  const change: FileChange = { path, op, added, removed };
  if (from !== undefined) change.fromPath = from;
  const patchAt = section.search(/^--- /m);
  if (patchAt >= 0) change.patch = section.slice(patchAt).replace(/\n?$/, '\n');
  if (op === 'create') change.before = null;
  return change;
}

/** Reads commits once each, reporting missing ones (and a failing git, once). */
export class CommitReader {
  private readonly cache = new Map<string, Promise<GitCommit | GitCommitError>>();
  private gitFailed = false;

  constructor(
    private readonly repoDir: string,
    private readonly log: ProblemLog,
  ) {}

  /** The commit, or why it is not available (each reported once). */
  async read(hash: string, line: number): Promise<GitCommit | 'missing' | 'failed'> {
    let p = this.cache.get(hash);
    const first = !p;
    if (!p) this.cache.set(hash, (p = showCommit(this.repoDir, hash)));
    const r = await p;
    if ('changes' in r) return r;
    if (r.kind === 'missing') {
      const where = `commit ${hash} is not in ${this.repoDir}`;
      if (first) this.log.add(line, `${where}; the turn's edits come from the reply instead`);
      return 'missing';
    }
    if (!this.gitFailed) {
      this.gitFailed = true;
      const why = `git could not read ${this.repoDir} (${r.detail})`;
      this.log.add(0, `${CAPTURE_CODES.gitFailed}: ${why}; edits come from the replies instead`);
    }
    return 'failed';
  }
}
