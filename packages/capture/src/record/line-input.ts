import { StringDecoder } from 'node:string_decoder';

/** Something the user did that the recorder acts on, found in the input stream. */
export type InputAction =
  | {
      kind: 'submit';
      /** The line as reconstructed from the keys typed (basic line editing applied). */
      text: string;
      /** True when nothing was echoed while it was typed: a password, most likely. */
      hidden: boolean;
    }
  | { kind: 'interrupt' };

/** Input split at the points where actions happen: forward the bytes, act, in this order. */
export type InputPiece = Buffer | InputAction;

const CR = 0x0d;
const LF = 0x0a;
const ESC = 0x1b;
const BS = 0x08;
const DEL = 0x7f;
const CTRL_C = 0x03;
const CTRL_U = 0x15;
const CTRL_W = 0x17;
const TAB = 0x09;
/** How long typed characters may go unechoed before the line counts as hidden. */
const ECHO_GRACE_MS = 50;

type EscState = 'none' | 'esc' | 'csi' | 'ss3' | 'osc' | 'osc-esc';

/**
 * Follows what a user types into a terminal and tells when they submit a line and what the
 * line says, as a shell's line editor would see it: printable text (UTF-8) accumulates,
 * Backspace/Delete remove the last character, Ctrl-U the line, Ctrl-W the last word;
 * escape sequences (arrow keys, function keys, focus reports) are dropped; a bracketed paste
 * keeps its newlines inside the line; Enter is CR or LF, and CR LF counts once; Ctrl-C
 * discards the line. Lines that are only whitespace are not submissions.
 *
 * A line typed with echo off (a password prompt) is reported `hidden`: the recorder never
 * stores its text. That is judged from the output: characters typed in an earlier read
 * than the Enter, at least 50 ms before it, with no output at all since, were not echoed.
 */
export class LineInput {
  private line = '';
  private readonly decoder = new StringDecoder('utf8');
  private esc: EscState = 'none';
  private csi = '';
  private paste = false;
  private afterCR = false;
  private pending: number[] = [];
  /** When the current line's first character was read, and whether output came since. */
  private typedAt: number | undefined;
  private echoed = false;
  /** The current line began in an earlier chunk than the one being read. */
  private earlier = false;
  private now = 0;

  /** Splits a chunk of input into the bytes to forward and the actions between them. */
  feed(chunk: Buffer, now: number = Date.now()): InputPiece[] {
    const out: InputPiece[] = [];
    let from = 0;
    this.now = now;
    this.earlier = this.line.length > 0 || this.pending.length > 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      const wasCR = this.afterCR;
      this.afterCR = false;
      if (this.esc !== 'none') {
        this.escape(b);
        continue;
      }
      if (b === ESC) {
        this.flushText();
        this.esc = 'esc';
      } else if (b === CR || b === LF) {
        this.flushText();
        if (this.paste) this.line += '\n';
        else if (!(b === LF && wasCR)) {
          const text = this.line;
          const hidden =
            this.earlier &&
            !this.echoed &&
            this.typedAt !== undefined &&
            now - this.typedAt >= ECHO_GRACE_MS;
          this.reset();
          if (text.trim() !== '') {
            // the bytes before the Enter go first; the Enter itself after the action
            if (i > from) out.push(chunk.subarray(from, i));
            from = i;
            out.push({ kind: 'submit', text: hidden ? '' : text, hidden });
          }
        }
        this.afterCR = b === CR;
      } else if (b === CTRL_C) {
        this.flushText();
        this.reset();
        if (i > from) out.push(chunk.subarray(from, i));
        from = i;
        out.push({ kind: 'interrupt' });
      } else if (b === DEL || b === BS) {
        this.flushText();
        this.line = Array.from(this.line).slice(0, -1).join('');
      } else if (b === CTRL_U) {
        this.flushText();
        this.line = '';
      } else if (b === CTRL_W) {
        this.flushText();
        this.line = this.line.replace(/\S+\s*$/, '');
      } else if (b >= 0x20 || b === TAB) {
        this.pending.push(b);
      }
    }
    this.flushText();
    if (from < chunk.length) out.push(chunk.subarray(from));
    return out;
  }

  /** Tells the tracker that the program wrote something (an echo, a redraw, anything). */
  output(): void {
    if (this.typedAt !== undefined) this.echoed = true;
  }

  private flushText(): void {
    if (this.pending.length === 0) return;
    const text = this.decoder.write(Buffer.from(this.pending));
    this.pending = [];
    if (text === '') return;
    if (this.line === '' && this.typedAt === undefined) {
      this.typedAt = this.now;
      this.echoed = false;
    }
    this.line += text;
  }

  private reset(): void {
    this.line = '';
    this.typedAt = undefined;
    this.echoed = false;
    this.earlier = false;
  }

  /** Consumes one byte of an escape sequence. */
  private escape(b: number): void {
    const c = String.fromCharCode(b);
    switch (this.esc) {
      case 'esc':
        this.esc = c === '[' ? 'csi' : c === 'O' ? 'ss3' : c === ']' ? 'osc' : 'none';
        this.csi = '';
        return;
      case 'ss3':
        this.esc = 'none';
        return;
      case 'osc':
        if (b === 0x07) this.esc = 'none';
        else if (b === ESC) this.esc = 'osc-esc';
        return;
      case 'osc-esc':
        this.esc = c === '\\' ? 'none' : 'osc';
        return;
      case 'csi':
        if (b >= 0x40 && b <= 0x7e) {
          if (c === '~' && this.csi === '200') this.paste = true;
          else if (c === '~' && this.csi === '201') this.paste = false;
          this.esc = 'none';
        } else this.csi += c;
        return;
      default:
        this.esc = 'none';
    }
  }
}
