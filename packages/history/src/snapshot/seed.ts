import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { PrivateRepo } from './repo.js';
import type { WorkTree } from './root.js';

const ALTERNATES = ['objects', 'info', 'alternates'];
const PID_FILE = 'trail-internalize.pid';

/**
 * Seeds a new private repository from the user's repository, so the first checkpoint of a
 * large tree costs a stat pass instead of hashing every file: the user's index is copied
 * (read, never written) as the private index, and the user's object store is borrowed as
 * an alternate until {@link internalize} has copied what the checkpoints need. Split
 * indexes are not seeded. Returns true when seeded.
 */
export function seedFromUser(repo: PrivateRepo, tree: WorkTree, indexFile: string): boolean {
  if (!tree.userGitDir || !tree.userIndex || !existsSync(tree.userIndex)) return false;
  const objects = join(tree.userGitDir, 'objects');
  if (!existsSync(objects)) return false;
  if (readdirSync(tree.userGitDir).some((f) => f.startsWith('sharedindex.'))) return false;
  try {
    copyFileSync(tree.userIndex, indexFile);
    writeFileSync(join(repo.gitDir, ...ALTERNATES), `${objects}\n`);
    return true;
  } catch {
    unseed(repo, indexFile);
    return false;
  }
}

/** Undoes a seed that git could not use: the private index and the borrowed store go. */
export function unseed(repo: PrivateRepo, indexFile: string): void {
  rmSync(indexFile, { force: true });
  rmSync(join(repo.gitDir, ...ALTERNATES), { force: true });
}

/** True while the repository still borrows objects from the user's store. */
export function borrowsObjects(repo: PrivateRepo): boolean {
  return existsSync(join(repo.gitDir, ...ALTERNATES));
}

// Runs detached: repack copies every object reachable from the checkpoints and the
// private index into the private store (-a without -l takes alternates' objects too);
// objects written meanwhile are local already, so the alternate can then go.
const INTERNALIZE = `
const { execFileSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const [gitDir, indexFile, alternates, pidFile] = process.argv.slice(1);
try {
  const env = { ...process.env, GIT_DIR: gitDir, GIT_INDEX_FILE: indexFile };
  for (const k of Object.keys(env)) if (k.startsWith('GIT_') && !['GIT_DIR', 'GIT_INDEX_FILE'].includes(k)) delete env[k];
  execFileSync('git', ['repack', '-a', '-d', '-q'], { env, stdio: 'ignore' });
  rmSync(alternates, { force: true });
} finally {
  rmSync(pidFile, { force: true });
}`;

/**
 * Starts (detached, so no hook waits for it) the copy of borrowed objects into the private
 * store, unless one is already running. After it, checkpoints no longer depend on the
 * user's repository: a `git gc` there cannot break a rewind. Call with the tree's lock held.
 */
export function internalize(repo: PrivateRepo, indexFile: string): void {
  const pidFile = join(repo.gitDir, PID_FILE);
  if (running(pidFile)) return;
  const child = spawn(
    process.execPath,
    ['-e', INTERNALIZE, repo.gitDir, indexFile, join(repo.gitDir, ...ALTERNATES), pidFile],
    {
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
    },
  );
  child.on('error', () => undefined);
  // Written here, under the tree's lock, so the next snapshot sees it at once.
  if (child.pid !== undefined) writeFileSync(pidFile, String(child.pid));
  child.unref();
}

function running(pidFile: string): boolean {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
