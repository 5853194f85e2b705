import type { Policy } from '@trail/redact';

// The versioned JSON shape of an export (docs/export-schema.md). Additive changes keep
// `version: 1`; anything that removes or changes the meaning of a field bumps it.

/** The `schema` value of every export. */
export const EXPORT_SCHEMA = 'trail/session-export';
/** The version of the export schema this package writes. */
export const EXPORT_VERSION = 1;

/** A session as it may leave the machine: every string redacted, then cut to the policy's limits. */
export interface SessionExport {
  readonly schema: typeof EXPORT_SCHEMA;
  readonly version: typeof EXPORT_VERSION;
  readonly policy: Policy;
  readonly session: ExportSession;
  readonly counts: ExportCounts;
  /** Files read or changed, session-wide (summary and trace). */
  readonly files?: readonly ExportFile[];
  /** Commands run, in order (summary and trace). */
  readonly commands?: readonly ExportCommand[];
  /** Commands that ran a test suite, and whether it passed (summary and trace). */
  readonly tests?: readonly ExportTest[];
  /** Each prompt and what the agent did under it (summary and trace). */
  readonly prompts?: readonly ExportPrompt[];
  /** Placeholders in this export by kind (`github-token: 2`); `[USER]` counts as `user-name`. */
  readonly redactions: Readonly<Record<string, number>>;
}

/** Who ran the session, when, and (summary and trace) about what. */
export interface ExportSession {
  readonly id: string;
  readonly agent: string;
  readonly model: string;
  readonly agentVersion: string;
  readonly startedAt: string;
  readonly endedAt: string;
  /** Wall-clock length in whole seconds; null when a time is missing. */
  readonly durationSeconds: number | null;
  /** Summary and trace only. */
  readonly title?: string;
  readonly project?: string;
  readonly branch?: string;
}

/** Counts; the only content of a `metadata` export. */
export interface ExportCounts {
  readonly prompts: number;
  readonly toolCalls: number;
  readonly commands: number;
  readonly commandsFailed: number;
  readonly errors: number;
  readonly filesRead: number;
  readonly filesChanged: number;
  readonly linesAdded: number;
  readonly linesRemoved: number;
  readonly tests: number;
  readonly testsFailed: number;
  readonly subagents: number;
  readonly tokens: {
    readonly input: number;
    readonly output: number;
    readonly cacheRead: number;
    readonly cacheCreate: number;
  };
}

/** How a file was touched. */
export type ExportFileOp = 'read' | 'create' | 'modify' | 'delete' | 'rename';

/** A file read or changed, relative to the session's directory when inside it. */
export interface ExportFile {
  readonly path: string;
  /** `read` when only read; otherwise the net change. */
  readonly op: ExportFileOp;
  readonly added: number;
  readonly removed: number;
}

/** A shell command and how it ended. */
export interface ExportCommand {
  /** The prompt it ran under (0: before the first prompt). */
  readonly prompt: number;
  readonly command: string;
  readonly exitCode: number | null;
  readonly status: 'ok' | 'error' | 'interrupted' | 'pending';
  /** True when the command looks like a test run (`npm test`, `pytest`, `go test` …). */
  readonly test: boolean;
}

/** A test run: a command that looks like a test runner, and its outcome. */
export interface ExportTest {
  readonly prompt: number;
  readonly command: string;
  /** True when it exited 0, false when it failed, null when it never finished. */
  readonly passed: boolean | null;
  readonly exitCode: number | null;
}

/** One prompt of the session and what the agent did under it. */
export interface ExportPrompt {
  /** 1-based; 0 for work done before the first prompt. */
  readonly index: number;
  readonly ts: string;
  readonly text: string;
  readonly files: readonly ExportFile[];
  readonly commands: readonly ExportCommand[];
  readonly errors: readonly string[];
  /** The agent's last message in this turn, cut to the policy's outcome limit. */
  readonly outcome: string | null;
  readonly steps: readonly ExportStep[];
}

/** One step of a turn's timeline. */
export type ExportStep = ExportToolStep | ExportMessageStep;

/** A tool call. */
export interface ExportToolStep {
  readonly kind: 'tool';
  readonly ts: string;
  readonly tool: string;
  /** What was called: the command, the path, or the tool's main argument. */
  readonly label: string;
  readonly status: 'ok' | 'error' | 'interrupted' | 'pending';
  readonly exitCode: number | null;
  readonly durationMs: number | null;
  /** The subagent that made the call; null for the main agent. */
  readonly agent: string | null;
  readonly changes: readonly ExportChange[];
  /** Trace only: the output, redacted and cut to the policy's output limit. */
  readonly output?: string;
}

/** Something the agent said (trace only), or an error (summary and trace). */
export interface ExportMessageStep {
  readonly kind: 'assistant' | 'error';
  readonly ts: string;
  readonly agent: string | null;
  readonly text: string;
}

/** A file change made by one tool call. */
export interface ExportChange {
  readonly path: string;
  readonly op: 'create' | 'modify' | 'delete' | 'rename';
  readonly added: number;
  readonly removed: number;
  /** Trace only: the unified diff, redacted and cut to the policy's patch limit. */
  readonly patch?: string;
}
