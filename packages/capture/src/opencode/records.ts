import type { ImportResult } from '../codex/problem.js';

/** An OpenCode message with its parts, as either store holds them. */
export interface OpencodeMessage {
  info: Record<string, unknown>;
  parts: Record<string, unknown>[];
}

/** An OpenCode session: its info record and its messages in order. */
export interface OpencodeSessionRecord {
  info: Record<string, unknown>;
  /** The project's worktree, used as cwd when the session has no `directory`. */
  worktree?: string;
  messages: OpencodeMessage[];
}

/** Counts from one OpenCode store. */
export interface OpencodeImportStats {
  sessions: number;
  messages: number;
  parts: number;
  prompts: number;
  tools: number;
  commands: number;
  edits: number;
  unknown: number;
}

/** What importing an OpenCode store returns. */
export type OpencodeParseResult = ImportResult<OpencodeImportStats>;

/** Stats with every count at zero. */
export function emptyOpencodeStats(): OpencodeImportStats {
  return {
    sessions: 0,
    messages: 0,
    parts: 0,
    prompts: 0,
    tools: 0,
    commands: 0,
    edits: 0,
    unknown: 0,
  };
}

/** Orders records by OpenCode id: `msg_…`/`prt_…` ids are ascending in creation order. */
export function byId(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ia = typeof a.id === 'string' ? a.id : '';
  const ib = typeof b.id === 'string' ? b.id : '';
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}
