import { concatBytes, utf8 } from './bytes.js';
import { deviceIdFromPublicKey } from './device-id.js';
import { CryptoError } from './errors.js';
import type { DeviceIdentity } from './identity.js';
import { sign, verify } from './signature.js';
import { PUBLIC_KEY_BYTES, SIGNATURE_BYTES } from './sizes.js';
import { requireSodium } from './sodium.js';
import type { DeviceId, PublicKey } from './types.js';

const VERSION = 1;
const KEY_AT = 1;
const SIGNATURE_AT = KEY_AT + PUBLIC_KEY_BYTES;
const PAYLOAD_AT = SIGNATURE_AT + SIGNATURE_BYTES;
// Signatures cover a domain prefix, so an envelope signature is never valid for any other use.
const DOMAIN = utf8('trail/envelope/v1\0');

/** What a valid envelope proves: these payload bytes were signed by this key. */
export interface VerifiedEnvelope {
  /** The signer's Ed25519 public key; check it against the members you trust. */
  readonly signPublicKey: PublicKey;
  /** The signer's device id, derived from `signPublicKey`. */
  readonly deviceId: DeviceId;
  /** The signed bytes (a copy). */
  readonly payload: Uint8Array;
}

function signedMessage(header: Uint8Array, payload: Uint8Array): Uint8Array {
  return concatBytes(DOMAIN, header, payload);
}

/**
 * Signs a payload with the device key. Layout: version (1 byte) | signer public key (32) |
 * Ed25519 signature (64) | payload; the signature covers a domain prefix, version, key and payload.
 */
export function signEnvelope(
  identity: Pick<DeviceIdentity, 'signPublicKey' | 'signSecretKey'>,
  payload: Uint8Array,
): Uint8Array {
  requireSodium();
  const header = concatBytes(Uint8Array.of(VERSION), identity.signPublicKey);
  const signature = sign(identity.signSecretKey, signedMessage(header, payload));
  return concatBytes(header, signature, payload);
}

/**
 * Checks an envelope and returns its signer and payload. BAD_SIGNATURE for any modification,
 * truncation, unknown version or a signature that does not verify. It says who signed, not
 * whether to trust them: compare `signPublicKey` with the keys you know.
 */
export function verifyEnvelope(bytes: Uint8Array): VerifiedEnvelope {
  requireSodium();
  const fail = (reason: string): never => {
    throw new CryptoError('BAD_SIGNATURE', `signed envelope rejected: ${reason}`, { reason });
  };
  if (!(bytes instanceof Uint8Array) || bytes.length < PAYLOAD_AT) fail('too short');
  if (bytes[0] !== VERSION) fail('unknown version');
  const header = bytes.subarray(0, SIGNATURE_AT);
  const signPublicKey = bytes.slice(KEY_AT, SIGNATURE_AT) as PublicKey;
  const signature = bytes.subarray(SIGNATURE_AT, PAYLOAD_AT);
  const payload = bytes.slice(PAYLOAD_AT);
  if (!verify(signPublicKey, signedMessage(header, payload), signature)) fail('bad signature');
  return { signPublicKey, deviceId: deviceIdFromPublicKey(signPublicKey), payload };
}
