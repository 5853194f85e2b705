/** What produced a line. */
export const ORIGIN_KINDS = ['tool', 'turn', 'human', 'before'] as const;
/**
 * One of {@link ORIGIN_KINDS}: an agent's tool call (Edit, Write, apply_patch...), an agent's
 * turn (a shell command, a formatter: changed between a prompt's start and its turn's end
 * but by no edit tool), a human (changed outside any turn), or older than trail's records.
 */
export type OriginKind = (typeof ORIGIN_KINDS)[number];

/** Who produced a line, with what is known about it. Shared by every line it produced. */
export interface Origin {
  kind: OriginKind;
  sessionId?: string;
  /** The agent (claude-code, codex...). */
  agent?: string;
  /** The subagent, when a subagent did it. */
  agentId?: string;
  model?: string;
  /** The prompt number in its session (1-based). */
  prompt?: number;
  /** The prompt's text, shortened. */
  promptText?: string;
  /** The tool call's id (Claude's tool_use_id). */
  toolCallId?: string;
  /** The tool's name. */
  tool?: string;
  /** When: the tool call, the turn's end, or when a human change was first seen. */
  ts?: string;
  /**
   * True when trail reconstructed this from recorded patches without checkpoints to
   * confirm it (sessions imported from transcripts, files outside any checkpointed tree).
   */
  inferred: boolean;
}

/** The attribution of one line: its origin, and the line's number in what that origin wrote. */
export interface LineAttr {
  origin: Origin;
  /** 1-based line number in the content the origin produced. */
  line: number;
}
