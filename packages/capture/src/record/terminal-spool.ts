import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { appendDurably, spoolFile } from '@trail/store/spool';

/** The agent name, and spool folder, of recorded terminal sessions. */
export const TERMINAL_AGENT = 'terminal';

/**
 * The spool events a recording writes (formats.md, "Terminal recordings"), each payload
 * with `session_id`; `offset` is how many bytes of output the transcript held at that time.
 *
 * - `RecordStart` `{cwd, command[], program, title?, cols, rows, tty}`
 * - `TrailCheckpoint` `{checkpoint, moment, root, changed[]}` (moments `session-start`,
 *   `end` of a turn, `start` of the next)
 * - `TurnEnd` `{turn, offset, root?, from?, to?}`: turn `turn` (0 = before the first line)
 *   ended; its output is the transcript since the previous TurnEnd, its changes the
 *   difference between checkpoints `from` and `to`
 * - `Prompt` `{turn, prompt, offset}`: the user submitted line `turn`
 * - `Interrupt` `{offset}` (Ctrl-C), `HiddenInput` `{offset}` (a line typed with echo off)
 * - `RecordEnd` `{exitCode, signal?, offset, durationMs}`
 */
export type TerminalEvent =
  | 'RecordStart'
  | 'TrailCheckpoint'
  | 'TurnEnd'
  | 'Prompt'
  | 'Interrupt'
  | 'HiddenInput'
  | 'RecordEnd';

/** Output gathered before it is written to the transcript. */
const FLUSH_BYTES = 256 * 1024;

/** The raw transcript file beside a terminal session's spool. */
export function transcriptFile(spool: string): string {
  return spool.replace(/\.jsonl$/, '.raw');
}

/**
 * Writes one recording's spool: event lines (appended durably, as hooks do) and the raw
 * transcript, appended as output arrives, so a crash of trail loses at most the output
 * in flight and `trail ingest` can fold whatever was recorded.
 */
export class TerminalSpool {
  readonly file: string;
  readonly transcript: string;
  /** Bytes of output recorded so far (written, or buffered to be written). */
  offset = 0;
  private fd: number | undefined;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(
    spoolDir: string,
    readonly sessionId: string,
  ) {
    this.file = spoolFile(spoolDir, TERMINAL_AGENT, sessionId);
    this.transcript = transcriptFile(this.file);
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    this.fd = openSync(this.transcript, 'a', 0o600);
  }

  /** Appends one event line (after the output so far, so its `offset` is on disk first). */
  event(event: TerminalEvent, payload: Record<string, unknown>, t: number = Date.now()): void {
    this.flush();
    const line = {
      v: 1,
      t,
      agent: TERMINAL_AGENT,
      event,
      payload: { session_id: this.sessionId, ...payload },
    };
    appendDurably(this.file, JSON.stringify(line));
  }

  /**
   * Appends output to the raw transcript. A pseudo-terminal hands output over in reads of a
   * few KiB, so writes are gathered up to {@link FLUSH_BYTES} (a crash loses at most that).
   */
  output(data: Uint8Array): void {
    if (this.fd === undefined) return;
    this.pending.push(data);
    this.pendingBytes += data.length;
    this.offset += data.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Writes the gathered output. */
  flush(): void {
    if (this.fd === undefined || this.pendingBytes === 0) return;
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
  }

  /** Writes what is gathered and closes the transcript. */
  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
