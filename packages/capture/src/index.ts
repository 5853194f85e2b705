export * from './claude/index.js';
export * from './codex/index.js';
export { claudeHookEvents, type LiveState } from './live/claude-hooks.js';
export { ingestSpools, type IngestReport, type IngestProblem } from './live/ingest.js';
export { importClaude, importClaudeSet, importClaudeTranscript, emptySummary } from './import/claude.js';
export type { ImportSummary, ImportProgress, Problem } from './import/summary.js';
