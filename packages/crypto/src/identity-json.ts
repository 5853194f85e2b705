import { equalBytes, memzero } from './bytes.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { deviceIdFromPublicKey } from './device-id.js';
import { CryptoError } from './errors.js';
import type { DeviceIdentity, PublicIdentity } from './identity.js';
import {
  BOX_PUBLIC_KEY_BYTES,
  BOX_SECRET_KEY_BYTES,
  PUBLIC_KEY_BYTES,
  SECRET_KEY_BYTES,
} from './sizes.js';
import { requireSodium } from './sodium.js';
import type { BoxPublicKey, BoxSecretKey, PublicKey, SecretKey } from './types.js';

/** The JSON form of a {@link PublicIdentity}: keys as unpadded base64url. */
export interface SerializedPublicIdentity {
  readonly version: 1;
  readonly deviceId: string;
  readonly signPublicKey: string;
  readonly boxPublicKey: string;
}

/** The JSON form of a {@link DeviceIdentity}; write it only with {@link writeKeyFile}. */
export interface SerializedIdentity extends SerializedPublicIdentity {
  readonly signSecretKey: string;
  readonly boxSecretKey: string;
}

function invalid(reason: string): never {
  throw new CryptoError('IDENTITY_INVALID', `invalid device identity: ${reason}`, { reason });
}

function record(value: unknown): Record<string, unknown> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      invalid('not JSON');
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    invalid('not an object');
  const fields = parsed as Record<string, unknown>;
  if (fields.version !== 1) invalid('unsupported version');
  return fields;
}

function keyField(fields: Record<string, unknown>, name: string, length: number): Uint8Array {
  const text = fields[name];
  if (typeof text !== 'string') invalid(`${name} is missing`);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(text);
  } catch {
    invalid(`${name} is not base64url`);
  }
  if (bytes.length !== length) invalid(`${name} must be ${length} bytes`);
  return bytes;
}

function publicPart(fields: Record<string, unknown>): PublicIdentity {
  const signPublicKey = keyField(fields, 'signPublicKey', PUBLIC_KEY_BYTES) as PublicKey;
  const boxPublicKey = keyField(fields, 'boxPublicKey', BOX_PUBLIC_KEY_BYTES) as BoxPublicKey;
  const deviceId = deviceIdFromPublicKey(signPublicKey);
  if (fields.deviceId !== deviceId) invalid('deviceId does not match signPublicKey');
  return { deviceId, signPublicKey, boxPublicKey };
}

/** The JSON-safe form of a public identity. */
export function serializePublicIdentity(identity: PublicIdentity): SerializedPublicIdentity {
  return {
    version: 1,
    deviceId: identity.deviceId,
    signPublicKey: toBase64Url(identity.signPublicKey),
    boxPublicKey: toBase64Url(identity.boxPublicKey),
  };
}

/** The JSON-safe form of a full identity, secret keys included. */
export function serializeIdentity(identity: DeviceIdentity): SerializedIdentity {
  return {
    ...serializePublicIdentity(identity),
    signSecretKey: toBase64Url(identity.signSecretKey),
    boxSecretKey: toBase64Url(identity.boxSecretKey),
  };
}

/** Parses and checks a serialized public identity (object or JSON text); IDENTITY_INVALID otherwise. */
export function parsePublicIdentity(value: unknown): PublicIdentity {
  requireSodium();
  return publicPart(record(value));
}

/**
 * Parses a serialized identity (object or JSON text) and checks that it hangs together: the
 * device id matches, and each secret key really produces its public key (a mismatched Ed25519
 * key pair would make signatures leak the secret). IDENTITY_INVALID otherwise.
 */
export function parseIdentity(value: unknown): DeviceIdentity {
  const sodium = requireSodium();
  const fields = record(value);
  const pub = publicPart(fields);
  const signSecretKey = keyField(fields, 'signSecretKey', SECRET_KEY_BYTES) as SecretKey;
  const boxSecretKey = keyField(fields, 'boxSecretKey', BOX_SECRET_KEY_BYTES) as BoxSecretKey;
  // libsodium's Ed25519 secret key is seed | public key (sk_to_seed is absent from this build).
  const seed = signSecretKey.slice(0, 32);
  const rederived = sodium.crypto_sign_seed_keypair(seed);
  const signOk =
    equalBytes(rederived.publicKey, pub.signPublicKey) &&
    equalBytes(rederived.privateKey, signSecretKey);
  memzero(seed);
  memzero(rederived.privateKey);
  const boxOk = equalBytes(sodium.crypto_scalarmult_base(boxSecretKey), pub.boxPublicKey);
  if (!signOk || !boxOk) {
    memzero(signSecretKey);
    memzero(boxSecretKey);
    invalid(
      signOk
        ? 'boxSecretKey does not match boxPublicKey'
        : 'signSecretKey does not match signPublicKey',
    );
  }
  return { ...pub, signSecretKey, boxSecretKey };
}
