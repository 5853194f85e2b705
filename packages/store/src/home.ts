import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where each part of a store lives under its home directory. */
export interface StorePaths {
  readonly root: string;
  /** automerge-repo's nodefs storage. */
  readonly automerge: string;
  /** Content-addressed, compressed blobs. */
  readonly blobs: string;
  /** Per-session append-only spools written by capture hooks. */
  readonly spool: string;
  /** Derived query index (SQLite); a cache, rebuilt by `trail reindex`. */
  readonly index: string;
  /** Problems hooks met (never content), shown by `trail doctor`. */
  readonly logs: string;
  /** Key material, mode 0700/0600. */
  readonly keys: string;
  /** Store metadata: schema version, library document URL. */
  readonly meta: string;
  /** The single-writer lock. */
  readonly lock: string;
  /** Private git directories for working-tree checkpoints. */
  readonly checkpoints: string;
  /** Device sync state (`@trail/sync`); absent until the device joins a space. */
  readonly sync: string;
  /** The sync change journal (see openJournal); written only when it exists. */
  readonly journal: string;
}

/**
 * The store home: `$TRAIL_HOME`, else `$XDG_DATA_HOME/trail`, else `~/.local/share/trail`.
 */
export function resolveHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRAIL_HOME) return resolve(env.TRAIL_HOME);
  const xdg = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(resolve(xdg), 'trail');
}

/** The paths of every part of the store at `root`. */
export function storePaths(root: string): StorePaths {
  return {
    root,
    automerge: join(root, 'automerge'),
    blobs: join(root, 'blobs'),
    spool: join(root, 'spool'),
    index: join(root, 'index.sqlite'),
    logs: join(root, 'logs'),
    keys: join(root, 'keys'),
    meta: join(root, 'store.json'),
    lock: join(root, 'write.lock'),
    checkpoints: join(root, 'checkpoints'),
    sync: join(root, 'sync'),
    journal: join(root, 'sync', 'journal'),
  };
}
