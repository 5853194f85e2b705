export * from './claude/index.js';
export * from './codex/index.js';
