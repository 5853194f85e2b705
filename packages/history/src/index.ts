// @trail/history: checkpoints, blame and rewind over the store. The light snapshot side
// (what hooks use) is also published alone as `@trail/history/snapshot`.
export * from './snapshot/index.js';
export { blame, type BlameOptions, type BlameResult, type BlameLine } from './blame/blame.js';
export { ORIGIN_KINDS, type Origin, type OriginKind, type LineAttr } from './blame/origin.js';
export {
  replay,
  applyStep,
  initialState,
  type Step,
  type ObserveStep,
  type EditStep,
  type AdoptStep,
} from './blame/engine.js';
export { FileState, type Recorded, type Source } from './blame/state.js';
export { carry } from './blame/carry.js';
export { rewind, type RewindOptions, type RewindResult } from './rewind/rewind.js';
export { resolveTarget, type RewindTarget } from './rewind/target.js';
export type { FileOp, Unrestorable } from './rewind/plan.js';
export { listCheckpoints, latestSessionIn, type CheckpointEntry } from './checkpoints/list.js';
export type { BlobTextReader } from './timeline/file-steps.js';
export { checkpointDiff, type CheckpointFileDiff } from './turn-diff.js';
