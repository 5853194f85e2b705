import type { ToolEvent } from '@trail/model';
import { parseToolOutput, type ParsedOutput } from './tool-output.js';

const FAILED_TEXT =
  /^(failed to|error[:\s]|execution error|sandbox error|apply_patch verification failed|invalid patch|unsupported call|unknown tool)/i;
const ABORTED_TEXT = /^(aborted|interrupted|cancelled|canceled)\b/i;

/**
 * Completes a tool event with its output: text, exit code (commands only; null when the
 * era's output does not state one), duration and status. A failed edit (apply_patch that
 * Codex rejected) keeps no file changes, since nothing was written; a failed command keeps
 * its heredoc writes, which ran before whatever failed. Returns the parsed output.
 */
export function applyToolOutput(event: ToolEvent, output: unknown): ParsedOutput {
  const parsed = parseToolOutput(output);
  event.output = parsed.text;
  if (parsed.durationMs !== undefined) event.durationMs = parsed.durationMs;
  const isCommand = event.category === 'command';
  if (isCommand) event.exitCode = parsed.exitCode ?? null;
  if (parsed.exitCode !== undefined) {
    event.status = parsed.exitCode === 0 ? 'ok' : 'error';
    if (parsed.exitCode !== 0) event.error = `exit code ${parsed.exitCode}`;
  } else if (parsed.failed || (!parsed.structured && FAILED_TEXT.test(parsed.text.trimStart()))) {
    event.status = 'error';
    event.error = firstLine(parsed.text) || 'failed';
  } else if (!parsed.structured && ABORTED_TEXT.test(parsed.text.trimStart())) {
    event.status = 'interrupted';
  } else {
    event.status = 'ok';
  }
  if (event.status === 'error' && event.category === 'edit' && event.changes) event.changes = [];
  return parsed;
}

/** Records the exit of a process a unified-exec call left running (reported by write_stdin). */
export function settleRunningProcess(event: ToolEvent, exitCode: number): void {
  event.exitCode = exitCode;
  event.status = exitCode === 0 ? 'ok' : 'error';
  if (exitCode !== 0) event.error = `exit code ${exitCode}`;
  else delete event.error;
}

function firstLine(text: string): string {
  const t = text.trim();
  const nl = t.indexOf('\n');
  return (nl < 0 ? t : t.slice(0, nl)).slice(0, 500);
}
