import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where an OpenCode data directory keeps its sessions. */
export interface OpencodeStorage {
  dataHome: string;
  /** `opencode.db` (OpenCode ≥ 1.2), when present. */
  db?: string;
  /** `storage/` with the JSON-file layout (OpenCode ≤ 1.1), when present. */
  jsonRoot?: string;
}

/** `$XDG_DATA_HOME/opencode`, else `~/.local/share/opencode`. */
export function defaultOpencodeDataHome(env: NodeJS.ProcessEnv = process.env): string {
  const xdg =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.trim() !== ''
      ? env.XDG_DATA_HOME
      : join(homedir(), '.local', 'share');
  return join(xdg, 'opencode');
}

/**
 * Finds OpenCode's session stores in a data directory (formats.md 3): the SQLite database of
 * 1.2+ and the JSON-file tree of earlier versions. Both may exist (a migrated install keeps
 * its old tree); importing both is safe, as session and event ids are OpenCode's own.
 */
export async function findOpencodeStorage(
  dataHome: string = defaultOpencodeDataHome(),
): Promise<OpencodeStorage> {
  const out: OpencodeStorage = { dataHome };
  const db = join(dataHome, 'opencode.db');
  if (await isFile(db)) out.db = db;
  const jsonRoot = join(dataHome, 'storage');
  if (await isDir(join(jsonRoot, 'session'))) out.jsonRoot = jsonRoot;
  return out;
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isFile() ?? false;
}

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}
