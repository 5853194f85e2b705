export {
  findGeminiSessions,
  defaultGeminiHome,
  geminiProjectHash,
  type GeminiSessionFile,
} from './find.js';
export {
  parseGeminiSession,
  readGeminiSession,
  type GeminiImportStats,
  type GeminiParseOptions,
  type GeminiParseResult,
} from './parse.js';
export { loadGeminiConversation, type GeminiConversation } from './conversation.js';
