import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The working tree a directory belongs to, and the user's git directory when it is a repository. */
export interface WorkTree {
  /** Real path of the repository's top level, or of the directory itself when it is not in one. */
  readonly root: string;
  /** The user's git directory (common dir for linked worktrees), read only, never written. */
  readonly userGitDir?: string;
}

/**
 * Resolves a directory to the working tree a checkpoint covers: its git top level when it
 * lies inside a repository (found by walking up to a `.git`, as git does, without
 * starting git), else the directory itself. Symlinks are resolved so one tree has one key.
 */
export function resolveWorkTree(dir: string): WorkTree {
  const real = realpathSync(dir);
  for (let d = real; ; d = dirname(d)) {
    const dotGit = join(d, '.git');
    if (existsSync(dotGit)) {
      const userGitDir = gitDirOf(d, dotGit);
      return userGitDir ? { root: d, userGitDir } : { root: d };
    }
    if (dirname(d) === d) return { root: real };
  }
}

/** The git directory behind a `.git` entry: the directory itself, or where a `gitdir:` file points. */
function gitDirOf(top: string, dotGit: string): string | undefined {
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
    if (!m?.[1]) return undefined;
    const dir = isAbsolute(m[1]) ? m[1] : resolve(top, m[1]);
    const common = join(dir, 'commondir');
    if (!existsSync(common)) return dir;
    const rel = readFileSync(common, 'utf8').trim();
    return isAbsolute(rel) ? rel : resolve(dir, rel);
  } catch {
    return undefined;
  }
}
