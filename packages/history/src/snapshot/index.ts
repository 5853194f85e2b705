// `@trail/history/snapshot`: checkpoints of working trees. Imports node builtins only, so
// the capture hook can take a snapshot without loading Automerge, SQLite or jsdiff.
export {
  takeSnapshot,
  stageOnly,
  readTip,
  type SnapshotOptions,
  type SnapshotResult,
  type Tip,
} from './take.js';
export {
  hookCheckpoint,
  MAX_LISTED_CHANGES,
  type HookCheckpointInput,
  type HookMoment,
} from './hook.js';
export { resolveWorkTree, type WorkTree } from './root.js';
export {
  openPrivateRepo,
  findPrivateRepo,
  listPrivateRepos,
  treeKey,
  CHECKPOINT_REF,
  type PrivateRepo,
} from './repo.js';
export { runGit, gitText, type GitTarget, type GitRun, type GitResult } from './git.js';
export { withLock } from './lock.js';
export { SnapshotError } from './errors.js';
export {
  DEFAULT_MAX_BYTES,
  PLACEHOLDER_MAGIC,
  parsePlaceholder,
  placeholderText,
  sha256File,
  maxBytesFrom,
} from './large.js';
