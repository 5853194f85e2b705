import * as A from '@automerge/automerge';
import {
  asCiphertext,
  asSymmetricKey,
  deriveSubkey,
  open,
  seal,
  type SymmetricKey,
} from '@trail/crypto';
import {
  docIdBytes,
  documentIdFrom,
  loadStored,
  openStoreFiles,
  persist,
  type StoreFiles,
} from '@trail/store';
import {
  listTeamKeys,
  parseTeamKeys,
  readTeamKeys,
  serializeTeamKeys,
  writeTeamKeys,
  type TeamKeys,
} from './keys.js';

/** The personal-space document that carries team keys: team id → sealed key set. */
type TeamKeysDoc = Record<string, Uint8Array>;

const AD = new TextEncoder().encode('trail/team-keys/v1');

function docId(files: StoreFiles) {
  // Derived from the personal space's stable secret: every device of the person computes it.
  return documentIdFrom(docIdBytes(files.keys, 'team-keys', 'v1'));
}

function sealingKey(files: StoreFiles): SymmetricKey {
  return deriveSubkey(asSymmetricKey(files.keys.spaceKey), 'team-keys', 1);
}

/**
 * Puts a team's keys into the personal space, sealed with a key derived from the personal space
 * secret, so `trail sync` carries them to the person's other devices (they hold the secret; the
 * relay sees one more ciphertext). Written through the store's storage, so the sync journal sees it.
 */
export async function carryTeamKeys(home: string, keys: TeamKeys): Promise<void> {
  const files = await openStoreFiles({ home });
  try {
    const id = docId(files);
    const loaded = await loadStored<TeamKeysDoc>(files.storage, id);
    const doc = loaded?.doc ?? A.init<TeamKeysDoc>();
    const sealed = seal(
      sealingKey(files),
      new TextEncoder().encode(JSON.stringify(serializeTeamKeys(keys))),
      AD,
    );
    const next = A.change(doc, (d) => {
      d[keys.teamId] = sealed;
    });
    await persist(files.storage, id, next, A.getHeads(doc), loaded?.keys ?? []);
  } finally {
    await files.close();
  }
}

function merge(local: TeamKeys | undefined, incoming: TeamKeys): TeamKeys | undefined {
  if (local === undefined) return incoming;
  const epochs = new Map(local.epochs);
  let changed = false;
  for (const [e, k] of incoming.epochs)
    if (!epochs.has(e)) {
      epochs.set(e, k);
      changed = true;
    }
  const gone = local.gone ?? incoming.gone;
  if (gone !== local.gone) changed = true;
  if (!changed) return undefined;
  return {
    ...local,
    epochs,
    current: Math.max(local.current, incoming.current),
    ...(gone !== undefined ? { gone } : {}),
  };
}

/** What {@link adoptCarriedKeys} did. */
export interface Carried {
  /** Teams whose keys this device installed or extended. */
  readonly adopted: string[];
  /** Teams whose keys this device put into the personal space (held here, missing there). */
  readonly carried: string[];
}

/**
 * Installs the team keys other devices of this person put in the personal space (after a
 * `trail sync` brought them): teams this device did not know, and epochs it lacked. Then carries
 * the other way what this device holds and the personal space lacks (a team created before
 * device sync was set up).
 */
export async function adoptCarriedKeys(home: string): Promise<Carried> {
  const files = await openStoreFiles({ home });
  let found: TeamKeys[] = [];
  try {
    const loaded = await loadStored<TeamKeysDoc>(files.storage, docId(files));
    if (loaded === undefined) return { adopted: [], carried: await carryMissing(home, []) };
    const key = sealingKey(files);
    for (const teamId of Object.keys(loaded.doc)) {
      const conflicts = A.getConflicts(loaded.doc, teamId);
      // getConflicts says nothing when there is only one value.
      const values = conflicts === undefined ? [loaded.doc[teamId]] : Object.values(conflicts);
      for (const v of values) {
        if (!(v instanceof Uint8Array)) continue;
        try {
          const json = JSON.parse(
            new TextDecoder().decode(open(key, asCiphertext(v), AD)),
          ) as unknown;
          found.push(parseTeamKeys(json, 'the personal space'));
        } catch {
          // Not ours to read (a damaged value): skip it, the others still count.
        }
      }
    }
  } finally {
    await files.close();
  }
  found = found.sort((a, b) => a.current - b.current);
  const written = new Set<string>();
  for (const incoming of found) {
    const next = merge(await readTeamKeys(home, incoming.teamId), incoming);
    if (next !== undefined) {
      await writeTeamKeys(home, next);
      written.add(incoming.teamId);
    }
  }
  return { adopted: [...written], carried: await carryMissing(home, found) };
}

/** Carries local teams the personal space lacks (or holds fewer epochs or an older status of). */
async function carryMissing(home: string, there: readonly TeamKeys[]): Promise<string[]> {
  const carried: string[] = [];
  for (const local of await listTeamKeys(home)) {
    const held = there.filter((t) => t.teamId === local.teamId);
    const complete = held.some(
      (t) => [...local.epochs.keys()].every((e) => t.epochs.has(e)) && t.gone === local.gone,
    );
    if (!complete) {
      await carryTeamKeys(home, local);
      carried.push(local.teamId);
    }
  }
  return carried;
}
