import { randomUUID } from 'node:crypto';
import { constants } from 'node:os';
import { basename, join } from 'node:path';
import { TrailError } from '@trail/model';
import { Checkpointer, type TakenCheckpoint } from './checkpoint.js';
import { findExecutable } from './executable.js';
import { LineInput } from './line-input.js';
import { TerminalSpool } from './terminal-spool.js';

/** Options of {@link recordTerminal}. */
export interface RecordOptions {
  /** The program and its arguments. */
  command: readonly string[];
  /** The store home: the spool and checkpoints go there. */
  home: string;
  /** Working directory of the program (default: the current one). */
  cwd?: string;
  /** The session's title (default: its first prompt). */
  title?: string;
  /** Default `process.stdin` / `process.stdout`. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  env?: NodeJS.ProcessEnv;
  /** Told about problems that do not stop the recording (no checkpoints, a failed one). */
  warn?: (message: string) => void;
  sessionId?: string;
}

/** How a recording ended. */
export interface RecordResult {
  sessionId: string;
  /** The program's exit status; null when a signal killed it. */
  exitCode: number | null;
  /** The signal that killed it (`SIGINT`...). */
  signal?: string;
  /** Lines submitted. */
  turns: number;
  /** Whether working-tree checkpoints were taken. */
  checkpoints: boolean;
}

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
const EOT = '\x04';

/**
 * Runs a program in a pseudo-terminal and records it as a `terminal` session. The terminal
 * is passed through untouched: stdin in raw mode when it is a terminal (so Ctrl-C reaches the
 * program as a keystroke), output as is, window size changes forwarded, and signals sent to
 * trail passed on. Each line the user submits is a turn: a working-tree checkpoint is taken
 * before the program sees the Enter, and at exit; the raw transcript and the events go to
 * the session's spool, which `ingestSpools` folds into the store. With stdin not a terminal,
 * input is piped through and its end sent as Ctrl-D.
 */
export async function recordTerminal(o: RecordOptions): Promise<RecordResult> {
  const [file, ...args] = o.command;
  const env = { ...(o.env ?? process.env) };
  const cwd = o.cwd ?? process.cwd();
  if (file === undefined)
    throw new TrailError('USAGE', 'nothing to record: give a command after --');
  const resolved = findExecutable(file, env.PATH ?? '', cwd);
  if (!resolved)
    throw new TrailError('COMMAND_NOT_FOUND', `command not found: ${file}`, { command: file });
  const { spawn } = await import('node-pty');
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  const warn = o.warn ?? (() => undefined);
  const sessionId = o.sessionId ?? randomUUID();
  const spool = new TerminalSpool(join(o.home, 'spool'), sessionId);
  const tty = stdin.isTTY === true;
  const size = () => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  spool.event('RecordStart', {
    cwd,
    command: [...o.command],
    program: basename(file),
    ...(o.title ? { title: o.title } : {}),
    ...size(),
    tty,
  });

  let cp: Checkpointer | undefined;
  try {
    cp = new Checkpointer(o.home, cwd, sessionId);
  } catch (e) {
    warn(`${(e as Error).message}; recording without checkpoints`);
  }
  let warned = false;
  const snap = (moment: string): TakenCheckpoint | undefined => {
    if (!cp) return undefined;
    try {
      return cp.take(moment);
    } catch (e) {
      if (!warned)
        warn(
          `a checkpoint failed (${(e as Error).message}); the turn's file changes may be missing`,
        );
      warned = true;
      return undefined;
    }
  };
  const spoolCheckpoint = (c: TakenCheckpoint, moment: string, changed: readonly string[]) =>
    spool.event('TrailCheckpoint', {
      checkpoint: c.checkpoint,
      moment,
      root: c.root,
      changed,
      offset: spool.offset,
    });

  let last = snap('session-start');
  if (last) spoolCheckpoint(last, 'session-start', []);
  let turn = 0;
  /** Closes the current turn at a new checkpoint, which is returned. */
  const endTurn = (): TakenCheckpoint | undefined => {
    const c = snap('end');
    const diff = c && last ? { root: c.root, from: last.checkpoint, to: c.checkpoint } : {};
    spool.event('TurnEnd', { turn, offset: spool.offset, ...diff });
    if (c) spoolCheckpoint(c, 'end', c.changed);
    return c;
  };

  const started = Date.now();
  let child;
  try {
    child = spawn(resolved, args, {
      name: env.TERM && env.TERM !== 'dumb' ? env.TERM : 'xterm-256color',
      ...size(),
      cwd,
      env: { ...env, TRAIL_RECORD_SESSION: sessionId },
      encoding: null,
    });
  } catch (e) {
    // the session is closed in the spool, so nothing waits for an end that will not come
    spool.event('RecordEnd', { exitCode: 127, offset: 0, durationMs: 0 });
    spool.close();
    throw new TrailError(
      'RECORD_FAILED',
      `could not start ${file} in a pseudo-terminal: ${(e as Error).message}`,
      { command: file },
      { cause: e },
    );
  }
  let exited = false;
  // A pseudo-terminal is read a few KiB at a time; what arrives within one turn of the event
  // loop is written out at once. stdout writes block on Linux (TTYs, pipes and files alike),
  // so the program is paced by the terminal as it would be without trail.
  let gathered: Buffer[] = [];
  const flushOutput = () => {
    if (gathered.length === 0) return;
    const b = gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered);
    gathered = [];
    stdout.write(b);
    spool.output(b);
  };
  const lines = new LineInput();
  let lastInput = 0x0a;
  const onInput = (chunk: Buffer | string) => {
    flushOutput(); // output before the keys belongs to the turn before
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (buf.length > 0) lastInput = buf[buf.length - 1]!;
    for (const piece of lines.feed(buf)) {
      if (Buffer.isBuffer(piece)) {
        if (!exited) child.write(piece);
      } else if (piece.kind === 'interrupt') spool.event('Interrupt', { offset: spool.offset });
      else if (piece.hidden) spool.event('HiddenInput', { offset: spool.offset });
      else {
        const c = endTurn();
        turn++;
        if (c) {
          spoolCheckpoint(c, 'start', []);
          last = c;
        }
        spool.event('Prompt', { turn, prompt: piece.text, offset: spool.offset });
      }
    }
  };
  // Ctrl-D at the start of a line is end-of-file for a program reading the terminal
  const onEnd = () => {
    if (!exited) child.write(lastInput === 0x0a || lastInput === 0x0d ? EOT : EOT + EOT);
  };
  const onResize = () => child.resize(size().cols, size().rows);
  const signals = FORWARDED_SIGNALS.map((sig) => [sig, () => child.kill(sig)] as const);
  child.onData((d: string | Buffer) => {
    if (gathered.length === 0) setImmediate(flushOutput);
    gathered.push(typeof d === 'string' ? Buffer.from(d) : d);
    lines.output();
  });
  for (const [sig, f] of signals) process.on(sig, f);
  stdout.on('resize', onResize);
  if (tty) stdin.setRawMode?.(true);
  stdin.on('data', onInput);
  stdin.on('end', onEnd);
  stdin.resume();

  const end = await new Promise<{ exitCode: number; signal?: number }>((resolve) =>
    child.onExit(resolve),
  );
  exited = true;
  flushOutput();
  stdin.off('data', onInput);
  stdin.off('end', onEnd);
  if (tty) stdin.setRawMode?.(false);
  stdin.pause();
  stdout.off('resize', onResize);
  for (const [sig, f] of signals) process.off(sig, f);

  endTurn();
  const signal = end.signal ? signalName(end.signal) : undefined;
  spool.event('RecordEnd', {
    exitCode: signal ? null : end.exitCode,
    ...(signal ? { signal } : {}),
    offset: spool.offset,
    durationMs: Date.now() - started,
  });
  spool.close();
  return {
    sessionId,
    exitCode: signal ? null : end.exitCode,
    ...(signal ? { signal } : {}),
    turns: turn,
    checkpoints: cp !== undefined,
  };
}

function signalName(n: number): string {
  const found = Object.entries(constants.signals).find(([, v]) => v === n);
  return found ? found[0] : `SIG${n}`;
}
