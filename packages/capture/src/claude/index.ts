// Claude Code: transcript import (every format era of formats.md section 1) and the helpers
// the live hook path shares with it, so a session captured by hooks and later imported
// gets the same event ids and merges into one.
export { readLines, type FileLine } from './lines.js';
export { parseClaudeTranscript, type ClaudeParseResult } from './transcript.js';
export { findClaudeTranscripts, claudeProjectsRoot, type FindOptions } from './find.js';
export { normalizeClaudeTool, claudeToolCategory } from './tools.js';
export { claudeFileChanges } from './edits.js';
export {
  claudePromptId,
  classifyUserText,
  isHumanPrompt,
  isSlashCommandPrompt,
  normalizePromptText,
  promptText,
  type UserText,
  type UserTextKind,
} from './prompt.js';
export type {
  ClaudeAgentMeta,
  ClaudeParseStats,
  ClaudeToolOptions,
  ClaudeTranscriptInput,
  ClaudeTranscriptSet,
  ImportProblem,
  LineSource,
  NormalizedClaudeTool,
} from './types.js';
