import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A Gemini CLI session file. */
export interface GeminiSessionFile {
  file: string;
  /** The `<projectHash>` directory it sits in (SHA-256 of the project root). */
  projectHash: string;
  /** The project root, when one of the roots given to the finder hashes to `projectHash`. */
  projectRoot?: string;
}

/** `~/.gemini`, or `$GEMINI_CLI_HOME/.gemini` when that is set. */
export function defaultGeminiHome(env: NodeJS.ProcessEnv = process.env): string {
  return join(
    env.GEMINI_CLI_HOME && env.GEMINI_CLI_HOME.trim() !== '' ? env.GEMINI_CLI_HOME : homedir(),
    '.gemini',
  );
}

/** Gemini's project hash: the SHA-256 (hex) of the project root path. */
export function geminiProjectHash(projectRoot: string): string {
  return createHash('sha256').update(projectRoot).digest('hex');
}

/**
 * Lists `<geminiHome>/tmp/<projectHash>/chats/session-*.json` (one JSON document rewritten
 * in place) and the newer append-only `session-*.jsonl`, sorted by path. The directory name
 * is a hash, never decoded: pass candidate `projectRoots` (e.g. the repositories trail
 * knows) to have the matching root attached.
 */
export async function findGeminiSessions(
  geminiHome: string = defaultGeminiHome(),
  opts: { projectRoots?: readonly string[] } = {},
): Promise<GeminiSessionFile[]> {
  const roots = new Map((opts.projectRoots ?? []).map((r) => [geminiProjectHash(r), r]));
  const tmp = join(geminiHome, 'tmp');
  let projects: string[];
  try {
    projects = (await readdir(tmp, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
  const out: GeminiSessionFile[] = [];
  for (const projectHash of projects.sort()) {
    let names: string[];
    try {
      names = await readdir(join(tmp, projectHash, 'chats'));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (!/^session-.*\.jsonl?$/.test(name)) continue;
      const f: GeminiSessionFile = { file: join(tmp, projectHash, 'chats', name), projectHash };
      const root = roots.get(projectHash);
      if (root !== undefined) f.projectRoot = root;
      out.push(f);
    }
  }
  return out;
}
