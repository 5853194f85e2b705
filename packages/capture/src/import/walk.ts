import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { TrailError } from '@trail/model';

/** What a `--from` path is; throws `SOURCE_MISSING` when it does not exist. */
export function statSource(path: string, agent: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    throw new TrailError(
      'SOURCE_MISSING',
      `no ${agent} history at ${path} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      { path, agent },
      { cause: e },
    );
  }
}

/** True when `path` is an existing directory. */
export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** True when `path` is an existing file. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Files under `root` (recursively) whose name matches, sorted by path; unreadable folders are
 * skipped. Symbolic links are listed too: one that cannot be read is then reported by the
 * importer, not silently left out.
 */
export function findFiles(root: string, name: RegExp): string[] {
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && name.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
