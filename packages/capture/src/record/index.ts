// Terminal recording: run any program in a pseudo-terminal and record it as a session.
export { recordTerminal, type RecordOptions, type RecordResult } from './recorder.js';
export { LineInput, type InputAction, type InputPiece } from './line-input.js';
export { plainText } from './plain-text.js';
export { TERMINAL_AGENT, type TerminalEvent } from './terminal-spool.js';
export { findExecutable } from './executable.js';
