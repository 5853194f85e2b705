import type { TokenUsage } from '@trail/model';
import type { ImportResult } from './problem.js';

/** The format eras of Codex session files (formats.md 2.1–2.2). */
export type CodexEra = 'ts-json' | 'pre-envelope' | 'envelope' | 'unknown';

/** Token usage of a whole session, from the last `token_count` event. */
export interface CodexTokenUsage extends TokenUsage {
  /** Reasoning tokens (included in `output`). */
  reasoning: number;
  total: number;
}

/** What an import of one Codex file found, for progress output and cross-checks. */
export interface CodexImportStats {
  era: CodexEra;
  /** JSON records read (lines, or items of a legacy .json file). */
  records: number;
  prompts: number;
  assistantMessages: number;
  reasoning: number;
  tools: number;
  /** Tool calls that ran a shell command line (pure apply_patch invocations excluded). */
  commands: number;
  /** apply_patch invocations, in any form (tool, argv, heredoc). */
  patches: number;
  /** File operations (Add/Update/Delete File) in those patches. */
  patchFiles: number;
  /** Files written by `cat`/`tee` heredocs in shell commands. */
  heredocWrites: number;
  unknown: number;
  usage?: CodexTokenUsage;
}

/** Stats with every count at zero. */
export function emptyStats(era: CodexEra): CodexImportStats {
  return {
    era,
    records: 0,
    prompts: 0,
    assistantMessages: 0,
    reasoning: 0,
    tools: 0,
    commands: 0,
    patches: 0,
    patchFiles: 0,
    heredocWrites: 0,
    unknown: 0,
  };
}

/** What parsing one Codex session file returns. */
export type CodexParseResult = ImportResult<CodexImportStats>;
