import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceIdentity } from '@trail/crypto';
import type { WebSocketFactory } from '@trail/protocol';
import {
  RelayLink,
  bundleIdFor,
  epochKeys,
  isSyncError,
  openBundle,
  sealBundle,
  type EpochKeys,
} from '@trail/sync';
import { decodeChanges, encodeChanges } from './doc.js';
import type { TeamKeys } from './keys.js';
import type { TeamReplica } from './replica.js';

/** Largest bundle body a team upload builds (the relay's default payload limit is 1 MiB). */
const BODY_BUDGET = 768 * 1024;

/** What one team sync moved. */
export interface TransportStats {
  pulledBundles: number;
  pulledChanges: number;
  /** Bundles that failed authentication or a check, skipped whole. */
  rejectedBundles: number;
  /** Changes refused whole (deleting or overwriting an entry). */
  refusedChanges: number;
  pushedBundles: number;
  pushedChanges: number;
  bytes: number;
  /** Reasons, for the report. */
  readonly problems: string[];
}

/** Fresh counters. */
export function emptyStats(): TransportStats {
  return {
    pulledBundles: 0,
    pulledChanges: 0,
    rejectedBundles: 0,
    refusedChanges: 0,
    pushedBundles: 0,
    pushedChanges: 0,
    bytes: 0,
    problems: [],
  };
}

interface Cursors {
  /** relay URL → epoch → cursor. */
  readonly cursors: Record<string, Record<string, string>>;
}

function cursorFile(replica: TeamReplica): string {
  return join(replica.dir, 'cursors.json');
}

function readCursors(replica: TeamReplica): Cursors {
  const f = cursorFile(replica);
  if (!existsSync(f)) return { cursors: {} };
  try {
    return JSON.parse(readFileSync(f, 'utf8')) as Cursors;
  } catch {
    return { cursors: {} };
  }
}

function writeCursors(replica: TeamReplica, c: Cursors): void {
  writeFileSync(cursorFile(replica), JSON.stringify(c));
}

/** How to reach a team's relay. */
export interface TeamLinkOptions {
  readonly url: string;
  readonly device: DeviceIdentity;
  /** Give up on an unreachable relay at this time (ms since the epoch). */
  readonly deadline: number;
  readonly webSocket?: WebSocketFactory;
}

/**
 * The open links to a team's epoch mailboxes on one relay, opened on first use (watch mode keeps
 * them; a one-off sync closes them). A team is a space like the personal one: its routing id and
 * relay credentials derive from each epoch's key, so the relay sees nothing else.
 */
export class TeamLinks {
  readonly #links = new Map<number, RelayLink>();

  constructor(private readonly options: TeamLinkOptions) {}

  /** The link to an epoch's mailbox. */
  async get(keys: EpochKeys): Promise<RelayLink> {
    let link = this.#links.get(keys.epoch);
    if (link === undefined) {
      link = await RelayLink.open({
        url: this.options.url,
        keys,
        deviceId: this.options.device.deviceId,
        deadline: this.options.deadline,
        ...(this.options.webSocket !== undefined ? { webSocket: this.options.webSocket } : {}),
      });
      this.#links.set(keys.epoch, link);
    }
    return link;
  }

  /** Moves every link's give-up time. */
  extend(deadline: number): void {
    for (const l of this.#links.values()) l.extend(deadline);
  }

  /** Links open now. */
  open(): RelayLink[] {
    return [...this.#links.values()];
  }

  /** Closes them all. */
  async close(): Promise<void> {
    const all = [...this.#links.values()];
    this.#links.clear();
    await Promise.all(all.map((l) => l.close().catch(() => undefined)));
  }
}

/** Reads one epoch's mailbox from this device's cursor and applies what it carries. */
export async function pullTeamEpoch(
  keys: TeamKeys,
  epoch: number,
  replica: TeamReplica,
  links: TeamLinks,
  url: string,
  stats: TransportStats,
): Promise<void> {
  const key = keys.epochs.get(epoch);
  if (key === undefined) return;
  const ek = epochKeys(epoch, key);
  const link = await links.get(ek);
  const state = readCursors(replica);
  const mine = (state.cursors[url] ??= {});
  let after = mine[String(epoch)] ?? '';
  for (;;) {
    const page = await link.pull(after);
    for (const b of page.bundles) {
      stats.pulledBundles++;
      try {
        const opened = openBundle(ek, b.bundleId, b.deviceTag, b.bytes);
        for (const e of opened.body.entries) {
          if (e.kind !== 'doc' || e.docId !== keys.teamId) continue;
          const changes = decodeChanges(e.bytes);
          if (changes === undefined) {
            stats.rejectedBundles++;
            stats.problems.push('a team bundle does not hold a list of changes');
            continue;
          }
          const r = replica.receive(changes);
          stats.pulledChanges += r.applied;
          stats.refusedChanges += r.refused.length;
          for (const why of r.refused) stats.problems.push(`a change was refused: ${why}`);
        }
      } catch (error) {
        if (!isSyncError(error, 'SYNC_BUNDLE_REJECTED')) throw error;
        stats.rejectedBundles++;
        stats.problems.push(error.message);
      }
    }
    after = page.cursor;
    mine[String(epoch)] = after;
    writeCursors(replica, state);
    if (!page.more) return;
  }
}

/** Packs changes into bodies under the budget. */
function pack<T extends { bytes: Uint8Array }>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let size = 0;
  for (const it of items) {
    if (cur.length > 0 && size + it.bytes.length + 4 > BODY_BUDGET) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(it);
    size += it.bytes.length + 4;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Seals and uploads changes into an epoch's mailbox, one bundle per batch. */
export async function putChanges(
  keys: TeamKeys,
  epoch: number,
  device: DeviceIdentity,
  links: TeamLinks,
  changes: readonly { bytes: Uint8Array }[],
  stats: TransportStats,
  onStored: (batch: number) => void = () => undefined,
): Promise<void> {
  const ek = epochKeys(epoch, keys.epochs.get(epoch)!);
  const link = await links.get(ek);
  const batches = pack(changes);
  for (const [i, batch] of batches.entries()) {
    const payload = encodeChanges(batch.map((c) => c.bytes));
    const digest = createHash('sha256').update(payload).digest('hex');
    const bundleId = bundleIdFor(ek, device.deviceId, ['team', String(epoch), digest]);
    const bytes = sealBundle(ek, device, {
      bundleId,
      epoch,
      sender: device.deviceId,
      createdAt: Date.now(),
      certs: [],
      entries: [
        {
          kind: 'doc',
          docId: keys.teamId,
          heads: [],
          digest,
          part: 0,
          parts: 1,
          bytes: payload,
        },
      ],
    });
    await link.put(bundleId, bytes);
    stats.pushedBundles++;
    stats.pushedChanges += batch.length;
    stats.bytes += bytes.length;
    onStored(i);
  }
  void batches;
}

/** Uploads this device's changes that no relay holds yet into the current epoch. */
export async function pushTeam(
  keys: TeamKeys,
  device: DeviceIdentity,
  replica: TeamReplica,
  links: TeamLinks,
  stats: TransportStats,
): Promise<void> {
  const pending = replica.index.unpushed();
  if (pending.length === 0) return;
  const batches = pack(pending);
  await putChanges(keys, keys.current, device, links, pending, stats, (i) =>
    replica.index.markPushed(
      batches[i]!.map((c) => c.seq),
      keys.current,
    ),
  );
}
