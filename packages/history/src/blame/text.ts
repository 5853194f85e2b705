/** Splits text into lines, each keeping its terminator; a last line without one counts. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Number of lines in text, counting a last line without a terminator. */
export function lineCount(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return to > from && text.charCodeAt(to - 1) !== 10 ? n + 1 : n;
}

const CHUNK = 512;

/** Length of the common prefix of two strings, compared in native chunks first. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of two strings, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  const al = a.length;
  const bl = b.length;
  while (i + CHUNK <= max && a.slice(al - i - CHUNK, al - i) === b.slice(bl - i - CHUNK, bl - i))
    i += CHUNK;
  while (i < max && a.charCodeAt(al - i - 1) === b.charCodeAt(bl - i - 1)) i++;
  return i;
}

/** True when text looks binary (a NUL byte in its first 8,000 characters, as git decides). */
export function looksBinary(text: string | Buffer): boolean {
  if (typeof text === 'string') return text.slice(0, 8000).includes('\0');
  return text.subarray(0, 8000).includes(0);
}
