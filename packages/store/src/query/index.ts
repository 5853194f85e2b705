// The read side: everything `trail log`, `show`, `search` and `diff` need, without Automerge,
// so read commands start in milliseconds.
export { openIndex, inTransaction, INDEX_VERSION } from './db.js';
export { openIndexForReading } from './read.js';
export { indexSession, removeSession, type BlobText, type IndexInput } from './indexer.js';
export { readSessionEvents, sessionsMentioning, numberPrompts } from './events.js';
export {
  listSessions,
  countSessions,
  findSession,
  sessionEvents,
  search,
  toFtsQuery,
  queryTerms,
  snippet,
  changesForPath,
  SNIPPET_OPEN,
  SNIPPET_CLOSE,
  type SessionSummary,
  type LogFilter,
  type IndexedEvent,
  type SearchHit,
} from './queries.js';
export {
  sessionDetail,
  type SessionDetail,
  type PromptView,
  type FileChangeView,
  type CommandView,
} from './views.js';
