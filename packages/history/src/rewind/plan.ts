/** What rewinding does to one file. */
export type FileOp = 'create' | 'modify' | 'delete';

/** How a restored file is written. */
export type FileKind = 'file' | 'exec' | 'symlink';

/** One file a rewind changes. */
export interface PlannedChange {
  /** Path relative to the tree's root, `/`-separated. */
  path: string;
  op: FileOp;
  kind?: FileKind;
  /** Where the content comes from: a blob of the tree's private repository... */
  oid?: string;
  /** ...or recorded bytes (sessions without checkpoints). */
  content?: Buffer;
}

/** A file a rewind cannot bring back, and why. */
export interface Unrestorable {
  path: string;
  reason: string;
}

/** Everything a rewind would do, computed before anything is written. */
export interface RewindPlan {
  /** The working tree. */
  root: string;
  changes: PlannedChange[];
  /** Files it would overwrite or delete that hold content no checkpoint has. */
  unsafe: string[];
  unrestorable: Unrestorable[];
}

/** Restricts paths to the given ones (files, or directories and everything below). */
export function pathFilter(only: readonly string[] | undefined): (path: string) => boolean {
  if (!only || only.length === 0) return () => true;
  const set = only.map((p) => p.replace(/\/+$/, ''));
  return (path) => set.some((p) => p === '' || p === '.' || path === p || path.startsWith(p + '/'));
}

/** Git file mode → how to write the file; undefined for what a rewind does not write (submodules). */
export function kindOfMode(mode: string): FileKind | undefined {
  if (mode === '120000') return 'symlink';
  if (mode === '100755') return 'exec';
  if (mode === '100644') return 'file';
  return undefined;
}
