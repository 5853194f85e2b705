// @trail/api: the versioned JSON shapes of the CLI's --json and the web view, and their builders.
export * from './types.js';
export type * from './web.js';
export {
  diffChanges,
  addTurnChanges,
  type TurnChangeInput,
  relativeHeaders,
  searchResults,
  blameLineJson,
  fullEvent,
  type DiffScope,
} from './build.js';
