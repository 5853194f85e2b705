import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import { runGit, type GitTarget } from './git.js';
import type { WorkTree } from './root.js';
import { seedFromUser } from './seed.js';

/** The private git repository that holds the checkpoints of one working tree. */
export interface PrivateRepo {
  /** The working tree it snapshots (a real path). */
  readonly root: string;
  readonly gitDir: string;
  /** Git target with the work tree and the private index set. */
  readonly target: GitTarget;
  /** The ref that keeps the chain of checkpoints reachable. */
  readonly ref: string;
}

/** The branch of the private repository whose history is the chain of checkpoints. */
export const CHECKPOINT_REF = 'refs/heads/checkpoints';
const ROOT_FILE = 'trail-root';
const INDEX_FILE = 'trail-index';

/** Stable key of a working tree: 16 hex of SHA-256 of its real path. */
export function treeKey(root: string): string {
  return createHash('sha256').update(root).digest('hex').slice(0, 16);
}

function repoAt(gitDir: string, root: string): PrivateRepo {
  return {
    root,
    gitDir,
    target: { gitDir, workTree: root, indexFile: join(gitDir, INDEX_FILE) },
    ref: CHECKPOINT_REF,
  };
}

/** The private repository of a tree, or undefined when no checkpoint of it was ever taken. */
export function findPrivateRepo(checkpointsDir: string, root: string): PrivateRepo | undefined {
  const gitDir = join(checkpointsDir, `${treeKey(root)}.git`);
  return existsSync(join(gitDir, ROOT_FILE)) ? repoAt(gitDir, root) : undefined;
}

/** Every private repository in a store, with the tree it snapshots. */
export function listPrivateRepos(checkpointsDir: string): PrivateRepo[] {
  if (!existsSync(checkpointsDir)) return [];
  const out: PrivateRepo[] = [];
  for (const name of readdirSync(checkpointsDir)) {
    if (!name.endsWith('.git')) continue;
    const gitDir = join(checkpointsDir, name);
    try {
      out.push(repoAt(gitDir, readFileSync(join(gitDir, ROOT_FILE), 'utf8').trim()));
    } catch {
      // being created, or not ours
    }
  }
  return out;
}

/**
 * The private repository of a tree, created on first use: a git directory of its own
 * under the store's checkpoints directory, with its own index, never the user's.
 * It honours the tree's .gitignore files and the user's .git/info/exclude (read only),
 * always excludes the store home when it lies inside the tree, and stores bytes as they
 * are (no end-of-line conversion or filters), so a rewind restores them exactly.
 */
export function openPrivateRepo(
  checkpointsDir: string,
  tree: WorkTree,
  storeHome?: string,
): PrivateRepo {
  const found = findPrivateRepo(checkpointsDir, tree.root);
  if (found) return found;
  mkdirSync(checkpointsDir, { recursive: true, mode: 0o700 });
  const gitDir = join(checkpointsDir, `${treeKey(tree.root)}.git`);
  const tmp = `${gitDir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  initBare(tmp);
  appendFileSync(join(tmp, 'config'), configText(tree));
  writeFileSync(join(tmp, 'HEAD'), `ref: ${CHECKPOINT_REF}\n`);
  mkdirSync(join(tmp, 'info'), { recursive: true });
  // Highest-precedence attributes: bytes in, bytes out, whatever .gitattributes says.
  writeFileSync(join(tmp, 'info', 'attributes'), '* -text -ident -filter -working-tree-encoding\n');
  writeFileSync(join(tmp, 'info', 'exclude'), excludeText(tree.root, storeHome));
  rmSync(join(tmp, 'hooks'), { recursive: true, force: true });
  writeFileSync(join(tmp, ROOT_FILE), `${tree.root}\n`);
  seedFromUser(repoAt(tmp, tree.root), tree, join(tmp, INDEX_FILE));
  try {
    renameSync(tmp, gitDir);
  } catch (e) {
    // Another process created it first: use theirs.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(gitDir, ROOT_FILE))) throw e;
  }
  return repoAt(gitDir, tree.root);
}

function initBare(dir: string): void {
  const t = { gitDir: dir };
  try {
    runGit(t, ['init', '-q', '--bare', '--object-format=sha1', dir]);
  } catch {
    // git older than 2.29 has no --object-format, and only SHA-1
    runGit(t, ['init', '-q', '--bare', dir]);
  }
}

function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function configText(tree: WorkTree): string {
  const lines = [
    '[core]',
    '\tbare = false',
    '\tautocrlf = false',
    '\tsafecrlf = false',
    '\tfsmonitor = false',
    '\tuntrackedCache = true',
    '\tsplitIndex = false',
    '\tsparseCheckout = false',
    '\tlogAllRefUpdates = false',
  ];
  if (tree.userGitDir)
    lines.push(`\texcludesFile = ${quote(join(tree.userGitDir, 'info', 'exclude'))}`);
  lines.push(
    '[gc]',
    '\tauto = 0',
    '[index]',
    '\tversion = 4',
    '[trail]',
    `\troot = ${quote(tree.root)}`,
  );
  return lines.join('\n') + '\n';
}

/** Exclude patterns of the private repository: the store itself when it lies inside the tree. */
function excludeText(root: string, storeHome: string | undefined): string {
  const lines = ['# written by trail: never snapshot the store into itself'];
  if (storeHome) {
    let home = storeHome;
    try {
      home = realpathSync(storeHome);
    } catch {
      // not created yet: its configured path is what will exist
    }
    const rel = relative(root, home);
    if (rel === '') lines.push('/*');
    else if (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel)) {
      lines.push('/' + rel.split(sep).map(escapeGlob).join('/') + '/');
    }
  }
  return lines.join('\n') + '\n';
}

function escapeGlob(part: string): string {
  return part.replace(/([\\*?[\]!#])/g, '\\$1');
}
