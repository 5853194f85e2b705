import { hostname } from 'node:os';
import { asCiphertext, openFromDevice } from '@trail/crypto';
import type { WebSocketFactory } from '@trail/protocol';
import { closeTeam, ensureDevice, membership, openTeamKeys, type OpenTeam } from './context.js';
import { listTeamKeys, withTeamEpoch, writeTeamKeys } from './keys.js';
import { carryTeamKeys } from './personal.js';
import {
  TeamLinks,
  emptyStats,
  pullTeamEpoch,
  pushTeam,
  putChanges,
  type TransportStats,
} from './transport.js';

/** How to sync a team. */
export interface TeamSyncOptions {
  /** Relay URL; default the one the team was created or joined at. */
  readonly url?: string;
  /** Give up on an unreachable relay after this long (default 120 s). */
  readonly timeoutMs?: number;
  /** Links to reuse (watch mode). */
  readonly links?: TeamLinks;
  readonly webSocket?: WebSocketFactory;
  /** Name this device is certified under when it is new to the team. */
  readonly deviceName?: string;
}

/** What syncing one team did. */
export interface TeamSyncReport extends Omit<TransportStats, 'problems'> {
  readonly team: string;
  readonly teamId: string;
  readonly epoch: number;
  /** Epochs whose keys this sync received (a member was removed). */
  readonly adopted: number[];
  /** This person is no longer a member (removed or left). */
  readonly gone: boolean;
  readonly problems: readonly string[];
  readonly ms: number;
}

/**
 * Adopts key rotations the log holds for this member: each new epoch's key is opened with the
 * member's X25519 key, saved (0600) and carried to the person's other devices. Returns the epochs
 * adopted; marks the keys `removed` when the rotation removed this member.
 */
async function adoptRotations(t: OpenTeam): Promise<number[]> {
  const m = membership(t);
  const me = t.keys.member.deviceId;
  const adopted: number[] = [];
  let keys = t.keys;
  for (const r of [...m.rotations].sort((a, b) => a.epoch - b.epoch)) {
    if (r.removed === me && keys.gone === undefined) keys = { ...keys, gone: 'removed' };
    if (keys.epochs.has(r.epoch)) continue;
    const sealed = r.keys[me];
    if (sealed === undefined) continue;
    try {
      const key = openFromDevice(t.keys.member, asCiphertext(Buffer.from(sealed, 'base64url')));
      keys = withTeamEpoch(keys, r.epoch, key);
      adopted.push(r.epoch);
    } catch {
      // A key sealed to someone else's box under our id: the log entry was an admin's mistake.
    }
  }
  const mine = m.members.get(me);
  if (mine?.left && keys.gone === undefined) keys = { ...keys, gone: 'left' };
  if (keys !== t.keys) {
    await writeTeamKeys(t.home, keys);
    t.keys = keys;
    await carryTeamKeys(t.home, keys);
  }
  return adopted;
}

/**
 * Syncs an open team with its relay: reads every epoch mailbox it holds a key for (older ones
 * keep history; a late joiner reads them all), adopts key rotations as they appear, certifies
 * this device if needed, and uploads this device's new entries into the current epoch. An
 * admin who rotated the key re-posts the rotation into the old epoch on every sync, since the
 * removed member could delete it from there.
 */
export async function syncOpenTeam(
  t: OpenTeam,
  options: TeamSyncOptions = {},
): Promise<TeamSyncReport> {
  const started = Date.now();
  const url = options.url ?? t.keys.relayUrl;
  const deadline = started + (options.timeoutMs ?? 120_000);
  const links =
    options.links ??
    new TeamLinks({
      url,
      device: t.device,
      deadline,
      ...(options.webSocket !== undefined ? { webSocket: options.webSocket } : {}),
    });
  links.extend(deadline);
  const stats = emptyStats();
  const adopted: number[] = [];
  try {
    const done = new Set<number>();
    for (;;) {
      const next = [...t.keys.epochs.keys()].sort((a, b) => a - b).find((e) => !done.has(e));
      if (next === undefined) break;
      done.add(next);
      await pullTeamEpoch(t.keys, next, t.replica, links, url, stats);
      if (next === Math.max(...t.keys.epochs.keys())) adopted.push(...(await adoptRotations(t)));
    }
    if (t.keys.gone === undefined) {
      ensureDevice(t, options.deviceName ?? hostname());
      await pushTeam(t.keys, t.device, t.replica, links, stats);
      const repost = t.replica.index.meta('repost');
      if (repost !== undefined) {
        const { epoch, change } = JSON.parse(repost) as { epoch: number; change: string };
        if (t.keys.epochs.has(epoch))
          await putChanges(
            t.keys,
            epoch,
            t.device,
            links,
            [{ bytes: Buffer.from(change, 'base64') }],
            emptyStats(),
          );
      }
    }
    const { problems, ...counts } = stats;
    return {
      team: t.keys.name,
      teamId: t.keys.teamId,
      epoch: t.keys.current,
      adopted,
      gone: t.keys.gone !== undefined,
      ...counts,
      problems,
      ms: Date.now() - started,
    };
  } finally {
    if (options.links === undefined) await links.close();
  }
}

/** Syncs every team this device is in (teams it left or was removed from are skipped). */
export async function syncAllTeams(
  home: string,
  options: Omit<TeamSyncOptions, 'links'> = {},
): Promise<TeamSyncReport[]> {
  const out: TeamSyncReport[] = [];
  for (const keys of await listTeamKeys(home)) {
    if (keys.gone !== undefined) continue;
    const t = await openTeamKeys(home, keys);
    try {
      out.push(await syncOpenTeam(t, { ...options, url: keys.relayUrl }));
    } finally {
      closeTeam(t);
    }
  }
  return out;
}
