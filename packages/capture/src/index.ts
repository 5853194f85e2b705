export * from './claude/index.js';
export * from './codex/index.js';
export { claudeHookEvents, type LiveState } from './live/claude-hooks.js';
export { ingestSpools, type IngestReport, type IngestProblem } from './live/ingest.js';
export {
  importClaude,
  importClaudeSet,
  importClaudeTranscript,
  emptySummary,
} from './import/claude.js';
export type { ImportSummary, ImportProgress, Problem } from './import/summary.js';
export * from './gemini/index.js';
export * from './opencode/index.js';
export * from './aider/index.js';
export { importCodex, importCodexFile, codexFiles, type ImportOptions } from './import/codex.js';
export { importGemini, geminiFiles, type GeminiImportOptions } from './import/gemini.js';
export { importOpencode, opencodeStores } from './import/opencode.js';
export { importAider, findAiderHistory, gitTopLevel, AIDER_HISTORY } from './import/aider.js';
export * from './record/index.js';
