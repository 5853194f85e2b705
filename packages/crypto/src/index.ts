// @trail/crypto: the only package that touches libsodium. Call `await ready()` once at start-up;
// everything else is synchronous (key files and blob streams excepted) and throws
// CRYPTO_NOT_READY before it, except the pure byte helpers (hex, base64url, equalBytes, memzero).
// Encryption takes any bytes and returns branded `Ciphertext`; decryption takes `Ciphertext`
// and returns `Plaintext`, so unencrypted bytes cannot reach a transport by accident.

export { ready, isReady } from './sodium.js';
export { CryptoError, isCryptoError, CRYPTO_ERROR_CODES } from './errors.js';
export type { CryptoErrorCode } from './errors.js';

export type {
  Branded,
  Plaintext,
  Ciphertext,
  SymmetricKey,
  SpaceKey,
  InviteSecret,
  PublicKey,
  SecretKey,
  BoxPublicKey,
  BoxSecretKey,
  Signature,
  DeviceId,
  RoutingId,
  MailboxId,
  InvitationCode,
} from './types.js';
export {
  toPlaintext,
  asCiphertext,
  asSymmetricKey,
  asSpaceKey,
  asInviteSecret,
  asPublicKey,
  asSecretKey,
  asBoxPublicKey,
  asBoxSecretKey,
  asSignature,
  isSymmetricKey,
  isSpaceKey,
  isPublicKey,
  isBoxPublicKey,
} from './brands.js';
export { generateSpaceKey } from './space-key.js';

export { randomBytes } from './random.js';
export { equalBytes, memzero } from './bytes.js';
export { toHex, fromHex } from './hex.js';
export { toBase64Url, fromBase64Url } from './base64url.js';

export { keyedHash, createKeyedHasher } from './keyed-hash.js';
export type { KeyedHasher } from './keyed-hash.js';
export { deriveSubkey, kdfContext, SUBKEY_PURPOSES } from './kdf.js';
export type { SubkeyPurpose } from './kdf.js';

export { generateDeviceIdentity, publicIdentity, wipeIdentity } from './identity.js';
export type { DeviceIdentity, PublicIdentity } from './identity.js';
export { deviceIdFromPublicKey, isDeviceId, asDeviceId } from './device-id.js';
export {
  serializeIdentity,
  parseIdentity,
  serializePublicIdentity,
  parsePublicIdentity,
} from './identity-json.js';
export type { SerializedIdentity, SerializedPublicIdentity } from './identity-json.js';

export { sign, verify } from './signature.js';
export { signEnvelope, verifyEnvelope } from './envelope.js';
export type { VerifiedEnvelope } from './envelope.js';
export { relayAuthKeyPair, routingId } from './relay-auth.js';
export type { RelayAuthKeyPair } from './relay-auth.js';

export { seal, open } from './aead.js';
export { encodeAssociatedData } from './associated-data.js';
export type { AssociatedDataFields } from './associated-data.js';
export { sealToDevice, openFromDevice } from './sealed-box.js';

export { encryptStream, decryptStream } from './blob-stream.js';
export type { ByteSource, BlobOptions } from './blob-stream.js';
export { sealBlob, openBlob } from './blob.js';

export {
  createInvitation,
  encodeInvitation,
  parseInvitation,
  INVITE_PAYLOAD_MAX_BYTES,
  INVITE_RELAY_URL_MAX_BYTES,
} from './invitation.js';
export type { Invitation, CreatedInvitation } from './invitation.js';
export { invitationKeys } from './invitation-keys.js';
export type { InvitationKeys } from './invitation-keys.js';
export { fingerprint } from './fingerprint.js';

export { writeKeyFile, readKeyFile, readKeyFileJson } from './key-file.js';
export type { KeyFileContent } from './key-file.js';
