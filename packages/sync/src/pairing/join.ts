import { rmSync } from 'node:fs';
import {
  fingerprint,
  invitationKeys,
  isCryptoError,
  equalBytes,
  generateDeviceIdentity,
  serializeIdentity,
  parseInvitation,
  toHex,
  writeKeyFile,
  type DeviceIdentity,
} from '@trail/crypto';
import type { WebSocketFactory } from '@trail/protocol';
import type { LibraryDoc } from '@trail/model';
import { acquireWriteLock, openStoreFiles, storePaths } from '@trail/store';
import { loadChunks, readChunks } from '../storage-chunks.js';
import { readConfig, writeConfig, normalizeRelayUrl } from '../config.js';
import { SyncError } from '../errors.js';
import { writeKeyRing } from '../keys/key-ring.js';
import { syncPaths } from '../paths.js';
import { enableJournal } from '../state/journal-drain.js';
import { Roster } from '../state/roster.js';
import { SyncState } from '../state/sync-state.js';
import {
  decodeInvitePayload,
  decodeWelcome,
  encodeRequest,
  openPairing,
  sealPairing,
  spaceIdOf,
  type PairWelcome,
} from './messages.js';
import { Rendezvous } from './rendezvous.js';

/** Options of {@link joinSpace}. */
export interface JoinOptions {
  /** This device's name as the others will see it. */
  readonly name?: string;
  /** Meet at this relay instead of the one in the code. */
  readonly relayUrl?: string;
  readonly webSocket?: WebSocketFactory;
  readonly now?: number;
}

/** The outcome of joining. */
export interface Joined {
  readonly deviceId: string;
  readonly fingerprint: string;
  readonly inviter: string;
  readonly relayUrl: string;
}

/** What a store holds: sessions, blobs, and the id of the space its documents belong to. */
export async function storeContents(
  home: string,
): Promise<{ sessions: number; blobs: number; spaceId: Uint8Array }> {
  const store = await openStoreFiles({ home });
  try {
    const library = loadChunks<LibraryDoc>(await readChunks(store.storage, store.libraryId));
    const shards = library === undefined ? [] : Object.values(library.shards);
    return {
      sessions: shards.reduce((n, shard) => n + Object.keys(shard).length, 0),
      blobs: store.blobs.list().length,
      spaceId: spaceIdOf(store.keys.spaceKey),
    };
  } finally {
    await store.close();
  }
}

/**
 * Installs the joined space under the store's write lock. A store of another space (empty, as
 * checked) loses its documents and index; a store of the same space keeps them.
 */
async function install(
  home: string,
  identity: DeviceIdentity,
  welcome: PairWelcome,
  name: string,
  keepHistory: boolean,
): Promise<void> {
  const paths = storePaths(home);
  const sync = syncPaths(paths);
  const lock = await acquireWriteLock(paths.lock);
  try {
    const history = [
      paths.automerge,
      paths.meta,
      paths.index,
      `${paths.index}-wal`,
      `${paths.index}-shm`,
    ];
    for (const p of [
      ...(keepHistory ? [] : history),
      sync.db,
      `${sync.db}-wal`,
      `${sync.db}-shm`,
      sync.parts,
      sync.journal,
    ]) {
      rmSync(p, { recursive: true, force: true });
    }
    await writeKeyFile(`${paths.keys}/space.key`, {
      version: 1,
      kind: 'trail/space-key',
      key: toHex(welcome.spaceSecret),
    });
    await writeKeyFile(sync.deviceKey, serializeIdentity(identity));
    await writeKeyRing(sync.epochKeys, { current: welcome.currentEpoch, keys: welcome.epochKeys });
    const state = new SyncState(sync.db);
    try {
      const roster = new Roster(state.db);
      state.db.tx(() => welcome.certs.forEach((c) => roster.trust(c)));
    } finally {
      state.close();
    }
    const config = readConfig(sync.config);
    const { relayUrl: _old, ...rest } = config;
    writeConfig(sync.config, {
      ...rest,
      ...(welcome.relayUrl ? { relayUrl: welcome.relayUrl } : {}),
      deviceName: name,
      relayIds: {},
    });
    enableJournal(sync.journal);
  } finally {
    lock.release();
  }
}

/**
 * Joins the space of the device that made `code`: checks the code and its expiry, refuses a
 * store that already holds history, posts this device's signed request, and waits for the
 * inviter's welcome, which must be signed by the device the code names. Then installs the
 * space secret, the epoch keys and the roster, and confirms. The relay sees only ciphertext.
 */
export async function joinSpace(
  home: string,
  code: string,
  options: JoinOptions = {},
): Promise<Joined> {
  let invitation;
  try {
    invitation = parseInvitation(code);
  } catch (error) {
    if (isCryptoError(error, 'INVITE_MALFORMED'))
      throw new SyncError('SYNC_INVITE_INVALID', error.message, {
        reason: String(error.data.reason),
      });
    throw error;
  }
  const { expiresAt, inviter, spaceId } = decodeInvitePayload(invitation.payload);
  const now = options.now ?? Date.now();
  if (expiresAt <= now)
    throw new SyncError(
      'SYNC_INVITE_INVALID',
      'this invitation has expired (they last ten minutes): make a new one with `trail devices add`',
    );
  const relayUrl = normalizeRelayUrl(options.relayUrl ?? invitation.relayUrl ?? '');
  const contents = await storeContents(home);
  // Checked before contacting the inviter, so a refused join does not spend the code.
  const sameSpace = equalBytes(contents.spaceId, spaceId);
  if (!sameSpace && (contents.sessions > 0 || contents.blobs > 0)) {
    throw new SyncError(
      'SYNC_STORE_NOT_EMPTY',
      `this store already holds ${contents.sessions} session(s) of another space; joining replaces its keys, so join from an empty store (a fresh TRAIL_HOME), or move this one aside first`,
      { sessions: contents.sessions },
    );
  }
  const paths = syncPaths(storePaths(home));
  // Each membership gets a fresh identity: a device paired again after being removed must not
  // carry the id the rotation that removed it names.
  const identity = generateDeviceIdentity();
  const name = options.name ?? readConfig(paths.config).deviceName;
  const { mailboxId, pairingKey } = invitationKeys(invitation.secret);
  const rendezvous = await Rendezvous.open(relayUrl, mailboxId, expiresAt, options.webSocket);
  try {
    const request = encodeRequest({
      deviceId: identity.deviceId,
      signPublicKey: identity.signPublicKey,
      boxPublicKey: identity.boxPublicKey,
      name,
    });
    await rendezvous.put(
      sealPairing(pairingKey, mailboxId, 'request', identity, request),
      expiresAt,
    );
    const welcome = await rendezvous.next(
      (bytes) => {
        const opened = openPairing(pairingKey, mailboxId, 'welcome', bytes);
        if (opened === undefined || opened.deviceId !== inviter) return undefined;
        return { signer: opened.signer, welcome: decodeWelcome(opened.payload, identity) };
      },
      expiresAt,
      'answer from the inviting device (is `trail devices add` still running there?)',
    );
    if (!equalBytes(spaceIdOf(welcome.welcome.spaceSecret), spaceId)) {
      throw new SyncError(
        'SYNC_PAIRING_FAILED',
        'pairing failed: the keys received are not those of the space the code names',
      );
    }
    await install(home, identity, welcome.welcome, name, sameSpace);
    await rendezvous
      .put(
        sealPairing(pairingKey, mailboxId, 'done', identity, new Uint8Array(0)),
        Date.now() + 10_000,
      )
      .catch(() => undefined);
    return {
      deviceId: identity.deviceId,
      fingerprint: fingerprint(welcome.signer, identity.signPublicKey),
      inviter,
      relayUrl: welcome.welcome.relayUrl,
    };
  } finally {
    await rendezvous.close(false);
  }
}
