/** Length of an Ed25519 public key (space auth key). */
export const AUTH_PUBLIC_KEY_BYTES = 32;
/** Length of an Ed25519 detached signature. */
export const SIGNATURE_BYTES = 64;
/** Length of the relay's challenge nonce. */
export const NONCE_BYTES = 32;
/** Most bundle ids one `delete` frame may name. */
export const MAX_DELETE_IDS = 1024;
/** Largest `limit` a `pull` may ask for (the relay clamps to its own `pullMaxBundles`). */
export const MAX_PULL_LIMIT = 0xffff;
/** Largest error message in an `error` frame, in UTF-8 bytes. */
export const MAX_ERROR_MESSAGE_BYTES = 1024;
/** Longest error code in an `error` frame. */
export const MAX_ERROR_CODE_LENGTH = 64;
/** Most device tags listed as online in `welcome`. */
export const MAX_ONLINE_TAGS = 0xffff;
/** Highest message number in an invitation mailbox. */
export const MAX_INVITATION_SEQ = 0xffff;
/** Bytes a `pullOk` frame needs besides its bundles (type, id, cursor, flag, count). */
export const PULL_OK_HEADER_BYTES = 1 + 4 + 1 + 64 + 1 + 4;
/**
 * Bytes any frame needs besides its one payload, at most. A relay's maxFrameBytes must be at
 * least maxPayloadBytes plus this, so one bundle of the largest size always fits in a pull.
 */
export const FRAME_OVERHEAD_BYTES = 512;
