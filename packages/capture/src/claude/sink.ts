import type { CapturedEvent, TokenUsage } from '@trail/model';
import { tsMs } from './json.js';
import type { RawRecord } from './records.js';

/** The subagent an event belongs to, if any. */
export interface Scope {
  agentId?: string;
  parentToolId?: string;
}

/** A tool_use block as first seen. */
export interface ToolUse {
  id: string;
  name: string;
  input: unknown;
  rec: RawRecord;
}

/** The tool_result paired with a tool_use id. */
export interface ToolResult {
  isError?: boolean;
  text?: string;
  /** `toolUseResult` of the record, when it carried exactly this one result. */
  tur?: unknown;
  ts?: string;
}

/** What is known of one model response (all records sharing a message.id). */
export interface MessageInfo {
  model?: string;
  usage?: TokenUsage;
  /** A non-blank text block outside abandoned branches, to carry the usage. */
  visibleText: boolean;
  texts: number;
  thinkings: number;
  usageGiven: boolean;
  started: boolean;
}

interface Slot {
  ev: CapturedEvent;
  seq: number;
  order: number;
}

/**
 * Collects one session's events: first emission of an id wins (replays and duplicate
 * lines fold into it), and the shared indexes (tool calls and results, model responses,
 * prompt occurrences, spawned agents) the record handlers need.
 */
export class SessionSink {
  readonly tools = new Map<string, ToolUse>();
  readonly results = new Map<string, ToolResult>();
  readonly messages = new Map<string, MessageInfo>();
  readonly agentOfTool = new Map<string, string>();
  cwd?: string;
  skipped = 0;
  private readonly slots = new Map<string, Slot>();
  private readonly promptCounts = new Map<string, number>();

  constructor(readonly sessionId: string) {}

  /** Adds an event unless one with the same id exists. `ev.ts` may be '' (filled later). */
  emit(ev: CapturedEvent, rec: RawRecord): void {
    if (this.slots.has(ev.id)) return;
    this.slots.set(ev.id, { ev, seq: rec.seq, order: this.slots.size });
  }

  /** The next occurrence number of a prompt text in a thread. */
  nextOccurrence(thread: string, norm: string): number {
    const key = `${thread}\u0000${norm}`;
    const k = this.promptCounts.get(key) ?? 0;
    this.promptCounts.set(key, k + 1);
    return k;
  }

  /** The (created on demand) info of a model response. */
  message(id: string): MessageInfo {
    let m = this.messages.get(id);
    if (!m) {
      m = { visibleText: false, texts: 0, thinkings: 0, usageGiven: false, started: false };
      this.messages.set(id, m);
    }
    return m;
  }

  /**
   * The events in time order (reading order among equal times). Events of records without
   * a timestamp take the previous event's time, or the next one's at the start.
   */
  events(): CapturedEvent[] {
    const slots = [...this.slots.values()].sort((a, b) => a.seq - b.seq || a.order - b.order);
    let last: string | undefined;
    for (const s of slots) {
      if (s.ev.ts === '' && last !== undefined) s.ev.ts = last;
      else if (s.ev.ts !== '') last = s.ev.ts;
    }
    let next: string | undefined;
    for (let i = slots.length - 1; i >= 0; i--) {
      const s = slots[i]!;
      if (s.ev.ts === '') s.ev.ts = next ?? '1970-01-01T00:00:00.000Z';
      else next = s.ev.ts;
    }
    const keyed = slots.map((s, i) => ({ ev: s.ev, ms: tsMs(s.ev.ts) ?? 0, i }));
    keyed.sort((a, b) => a.ms - b.ms || a.i - b.i);
    return keyed.map((k) => k.ev);
  }
}
