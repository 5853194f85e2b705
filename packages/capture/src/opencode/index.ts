export { findOpencodeStorage, defaultOpencodeDataHome, type OpencodeStorage } from './find.js';
export { parseOpencodeJsonStorage } from './json-storage.js';
export { parseOpencodeDb, type OpencodeDbOptions } from './sqlite.js';
export type {
  OpencodeImportStats,
  OpencodeParseResult,
  OpencodeMessage,
  OpencodeSessionRecord,
} from './records.js';
