import { isHashOrUuid, isWordLike, looksRandom } from '../text/entropy.js';
import {
  containsRedaction,
  isPlaceholderValue,
  isProse,
  isUrlOrPath,
  isVariableReference,
} from '../text/values.js';

/** How a value was written: its position decides how literally it is taken. */
export interface ValueSpan {
  readonly start: number;
  readonly end: number;
  /** Inside quotes (or an XML element): certainly a literal string. */
  readonly quoted: boolean;
}

const MAX_VALUE = 4096;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

// `'TOKEN=abc'`: the quote closes the shell word, not the value
function isSpaceOrQuote(c: number): boolean {
  return isSpace(c) || c === 34 || c === 39 || c === 96;
}

// stops an unquoted value outside .env lines: `?token=abc&x=1`, `{password: x}`, `Password=x;`
function isTerminator(c: number): boolean {
  return (
    isSpace(c) ||
    c === 34 ||
    c === 39 ||
    c === 96 ||
    c === 44 ||
    c === 59 ||
    c === 38 ||
    c === 60 ||
    c === 62 ||
    c === 41 ||
    c === 93 ||
    c === 125 ||
    c === 124
  );
}

function closing(text: string, from: number, quote: number, escapes: boolean): number {
  const limit = Math.min(text.length, from + MAX_VALUE);
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (escapes && c === 92) {
      i++;
      continue;
    }
    if (c === quote) return i;
    if (c === 10) return -1;
  }
  return -1;
}

/**
 * Reads the value that starts at `at`: `"…"`, `'…'`, `$'…'`, `` `…` ``, or a bare word that ends at
 * whitespace or a quote (`wholeWord`, for .env lines) or at the first terminator character.
 */
export function readValue(text: string, at: number, wholeWord: boolean): ValueSpan | undefined {
  if (at >= text.length) return undefined;
  let c = text.charCodeAt(at);
  if (c === 36 && text.charCodeAt(at + 1) === 39) {
    at++;
    c = 39;
  }
  if (c === 34 || c === 39 || c === 96) {
    const end = closing(text, at + 1, c, c !== 39 || text.charCodeAt(at - 1) === 36);
    return end === -1 ? undefined : { start: at + 1, end, quoted: true };
  }
  let end = at;
  const limit = Math.min(text.length, at + MAX_VALUE);
  while (
    end < limit &&
    !(wholeWord ? isSpaceOrQuote(text.charCodeAt(end)) : isTerminator(text.charCodeAt(end)))
  )
    end++;
  // a sentence's full stop is not part of the value
  while (!wholeWord && end > at && text.charCodeAt(end - 1) === 46) end--;
  return end > at ? { start: at, end, quoted: false } : undefined;
}

const CODE = /[()[\]{}<>]|=>/;
const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

/** Shared refusals: empty, already redacted, a reference, a placeholder, a URL or a path. */
function refused(value: string): boolean {
  return (
    value.length < 3 ||
    containsRedaction(value) ||
    isVariableReference(value) ||
    isPlaceholderValue(value) ||
    isUrlOrPath(value)
  );
}

/**
 * Whether the value of a secret-named assignment is a literal secret. `.env` lines and quoted
 * strings are taken literally; bare words elsewhere must look like secrets rather than code
 * (`token = getToken()`, `password: string`, `password=req.body.password`).
 */
export function isSecretValue(value: string, quoted: boolean, envLine: boolean): boolean {
  if (refused(value)) return false;
  if (quoted) return !isProse(value);
  if (envLine) return true;
  if (CODE.test(value) || IDENTIFIER_PATH.test(value)) return false;
  // `name:` is the next YAML key, `\n` an escaped line break: neither is a value
  if (value.endsWith(':') || value.charCodeAt(0) === 92) return false;
  return (
    /[0-9]/.test(value) ||
    /[^A-Za-z0-9_.-]/.test(value) ||
    looksRandom(value) ||
    // `VENueldXZytiNDRRUjdL` (base64 without digits) is no type name
    (value.length >= 12 && /[a-z]/.test(value) && /[A-Z]/.test(value) && !isWordLike(value))
  );
}

/** Whether the value of an ordinarily named UPPER_SNAKE assignment looks like a random secret. */
export function isHighEntropyValue(value: string): boolean {
  return !refused(value) && !isHashOrUuid(value) && looksRandom(value);
}
