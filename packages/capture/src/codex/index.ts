// ImportProblem (./problem.js) has the same shape as claude's, which the package root exports
export type { ImportResult } from './problem.js';
export { CAPTURE_CODES, type CaptureCode } from './codes.js';
export type { CodexEra, CodexImportStats, CodexParseResult, CodexTokenUsage } from './stats.js';
export { parseCodexSession, detectEra, type CodexSource } from './parse.js';
export {
  findCodexSessions,
  readCodexSession,
  defaultCodexHome,
  type CodexSessionFile,
} from './find.js';
export {
  codexHooksSupport,
  compareVersions,
  CODEX_HOOKS_MIN_VERSION,
  type CodexHooksSupport,
} from './hooks-support.js';
export {
  installCodexHooks,
  CODEX_HOOK_EVENTS,
  type InstallCodexHooksOptions,
  type InstallCodexHooksResult,
} from './hooks-install.js';
export {
  codexHookPayloadToEvents,
  type CodexHookMapping,
  type CodexHookOptions,
} from './hook-events.js';
export { toolEventId, promptEventId, assistantEventId, normText } from './ids.js';
export {
  parseApplyPatch,
  looksLikePatch,
  type ParsedPatch,
  type PatchFileOp,
  type PatchHunk,
  type PatchLine,
} from './apply-patch.js';
export { applyHunks } from './apply-hunks.js';
export { patchToChanges, hunksText } from './patch-changes.js';
export { KnownFiles, resolveAgentPath } from './known-files.js';
