// The versioned JSON shapes of `trail <command> --json`, which the web view's API serves too.
// One set of types: the CLI prints them, the server sends them, the page reads them.
import type { Annotations, DocFileChange } from '@trail/model';
import type { CheckpointEntry } from '@trail/history';
import type { IndexedEvent, SearchHit, SessionDetail, SessionSummary } from '@trail/store/query';

export type {
  SessionSummary,
  SessionDetail,
  PromptView,
  FileChangeView,
  CommandView,
  IndexedEvent,
} from '@trail/store/query';
export type { Annotations, DocEvent, DocFileChange, BlobRef } from '@trail/model';
export type { CheckpointEntry } from '@trail/history';

/** The version every JSON object carries; bumped only on an incompatible change. */
export const JSON_VERSION = 1;

/** Every top-level JSON object carries its version. */
export interface Versioned {
  version: typeof JSON_VERSION;
}

/** `trail log --json`. */
export interface LogJson extends Versioned {
  sessions: SessionSummary[];
}

/** `trail show <session> --json`. */
export interface ShowJson extends Versioned {
  session: SessionDetail;
}

/** A file change with its patch, as `trail diff --json` lists it. */
export interface DiffChange {
  /** Relative to the session's working directory. */
  path: string;
  op: DocFileChange['op'];
  added: number;
  removed: number;
  prompt: number;
  /** The tool that made it, or `turn` for a change a turn made by other means (a shell command). */
  tool: string;
  /** The event (tool call) that made it; null for a turn's change. */
  eventId: string | null;
  /** The unified diff, headers relative to the session's directory; null when none was recorded. */
  patchText: string | null;
}

/** `trail diff <session> [--prompt N] --json`. */
export interface DiffJson extends Versioned {
  session: string;
  prompt: number | null;
  changes: DiffChange[];
}

/** One hit of `trail search --json`: the snippet marks matches between `[` and `]`. */
export type SearchResult = SearchHit;

/** `trail search <query> --json`. */
export interface SearchJson extends Versioned {
  query: string;
  results: SearchResult[];
}

/** One line of `trail blame --json`. */
export interface BlameLineJson {
  line: number;
  text: string;
  /** `tool` (an agent's tool call), `turn` (an agent's turn), `human`, or `before` trail. */
  kind: 'tool' | 'turn' | 'human' | 'before';
  sessionId: string | null;
  prompt: number | null;
  promptText: string | null;
  tool: string | null;
  toolCallId: string | null;
  agent: string | null;
  agentId: string | null;
  model: string | null;
  ts: string | null;
  inferred: boolean;
  originLine: number;
}

/** `trail blame <file> --json`. */
export interface BlameJson extends Versioned {
  /** Relative to root. */
  file: string;
  root: string;
  total: number;
  lines: BlameLineJson[];
}

/** `trail checkpoints <session> --json`. */
export interface CheckpointsJson extends Versioned {
  session: string;
  checkpoints: CheckpointEntry[];
}

/** `trail annotate <session> --json`. */
export interface AnnotateJson extends Versioned {
  session: string;
  annotations: Annotations;
}

/** An event with its full text, as the items of `trail show --full --json`. */
export type FullEvent = Omit<IndexedEvent, 'changes'> & {
  text?: string;
  outputText?: string;
  changes?: (DocFileChange & { patchText?: string })[];
};
