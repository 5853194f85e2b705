import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The working tree a directory belongs to, and the user's git directory when it is a repository. */
export interface WorkTree {
  /** Real path of the repository's top level, or of the directory itself when it is not in one. */
  readonly root: string;
  /** The user's git directory (the common one, for linked worktrees). Read only, never written. */
  readonly userGitDir?: string;
  /** The user's index for this work tree. Read only, never written. */
  readonly userIndex?: string;
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
    if (existsSync(dotGit)) return { root: d, ...gitDirsOf(d, dotGit) };
    if (dirname(d) === d) return { root: real };
  }
}

/** The git directories behind a `.git` entry: the directory itself, or where a `gitdir:` file points. */
function gitDirsOf(top: string, dotGit: string): { userGitDir?: string; userIndex?: string } {
  try {
    if (statSync(dotGit).isDirectory())
      return { userGitDir: dotGit, userIndex: join(dotGit, 'index') };
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
    if (!m?.[1]) return {};
    const dir = isAbsolute(m[1]) ? m[1] : resolve(top, m[1]);
    const common = join(dir, 'commondir');
    if (!existsSync(common)) return { userGitDir: dir, userIndex: join(dir, 'index') };
    const rel = readFileSync(common, 'utf8').trim();
    return { userGitDir: isAbsolute(rel) ? rel : resolve(dir, rel), userIndex: join(dir, 'index') };
  } catch {
    return {};
  }
}
