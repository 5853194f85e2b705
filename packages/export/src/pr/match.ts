import { isAbsolutePath, relativeTo } from '@trail/model';
import type { ExportInput } from '../build.js';

/** A commit of the branch, as `git log` reports it. */
export interface CommitInfo {
  readonly sha: string;
  /** Committer date, ISO 8601 (git's resolution: one second). */
  readonly time: string;
  readonly subject: string;
  /** Paths it changed, relative to the repository root. */
  readonly files: readonly string[];
}

/** When a session changed a file, or ran `git commit`. */
interface Activity {
  readonly changes: readonly { path: string; ts: number }[];
  readonly commits: readonly number[];
}

/** Git records whole seconds: a change up to this much after a commit's time may precede it. */
const SECOND = 1000;
/** How far a `git commit` command's recorded time may be from the commit it made. */
const COMMIT_COMMAND_SLACK = 30_000;
const GIT_COMMIT = /\bgit\b(?:\s+-[cC]\s+\S+)*\s+commit\b/;

/** A session path relative to the repository: against its root, else the session's directory. */
function repoPath(root: string, cwd: string, path: string): string | undefined {
  const inRoot = relativeTo(root, path);
  if (!isAbsolutePath(inRoot)) return inRoot;
  const inCwd = cwd ? relativeTo(cwd, path) : path;
  return isAbsolutePath(inCwd) ? undefined : inCwd;
}

/** The files a session changed (edit tools and checkpoints) and its `git commit` commands. */
export function activityOf(input: ExportInput, root: string): Activity {
  const changes: { path: string; ts: number }[] = [];
  const commits: number[] = [];
  const cwd = input.summary.cwd;
  for (const e of input.events) {
    const ts = Date.parse(e.ts);
    if (!Number.isFinite(ts)) continue;
    const paths = [
      ...(e.changes ?? []).map((c) => c.path),
      ...(e.kind === 'checkpoint' ? (e.changed ?? []) : []),
    ];
    for (const p of paths) {
      const rel = repoPath(root, cwd, p);
      if (rel) changes.push({ path: rel, ts });
    }
    if (e.category === 'command' && GIT_COMMIT.test(e.command ?? e.preview)) commits.push(ts);
  }
  return { changes, commits };
}

/**
 * Which sessions produced which commits. A change a session made to a file belongs to the
 * first commit of the branch that includes the file and was made after it (within git's
 * one-second resolution); a session that ran `git commit` around a commit's time made it.
 * Returns, per commit sha, the ids of the sessions linked to it.
 */
export function linkCommits(
  commits: readonly CommitInfo[],
  sessions: readonly ExportInput[],
  root: string,
  baseTime: string,
): Map<string, string[]> {
  const activity = sessions.map((s) => ({ id: s.summary.id, ...activityOf(s, root) }));
  const since = new Map<string, number>();
  const base = Date.parse(baseTime);
  const links = new Map<string, string[]>();
  const ordered = [...commits].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  for (const c of ordered) {
    const t = Date.parse(c.time);
    const files = new Set(c.files);
    const linked: string[] = [];
    for (const a of activity) {
      const byChange = a.changes.some((ch) => {
        if (!files.has(ch.path)) return false;
        const from = since.get(ch.path) ?? (Number.isFinite(base) ? base : -Infinity);
        return ch.ts >= from && ch.ts <= t + SECOND;
      });
      const byCommand = a.commits.some((ts) => Math.abs(ts - t) <= COMMIT_COMMAND_SLACK);
      if (byChange || byCommand) linked.push(a.id);
    }
    links.set(c.sha, linked);
    for (const f of files) since.set(f, t + SECOND);
  }
  return links;
}
