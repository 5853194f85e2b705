import type { InvitationId, InvitationMessage } from '@trail/protocol';
import { encodeRelayFrame } from '@trail/protocol';

/** A connection that wants to hear about new messages in invitation mailboxes it used. */
export interface BoardWatcher {
  /** The mailboxes it watches; the board keeps this in step. */
  readonly watching: Set<InvitationId>;
  push(frame: Uint8Array): boolean;
}

/** Limits of the rendezvous board. */
export interface BoardLimits {
  readonly ttlMs: number;
  readonly maxMessages: number;
  readonly maxMessageBytes: number;
  readonly maxInvitations: number;
  readonly maxTotalBytes: number;
  readonly maxWatchesPerConnection: number;
}

interface Box {
  readonly expiresAt: number;
  readonly messages: InvitationMessage[];
  readonly watchers: Set<BoardWatcher>;
  bytes: number;
}

/** Why a put was refused. */
export type BoardRefusal = 'payload_too_large' | 'invitation_full' | 'rendezvous_full';

/**
 * Pairing rendezvous: short-lived mailboxes keyed by an invitation id that only the
 * inviter and the invitee know (the id is the capability, so no account is needed). Kept in
 * memory: an invitation lives minutes, and losing one to a restart only means inviting
 * again. Bounded in count and bytes; expired mailboxes vanish.
 */
export class InvitationBoard {
  readonly #boxes = new Map<InvitationId, Box>();
  readonly #limits: BoardLimits;
  #totalBytes = 0;

  constructor(limits: BoardLimits) {
    this.#limits = limits;
  }

  /** Appends a message; returns its number, or why it was refused. Others watching get it. */
  put(id: InvitationId, bytes: Uint8Array, now: number, from: BoardWatcher): number | BoardRefusal {
    if (bytes.length > this.#limits.maxMessageBytes) return 'payload_too_large';
    const box = this.#open(id, now);
    if (box === undefined || this.#totalBytes + bytes.length > this.#limits.maxTotalBytes)
      return 'rendezvous_full';
    if (box.messages.length >= this.#limits.maxMessages) return 'invitation_full';
    const seq = box.messages.length + 1;
    const copy = bytes.slice();
    box.messages.push({ seq, bytes: copy });
    box.bytes += copy.length;
    this.#totalBytes += copy.length;
    this.#watch(box, id, from);
    const frame = encodeRelayFrame({ type: 'inviteMessage', invitationId: id, seq, bytes: copy });
    for (const watcher of box.watchers) if (watcher !== from) watcher.push(frame);
    return seq;
  }

  /** Messages after number `after`; the caller starts watching the mailbox. */
  pull(id: InvitationId, after: number, now: number, from: BoardWatcher): InvitationMessage[] {
    const box = this.#open(id, now);
    if (box === undefined) return [];
    this.#watch(box, id, from);
    return box.messages.filter((m) => m.seq > after);
  }

  /** Whether a live (unexpired) mailbox exists. */
  has(id: InvitationId, now: number): boolean {
    const box = this.#boxes.get(id);
    return box !== undefined && box.expiresAt > now;
  }

  /** Deletes a mailbox; returns whether it existed. */
  delete(id: InvitationId): boolean {
    const box = this.#boxes.get(id);
    if (box === undefined) return false;
    this.#drop(id, box);
    return true;
  }

  /** Stops a connection watching anything (it closed). */
  unwatchAll(watcher: BoardWatcher): void {
    for (const id of watcher.watching) this.#boxes.get(id)?.watchers.delete(watcher);
    watcher.watching.clear();
  }

  /** Drops mailboxes past their time; returns how many. */
  expire(now: number): number {
    let count = 0;
    for (const [id, box] of this.#boxes) {
      if (box.expiresAt <= now) {
        this.#drop(id, box);
        count++;
      }
    }
    return count;
  }

  /** Drops everything (shutdown). */
  clear(): void {
    for (const [id, box] of [...this.#boxes]) this.#drop(id, box);
  }

  /** Number of live mailboxes and the bytes they hold. */
  get size(): { invitations: number; bytes: number } {
    return { invitations: this.#boxes.size, bytes: this.#totalBytes };
  }

  #open(id: InvitationId, now: number): Box | undefined {
    let box = this.#boxes.get(id);
    if (box !== undefined && box.expiresAt <= now) {
      this.#drop(id, box);
      box = undefined;
    }
    if (box !== undefined) return box;
    if (this.#boxes.size >= this.#limits.maxInvitations) return undefined;
    box = { expiresAt: now + this.#limits.ttlMs, messages: [], watchers: new Set(), bytes: 0 };
    this.#boxes.set(id, box);
    return box;
  }

  #watch(box: Box, id: InvitationId, watcher: BoardWatcher): void {
    if (watcher.watching.has(id) || watcher.watching.size >= this.#limits.maxWatchesPerConnection)
      return;
    watcher.watching.add(id);
    box.watchers.add(watcher);
  }

  #drop(id: InvitationId, box: Box): void {
    this.#boxes.delete(id);
    this.#totalBytes -= box.bytes;
    for (const watcher of box.watchers) watcher.watching.delete(id);
    box.watchers.clear();
  }
}
