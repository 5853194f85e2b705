import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CAPTURE_CODES } from './codes.js';
import { parseCodexSession } from './parse.js';
import { describeError } from './problem.js';
import { emptyStats, type CodexParseResult } from './stats.js';

/** A Codex session file found under a Codex home. */
export interface CodexSessionFile {
  file: string;
  /** Under `archived_sessions/` rather than `sessions/`. */
  archived: boolean;
  /** `json` for the TypeScript CLI's single-document rollouts, else `jsonl`. */
  format: 'json' | 'jsonl';
}

/** `$CODEX_HOME`, else `~/.codex`. */
export function defaultCodexHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.CODEX_HOME && env.CODEX_HOME.trim() !== ''
    ? env.CODEX_HOME
    : join(homedir(), '.codex');
}

/**
 * Lists the rollouts under a Codex home: `sessions/YYYY/MM/DD/rollout-*.jsonl`, the legacy
 * `sessions/rollout-*.json` of the TypeScript CLI, and `archived_sessions/` (flat or dated).
 * Missing directories yield nothing; the list is sorted by path, so it is deterministic.
 */
export async function findCodexSessions(
  codexHome: string = defaultCodexHome(),
): Promise<CodexSessionFile[]> {
  const out: CodexSessionFile[] = [];
  for (const [dir, archived] of [
    ['sessions', false],
    ['archived_sessions', true],
  ] as const) {
    const root = join(codexHome, dir);
    let entries;
    try {
      entries = await readdir(root, { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (!e.isFile() || !/^rollout-.*\.jsonl?$/.test(e.name)) continue;
      out.push({
        file: join(e.parentPath, e.name),
        archived,
        format: e.name.endsWith('.json') ? 'json' : 'jsonl',
      });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Reads and parses one session file. A file that cannot be read yields no session and a
 * `CAPTURE_UNREADABLE` problem naming it, never an exception.
 */
export async function readCodexSession(file: string): Promise<CodexParseResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return {
      sessions: [],
      problems: [
        {
          file,
          line: 0,
          reason: `${CAPTURE_CODES.unreadable}: cannot read the file (${describeError(e)})`,
        },
      ],
      stats: emptyStats('unknown'),
    };
  }
  return parseCodexSession({ file, text });
}
