import type { AgentName } from './agents.js';
import type { BlobRef } from './blob.js';
import type { EventKind, ToolCategory, ToolStatus, TokenUsage } from './captured.js';

/** Schema version written into every document trail creates. */
export const DOC_SCHEMA = 1;

/** Number of buckets the library index is sharded into. */
export const LIBRARY_SHARDS = 64;

/** Counts shown in `trail log`. */
export interface SessionCounts {
  prompts: number;
  toolCalls: number;
  filesChanged: number;
  commands: number;
  errors: number;
  events: number;
}

/** One small entry per session in the library index. */
export interface LibraryEntry {
  id: string;
  /** automerge URL of the session document. */
  url: string;
  agent: AgentName;
  project: string;
  title: string;
  startedAt: string;
  endedAt: string;
  model: string;
  counts: SessionCounts;
  /**
   * Generations of the session's document made by `trail purge` (which rebuilds a document
   * without its history), as map keys so that concurrent purges merge. The document in use is
   * the one of the highest generation; absent or empty means generation 0.
   */
  generations?: Record<string, true>;
}

/** A project, identified portably (see projectIdentity). */
export interface ProjectEntry {
  id: string;
  name: string;
  /** Local paths where this project was seen on some device. */
  paths: Record<string, true>;
}

/**
 * The library index document: projects, and one entry per session, sharded into
 * {@link LIBRARY_SHARDS} maps keyed by `shardOf(sessionId)` so appends stay cheap.
 */
export interface LibraryDoc {
  schema: number;
  kind: 'trail/library';
  projects: Record<string, ProjectEntry>;
  shards: Record<string, Record<string, LibraryEntry>>;
}

/** A file change as stored in a session document: path, counts and blob references. */
export interface DocFileChange {
  path: string;
  op: 'create' | 'modify' | 'delete' | 'rename';
  fromPath?: string;
  added: number;
  removed: number;
  patch?: BlobRef;
  before?: BlobRef;
  after?: BlobRef;
}

/**
 * One event of a session document. Text fields are short redacted previews stored as
 * immutable strings; full content is in the blobs referenced by `body` and `output`.
 */
export interface DocEvent {
  id: string;
  kind: EventKind;
  ts: string;
  preview: string;
  body?: BlobRef;
  agentId?: string;
  parentToolId?: string;
  // tool calls
  tool?: string;
  category?: ToolCategory;
  status?: ToolStatus;
  command?: string;
  exitCode?: number | null;
  output?: BlobRef;
  outputPreview?: string;
  reads?: string[];
  changes?: DocFileChange[];
  durationMs?: number;
  spawnedAgentId?: string;
  /** Raw terminal output of a recorded turn (blob type `terminal`). */
  terminal?: BlobRef;
  // assistant
  model?: string;
  // system / unknown / checkpoint
  subtype?: string;
  checkpointId?: string;
  /** Working tree a checkpoint is of. */
  root?: string;
  /** Paths a checkpoint found changed since the previous one. */
  changed?: string[];
}

/** Annotations a user makes; collaborative fields that merge across devices. */
export interface Annotations {
  tags: Record<string, true>;
  note: string;
  status: string;
  hidden: boolean;
}

/** Where the content of a session came from, and how far each source was read. */
export interface SourceMark {
  kind: 'hook' | 'transcript' | 'record';
  path: string;
  /** Bytes of the source already folded in. */
  offset: number;
}

/** One document per session. */
export interface SessionDoc {
  schema: number;
  kind: 'trail/session';
  id: string;
  agent: AgentName;
  project: string;
  cwd: string;
  gitBranch: string;
  title: string;
  model: string;
  agentVersion: string;
  startedAt: string;
  endedAt: string;
  counts: SessionCounts;
  usage: TokenUsage;
  events: DocEvent[];
  annotations: Annotations;
  sources: Record<string, SourceMark>;
  /** Which rebuild of the session this document is: absent for the first, n after n purges. */
  generation?: number;
}
