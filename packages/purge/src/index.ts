// @trail/purge: removes a recorded secret for good. Blobs that hold it are rewritten and the
// originals deleted; session documents whose history holds it are rebuilt as a new generation
// (Automerge never forgets a value otherwise); spools and the query index are cleaned too.
export { purge, type PurgeRequest, type PurgeReport } from './purge.js';
export { purgeSession, type PurgeContext, type SessionPurge } from './purge-session.js';
export { BlobRewriter, type BlobCheck, type ReplacedBlob } from './blob-rewriter.js';
export { historyHolds } from './history.js';
export { rebuildSessionDoc } from './rebuild.js';
export { purgeSpools } from './spool.js';
export { purgeCheckpoints, type CheckpointPurge } from './checkpoints.js';
export { purgeLibrary, rebuildLibraryDoc, type LibraryPurge } from './library.js';
export { cleanContent } from './clean.js';
export {
  secretMatcher,
  patternMatcher,
  redactorMatcher,
  replaceDeep,
  replaceInText,
  NOTHING,
  PURGED,
  MIN_SECRET_LENGTH,
  type Matcher,
} from './matcher.js';
