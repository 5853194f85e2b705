import {
  asCiphertext,
  encodeAssociatedData,
  equalBytes,
  isCryptoError,
  open,
  seal,
  signEnvelope,
  verifyEnvelope,
  type Ciphertext,
  type DeviceIdentity,
  type PublicKey,
} from '@trail/crypto';
import { MalformedInput } from '../bytes/reader.js';
import { rejected } from '../errors.js';
import { deviceTag, type EpochKeys } from '../keys/epoch-keys.js';
import type { BundleBody } from './body.js';
import { decodeBody, encodeBody } from './codec.js';

const MAGIC = Uint8Array.of(0x54, 0x52, 0x42, 0x01); // "TRB", format 1
const HEADER = MAGIC.length + 4 + 8;
/** Smallest possible sealed bundle: header, nonce, tag. */
const MIN_BYTES = HEADER + 24 + 16;
/** Bytes a sealed bundle adds to its body: header, nonce, tag and the signature envelope. */
export const SEAL_OVERHEAD = HEADER + 24 + 16 + 1 + 32 + 64;

function associatedData(keys: EpochKeys, tag: string): Uint8Array {
  return encodeAssociatedData({
    docId: 'trail/batch',
    sender: tag,
    epoch: keys.epoch,
    kind: 'trail/bundle/v1',
  });
}

/**
 * Seals a bundle: the body is signed by the device (Ed25519 envelope), then encrypted with the
 * epoch's bundle key (XChaCha20-Poly1305) with the sender's device tag, the epoch and the format
 * bound as associated data. Wire form: "TRB\x01" | u32 epoch | 8-byte key id | ciphertext.
 * Only opaque bytes leave: no document id, device id, path or name is readable by a relay.
 */
export function sealBundle(
  keys: EpochKeys,
  identity: DeviceIdentity,
  body: BundleBody,
): Ciphertext {
  const plaintext = signEnvelope(identity, encodeBody(body));
  const sealed = seal(
    keys.bundleKey,
    plaintext,
    associatedData(keys, deviceTag(keys, identity.deviceId)),
  );
  plaintext.fill(0);
  const out = new Uint8Array(HEADER + sealed.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, keys.epoch);
  out.set(keys.keyId, MAGIC.length + 4);
  out.set(sealed, HEADER);
  return asCiphertext(out);
}

/** What an opened bundle proves: this body, signed by this key. */
export interface OpenedBundle {
  readonly body: BundleBody;
  readonly signer: PublicKey;
}

/**
 * Opens a bundle pulled from a mailbox, or throws SYNC_BUNDLE_REJECTED with the reason:
 * truncated, foreign (another format, epoch or key), tampered (authentication failed),
 * bad-signature, malformed, replayed (stored under an id it was not made for) or misrouted (the
 * relay's device tag is not the signer's). Nothing is returned unless every check passes.
 */
export function openBundle(
  keys: EpochKeys,
  bundleId: string,
  tag: string,
  bytes: Uint8Array,
): OpenedBundle {
  if (bytes.length < MIN_BYTES)
    throw rejected('truncated', `${bytes.length} bytes is too short for a bundle`, bundleId);
  if (!equalBytes(bytes.subarray(0, MAGIC.length), MAGIC))
    throw rejected('foreign', 'not a trail bundle', bundleId);
  const epoch = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length);
  if (epoch !== keys.epoch)
    throw rejected(
      'foreign',
      `sealed for epoch ${epoch}, found in the mailbox of epoch ${keys.epoch}`,
      bundleId,
    );
  if (!equalBytes(bytes.subarray(MAGIC.length + 4, HEADER), keys.keyId)) {
    throw rejected('foreign', 'sealed with a key this space does not use', bundleId);
  }
  let plaintext: Uint8Array;
  try {
    plaintext = open(
      keys.bundleKey,
      asCiphertext(bytes.subarray(HEADER)),
      associatedData(keys, tag),
    );
  } catch (error) {
    if (!isCryptoError(error, 'DECRYPT_FAILED')) throw error;
    throw rejected(
      'tampered',
      'it does not authenticate: modified, truncated, or moved from another device',
      bundleId,
    );
  }
  try {
    let envelope;
    try {
      envelope = verifyEnvelope(plaintext);
    } catch {
      throw rejected('bad-signature', 'the device signature does not verify', bundleId);
    }
    let body: BundleBody;
    try {
      body = decodeBody(envelope.payload);
    } catch (error) {
      if (!(error instanceof MalformedInput)) throw error;
      throw rejected('malformed', error.message, bundleId);
    }
    if (body.bundleId !== bundleId)
      throw rejected('replayed', `it was made as bundle ${body.bundleId}`, bundleId);
    if (body.epoch !== keys.epoch)
      throw rejected('foreign', 'its body names another epoch', bundleId);
    if (body.sender !== envelope.deviceId)
      throw rejected('bad-signature', 'signed by another device than its sender', bundleId);
    if (deviceTag(keys, body.sender) !== tag)
      throw rejected('misrouted', 'the relay filed it under another device', bundleId);
    return { body, signer: envelope.signPublicKey };
  } finally {
    plaintext.fill(0);
  }
}
