// @trail/sync: end-to-end encrypted sync of one person's devices, through a relay that only
// ever sees ciphertext under opaque ids, or directly on a LAN. docs/threat-model.md states what
// that protects against; docs/decisions/sync-*.md explain the formats.
export {
  SyncError,
  isSyncError,
  SYNC_ERROR_CODES,
  type SyncErrorCode,
  type RejectReason,
} from './errors.js';
export { syncPaths, type SyncPaths } from './paths.js';
export {
  readConfig,
  normalizeRelayUrl,
  chooseRelay,
  forgetRelayPin,
  type SyncConfig,
} from './config.js';
export { openDevice, closeDevice, type Device, type OpenDeviceOptions } from './engine/device.js';
export { syncOnce, type SyncOptions, type SyncReport } from './engine/sync-once.js';
export { syncDevice } from './engine/run.js';
export { watchDevice, type WatchOptions } from './engine/watch.js';
export { RelayLinks } from './engine/links.js';
export { removeDevice, type Removal } from './engine/remove.js';
export { COMPACT_THRESHOLD } from './engine/compact.js';
export {
  createInvite,
  awaitJoiner,
  INVITATION_TTL_MS,
  type InviterState,
  type PendingInvitation,
  type Invited,
} from './pairing/invite.js';
export { inviterState, recordInvited } from './pairing/inviter.js';
export { joinSpace, storeContents, type JoinOptions, type Joined } from './pairing/join.js';
export { serveLan, type ServeOptions } from './lan/serve.js';
export { syncStatus, type SyncStatus, type DeviceInfo } from './status.js';
export { annotateSession, type AnnotationEdits } from './annotations.js';
export { openBundle, sealBundle, type OpenedBundle } from './bundle/seal.js';
export { epochKeys, deviceTag, type EpochKeys } from './keys/epoch-keys.js';
export { readKeyRing, type KeyRing } from './keys/key-ring.js';
// Building blocks other spaces reuse (@trail/team): one epoch's mailbox link, bundle ids, the
// device identity.
export { RelayLink, type LinkOptions } from './transport/relay-link.js';
export { bundleIdFor } from './keys/epoch-keys.js';
export { loadOrCreateDevice } from './keys/device-identity.js';
