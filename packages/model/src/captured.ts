import type { AgentName } from './agents.js';

/**
 * What a capture adapter produces: one agent's session in trail's own model, with full
 * content. The store splits it into a small document (structure, counts, redacted previews)
 * and blobs (the raw text), so nothing here is written to a CRDT as is.
 */
export interface CapturedSession {
  /** The agent's session id (Claude's UUID, Codex's rollout id...). */
  readonly id: string;
  readonly agent: AgentName;
  /** Working directory of the session, as the agent recorded it (may be a Windows path). */
  cwd?: string;
  gitBranch?: string;
  title?: string;
  /** Main model (the one that answered most). */
  model?: string;
  agentVersion?: string;
  startedAt?: string;
  endedAt?: string;
  events: CapturedEvent[];
}

/** Token usage, counted once per model response. */
export interface TokenUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreate: number;
}

/** The kinds of event in a session timeline. */
export const EVENT_KINDS = [
  'prompt',
  'assistant',
  'reasoning',
  'tool',
  'error',
  'system',
  'checkpoint',
  'unknown',
] as const;
/** One of {@link EVENT_KINDS}. */
export type EventKind = (typeof EVENT_KINDS)[number];

/** Fields every captured event has. */
export interface CapturedEventBase {
  /** Stable id: the same work captured twice (hook and transcript) yields the same id. */
  readonly id: string;
  readonly kind: EventKind;
  /** ISO-8601 UTC. */
  ts: string;
  /** Subagent that produced it (Claude's agentId), absent on the main thread. */
  agentId?: string;
  /** The tool call (Task/Agent) that started the subagent this event belongs to. */
  parentToolId?: string;
}

/** A human prompt. */
export interface PromptEvent extends CapturedEventBase {
  readonly kind: 'prompt';
  text: string;
}

/** Text the assistant wrote. */
export interface AssistantEvent extends CapturedEventBase {
  readonly kind: 'assistant';
  text: string;
  model?: string;
  /** Usage of the model response this text belongs to, on its first event only. */
  usage?: TokenUsage;
}

/** Reasoning the model exposed (thinking, reasoning summaries). */
export interface ReasoningEvent extends CapturedEventBase {
  readonly kind: 'reasoning';
  text: string;
}

/** What a tool call did to one file. */
export interface FileChange {
  /** Path as the agent gave it (absolute or relative to the session cwd). */
  path: string;
  op: 'create' | 'modify' | 'delete' | 'rename';
  /** For renames: the old path. */
  fromPath?: string;
  added: number;
  removed: number;
  /** Unified diff of the change, when known. */
  patch?: string;
  /** Full content before, when the agent recorded it. */
  before?: string | null;
  /** Full content after, when known. */
  after?: string;
}

/** Outcome of a tool call. */
export type ToolStatus = 'ok' | 'error' | 'interrupted' | 'pending';

/** A tool call with its input and result. */
export interface ToolEvent extends CapturedEventBase {
  readonly kind: 'tool';
  /** Tool name as the agent named it (Edit, Bash, shell_command, apply_patch...). */
  name: string;
  /** Normalised category, so commands and edits from any agent read alike. */
  category: ToolCategory;
  /** Raw input as the agent gave it. */
  input: unknown;
  status: ToolStatus;
  /** Text output (stdout+stderr for commands, the result text otherwise). */
  output?: string;
  /** Shell command line, for command tools. */
  command?: string;
  /** Exit status for commands; null when the agent did not say. */
  exitCode?: number | null;
  /** Files this call read. */
  reads?: string[];
  /** Files this call changed. */
  changes?: FileChange[];
  /** Error message when status is 'error'. */
  error?: string;
  durationMs?: number;
  /** Subagent started by this call (Task/Agent tools). */
  spawnedAgentId?: string;
  /** Raw terminal output of a recorded turn, escape sequences kept (`output` is its plain text). */
  terminal?: Uint8Array;
}

/** What kind of thing a tool does, independent of the agent. */
export const TOOL_CATEGORIES = [
  'read',
  'edit',
  'command',
  'search',
  'web',
  'agent',
  'plan',
  'other',
] as const;
/** One of {@link TOOL_CATEGORIES}. */
export type ToolCategory = (typeof TOOL_CATEGORIES)[number];

/** An error the agent or its API reported outside a tool call. */
export interface ErrorEvent extends CapturedEventBase {
  readonly kind: 'error';
  message: string;
}

/** Agent bookkeeping worth showing (compaction, slash-command output, turn end...). */
export interface SystemEvent extends CapturedEventBase {
  readonly kind: 'system';
  subtype: string;
  text?: string;
}

/** A record the importer does not understand, kept verbatim so nothing is lost. */
export interface UnknownEvent extends CapturedEventBase {
  readonly kind: 'unknown';
  recordType: string;
  raw: string;
}

/** A checkpoint (working-tree snapshot) taken during the session. */
export interface CheckpointEvent extends CapturedEventBase {
  readonly kind: 'checkpoint';
  checkpointId: string;
  /** 'start' of a prompt, 'end' of a turn, or another moment. */
  moment: string;
  /** Working tree the snapshot is of (absent when the agent did not say). */
  root?: string;
  /** Paths (relative to root) that differ from the previous checkpoint of this tree. */
  changed?: string[];
}

/** Any captured event. */
export type CapturedEvent =
  | PromptEvent
  | AssistantEvent
  | ReasoningEvent
  | ToolEvent
  | ErrorEvent
  | SystemEvent
  | UnknownEvent
  | CheckpointEvent;
