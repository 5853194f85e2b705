export {
  parseAiderHistory,
  localToIso,
  type AiderImportStats,
  type AiderParseOptions,
  type AiderParseResult,
} from './parse.js';
export { splitAiderHistory, type AiderLaunch, type AiderTurn } from './history.js';
export { parseEditBlocks, blocksToChange, type EditBlock } from './edit-blocks.js';
export { showCommit, parseShow, type GitCommit, type GitCommitError } from './git-commit.js';
