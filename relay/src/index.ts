// @trail/relay: the dumb relay. It stores and forwards ciphertext under opaque ids, checks
// that a client holds a space's key by verifying a signature, and never sees a key.

export {
  startRelay,
  type RelayOptions,
  type RelayStats,
  type RunningRelay,
} from './start-relay.js';
export { DEFAULT_LIMITS, LIMIT_NAMES, resolveLimits, type RelayLimits } from './limits.js';
export { RelayConfigError } from './config-error.js';
export {
  createLogger,
  isLogLevel,
  stderrJsonSink,
  type LogFields,
  type Logger,
  type LogLevel,
  type LogRecord,
  type LogSink,
} from './logger.js';
export type {
  MailboxStore,
  NewBundle,
  PullPage,
  PullRequest,
  PutLimits,
  PutOutcome,
  RegisterOutcome,
  SpaceRecord,
  SpaceUsage,
  StoredBundle,
} from './store/mailbox-store.js';
export { MailboxError, type MailboxErrorCode } from './store/mailbox-error.js';
export { MemoryMailboxStore } from './store/memory-store.js';
export { FsMailboxStore, type FsMailboxStoreOptions } from './store/fs-store.js';
export { verifyEd25519 } from './server/verify-signature.js';
