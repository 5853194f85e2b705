// @trail/sync: end-to-end encrypted sync of one person's devices through a relay that only
// ever sees ciphertext under opaque ids, or directly on a LAN. See docs/threat-model.md.
export { SyncError, isSyncError, SYNC_ERROR_CODES, type SyncErrorCode, type RejectReason } from './errors.js';
export { syncPaths, type SyncPaths } from './paths.js';
export { readConfig, normalizeRelayUrl, chooseRelay, type SyncConfig } from './config.js';
export { openDevice, closeDevice, type Device, type OpenDeviceOptions } from './engine/device.js';
export { syncOnce, type SyncOptions, type SyncReport } from './engine/sync-once.js';
export { RelayLinks } from './engine/links.js';
