import { redactText, type RedactOptions } from '@trail/redact';

/**
 * The page's redaction: secrets become typed placeholders. Paths keep the home directory and
 * user name, since this is the user's own machine and the page links paths to blame.
 */
const LOCAL: RedactOptions = { homeDir: null, userName: null };

const PLACEHOLDER = '[REDACTED:';

/** Redacts texts for one response and counts what it hid; with `reveal`, passes them through. */
export class Redaction {
  count = 0;

  constructor(readonly reveal: boolean) {}

  /** The text as the page may show it. */
  text(s: string): string;
  text(s: string | undefined): string | undefined;
  text(s: string | null): string | null;
  text(s: string | null | undefined): string | null | undefined {
    if (this.reveal || !s) return s;
    const out = redactText(s, LOCAL);
    if (out !== s) this.count += Math.max(1, occurrences(out) - occurrences(s));
    return out;
  }
}

function occurrences(s: string): number {
  let n = 0;
  for (let i = s.indexOf(PLACEHOLDER); i !== -1; i = s.indexOf(PLACEHOLDER, i + 1)) n++;
  return n;
}
