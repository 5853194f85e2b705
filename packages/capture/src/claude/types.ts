import type { ToolEvent } from '@trail/model';

/**
 * A line or file the importer could not fully use: file, 1-based line (0: the whole file)
 * and reason. The very type the Codex importer reports, so the package exports one symbol.
 */
export type { ImportProblem } from '../codex/problem.js';

/** Lines of a transcript file, as strings without their line terminator. */
export type LineSource = AsyncIterable<string> | Iterable<string>;

/** What `.meta.json` beside a 2.1.x subagent transcript says about the agent. */
export interface ClaudeAgentMeta {
  agentType?: string;
  description?: string;
}

/** One transcript set to parse: a session file and the subagent files that belong to it. */
export interface ClaudeTranscriptInput {
  mainFile: string;
  lines: LineSource;
  subagents?: { file: string; lines: LineSource; meta?: ClaudeAgentMeta }[];
}

/** Counters of one parse. */
export interface ClaudeParseStats {
  /** Lines read, main and subagent files. */
  lines: number;
  /** Bytes read (UTF-8 length of each line plus its newline). */
  bytes: number;
  /**
   * Records deliberately not turned into events: noise types (see the table in
   * record-policy.ts), Warmup agents, replayed duplicates, orphan tool results and the
   * non-tool records of abandoned branches.
   */
  skipped: number;
}

/** The fields of a tool event that depend on the tool's name, input and result. */
export type NormalizedClaudeTool = Pick<
  ToolEvent,
  | 'category'
  | 'command'
  | 'exitCode'
  | 'reads'
  | 'changes'
  | 'status'
  | 'output'
  | 'error'
  | 'spawnedAgentId'
>;

/** Options of {@link normalizeClaudeTool}. */
export interface ClaudeToolOptions {
  /** The call failed (`tool_result.is_error`, or a PostToolUseFailure hook). */
  isError?: boolean;
  /** Error text when the result object does not carry it (PostToolUseFailure's `error`). */
  errorText?: string;
  /**
   * Session working directory, passed by both callers for context. Claude Code's tools
   * record absolute paths and trail keeps them as recorded, so no path is rewritten with it.
   */
  cwd?: string;
  /** The `tool_result` content as text, when known (the transcript has it, hooks do not). */
  resultText?: string;
}

/** A Claude Code session file and the subagent transcripts found for it. */
export interface ClaudeTranscriptSet {
  mainFile: string;
  sessionId: string;
  subagents: { file: string; metaFile?: string }[];
}
