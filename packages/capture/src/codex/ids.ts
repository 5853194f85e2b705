import { stableHash } from '@trail/model';

/**
 * Normalises text before it is hashed into an event id: line endings unified, runs of
 * whitespace collapsed, ends trimmed. A hook payload and the rollout line for the same
 * prompt then hash alike even when one of them carries a trailing newline.
 */
export function normText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Id of a tool call: the agent's own call id, which hooks and rollouts share. */
export function toolEventId(callId: string): string {
  return `t-${callId}`;
}

/** Id of the k-th (0-based) occurrence of a human prompt with this text in a session. */
export function promptEventId(sessionId: string, text: string, k: number): string {
  return `p-${stableHash(sessionId, normText(text))}-${k}`;
}

/** Id of the k-th occurrence of an assistant message with this text in a session. */
export function assistantEventId(sessionId: string, text: string, k: number): string {
  return `a-${stableHash(sessionId, normText(text))}-${k}`;
}

/**
 * Hands out event ids that are stable across re-imports: content-derived, with an
 * occurrence counter so the same text twice in one session gets two ids (`…-0`, `…-1`).
 */
export class EventIds {
  private readonly seen = new Map<string, number>();

  constructor(readonly sessionId: string) {}

  /** The next occurrence index of `key` (0, 1, 2…). */
  next(key: string): number {
    const k = this.seen.get(key) ?? 0;
    this.seen.set(key, k + 1);
    return k;
  }

  /** Id for a human prompt. */
  prompt(text: string): string {
    return promptEventId(this.sessionId, text, this.next(`p\u0000${normText(text)}`));
  }

  /** Id for assistant text. */
  assistant(text: string): string {
    return assistantEventId(this.sessionId, text, this.next(`a\u0000${normText(text)}`));
  }

  /** Id for any other content-keyed event: `prefix-hash(parts)-k`. */
  keyed(prefix: string, ...parts: string[]): string {
    const h = stableHash(this.sessionId, ...parts);
    return `${prefix}-${h}-${this.next(`${prefix}\u0000${h}`)}`;
  }
}

/** The session id in a rollout file name (`rollout-…-<uuid>.jsonl`), else a hash of the name. */
export function sessionIdFromFile(file: string): string {
  const base = file.replace(/^.*[\\/]/, '');
  const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(base);
  return m ? m[1]!.toLowerCase() : `codex-${stableHash(base)}`;
}
