import { join } from 'node:path';
import { runGit, gitText } from './git.js';
import {
  largeChanged,
  lstatOrUndefined,
  readLarge,
  recordLarge,
  writeLarge,
  type LargeFiles,
} from './large.js';
import type { PrivateRepo } from './repo.js';

const ZERO_OID = '0'.repeat(40);

/** A working tree staged into the private index. */
export interface Staged {
  tree: string;
  /** Paths that differ from the previous checkpoint. */
  touched: string[];
  /**
   * True when the index already differed from the previous checkpoint before this run (an
   * earlier snapshot died between staging and committing): `touched` may then include
   * paths that are back to their old content, and a tree diff is needed to be exact.
   */
  leftovers: boolean;
}

/** What the index must learn, gathered before starting git. */
interface IndexUpdates {
  /** `--index-info` lines: placeholders and removals. */
  info: string[];
  /** Paths to mark skip-worktree (placeholders: git must not re-read the big file). */
  skip: string[];
  /** Paths git should hash and add. */
  add: string[];
  touched: Set<string>;
}

/**
 * Brings the private index up to date with the working tree and writes its tree.
 * `git status` lists what changed since the index was last written (git's stat cache makes
 * an unchanged file cost one lstat); only those paths are hashed. Files larger than
 * `maxBytes` are recorded by a placeholder blob (size and SHA-256) marked skip-worktree,
 * so git never reads them again; trail re-checks their stat data itself.
 */
export function stageWorkTree(
  repo: PrivateRepo,
  maxBytes: number,
  headTree: string | undefined,
): Staged {
  const large = readLarge(repo.gitDir);
  const u: IndexUpdates = { info: [], skip: [], add: [], touched: new Set() };
  let leftovers = false;
  let largeDirty = refreshLarge(repo, large, maxBytes, u);
  // A first snapshot may start from the user's index: its large files become placeholders.
  if (headTree === undefined) largeDirty = seededLarge(repo, large, maxBytes, u) || largeDirty;
  applyInfo(repo, u);
  const status = runGit(repo.target, [
    'status',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
    '--no-renames',
    '--ignore-submodules=all',
  ]).stdout;
  const entries = status.toString('utf8').split('\0');
  for (const entry of entries) {
    if (entry.length < 4) continue;
    const x = entry[0]!;
    const y = entry[1]!;
    const path = entry.slice(3);
    // An embedded repository shows as an untracked directory; like git, leave it out.
    if (path.endsWith('/')) continue;
    u.touched.add(path);
    if (x !== ' ' && x !== '?') leftovers = true;
    if (y === 'D') {
      u.info.push(`0 ${ZERO_OID}\t${path}`);
      continue;
    }
    if (x === '?' || y === 'M' || y === 'T' || y === 'A') {
      const st = lstatOrUndefined(join(repo.root, path));
      if (st?.isFile() && st.size > maxBytes) {
        const e = recordLarge(repo.gitDir, join(repo.root, path), st);
        large[path] = e;
        largeDirty = true;
        u.info.push(`${mode(st.mode)} ${e.oid}\t${path}`);
        u.skip.push(path);
      } else if (st) u.add.push(path);
    }
  }
  applyInfo(repo, u);
  if (u.add.length > 0) {
    runGit(repo.target, ['update-index', '--add', '--remove', '--replace', '-z', '--stdin'], {
      input: u.add.join('\0') + '\0',
    });
  }
  if (largeDirty) writeLarge(repo.gitDir, large);
  const tree = u.touched.size === 0 && headTree ? headTree : gitText(repo.target, ['write-tree']);
  return { tree, touched: [...u.touched].sort(), leftovers };
}

/** Re-checks recorded large files: gone or shrunk ones leave the index, changed ones are re-hashed. */
function refreshLarge(
  repo: PrivateRepo,
  large: LargeFiles,
  maxBytes: number,
  u: IndexUpdates,
): boolean {
  let dirty = false;
  for (const [path, e] of Object.entries(large)) {
    const st = lstatOrUndefined(join(repo.root, path));
    if (!st || !st.isFile() || st.size <= maxBytes) {
      // Removed from the index; if it is now a small file, status will list it as new.
      u.info.push(`0 ${ZERO_OID}\t${path}`);
      u.touched.add(path);
      delete large[path];
      dirty = true;
    } else if (largeChanged(e, st)) {
      const next = recordLarge(repo.gitDir, join(repo.root, path), st);
      large[path] = next;
      dirty = true;
      if (next.oid !== e.oid) u.touched.add(path);
      u.info.push(`${mode(st.mode)} ${next.oid}\t${path}`);
      u.skip.push(path);
    }
  }
  return dirty;
}

/** Large files among the entries a seeded index already holds. */
function seededLarge(
  repo: PrivateRepo,
  large: LargeFiles,
  maxBytes: number,
  u: IndexUpdates,
): boolean {
  const listed = runGit(repo.target, ['ls-files', '-z']).stdout.toString('utf8').split('\0');
  let dirty = false;
  for (const path of listed) {
    if (!path || large[path]) continue;
    const st = lstatOrUndefined(join(repo.root, path));
    if (!st?.isFile() || st.size <= maxBytes) continue;
    const e = recordLarge(repo.gitDir, join(repo.root, path), st);
    large[path] = e;
    dirty = true;
    u.info.push(`${mode(st.mode)} ${e.oid}\t${path}`);
    u.skip.push(path);
  }
  return dirty;
}

function applyInfo(repo: PrivateRepo, u: IndexUpdates): void {
  if (u.info.length > 0) {
    runGit(repo.target, ['update-index', '-z', '--index-info'], {
      input: u.info.join('\0') + '\0',
    });
    u.info = [];
  }
  if (u.skip.length > 0) {
    runGit(repo.target, ['update-index', '--skip-worktree', '-z', '--stdin'], {
      input: u.skip.join('\0') + '\0',
    });
    u.skip = [];
  }
}

function mode(m: number): string {
  return m & 0o111 ? '100755' : '100644';
}
