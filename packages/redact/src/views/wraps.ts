import { SegmentMap } from './segments.js';
import type { View } from './view.js';
import { WRAP_MIN_WIDTH, WrapView } from './wrap-view.js';

/** Characters of context kept on each side of a line break. */
const CONTEXT = 160;
/** The shortest secret a break in a narrow line is worth joining for. */
const MIN_JOINED_TOKEN = 16;
/** Longest token kept whole on either side of a break (a JWT or a PEM line is far shorter). */
const MAX_TOKEN = 8192;
/** Longest run of wrapped single-token lines followed (a 16 KiB key at 64 columns). */
const MAX_CHAIN = 256;
const MAX_TOKEN_LINE = 4096;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

// Characters a wrapped token can have on either side of the break: not space, brackets,
// quotes or separators (so `;\n}` and `)\n{` never count).
function isTokenChar(c: number): boolean {
  return !(
    isSpace(c) ||
    c === 40 ||
    c === 41 ||
    c === 123 ||
    c === 125 ||
    c === 91 ||
    c === 93 ||
    c === 60 ||
    c === 62 ||
    c === 59 ||
    c === 44 ||
    c === 34 ||
    c === 39 ||
    c === 96 ||
    c === 124 ||
    Number.isNaN(c)
  );
}

/** Length of the token that a break at `[leftEnd, rightStart)` would join, counted up to 16. */
function tokenAround(text: string, leftEnd: number, rightStart: number): number {
  let n = 0;
  for (let i = leftEnd - 1; i >= 0 && n < MIN_JOINED_TOKEN && isTokenChar(text.charCodeAt(i)); i--)
    n++;
  for (
    let i = rightStart;
    i < text.length && n < MIN_JOINED_TOKEN && isTokenChar(text.charCodeAt(i));
    i++
  )
    n++;
  return n;
}

function isSingleToken(text: string, from: number, to: number): boolean {
  if (to <= from || to - from > MAX_TOKEN_LINE) return false;
  for (let i = from; i < to; i++) if (isSpace(text.charCodeAt(i))) return false;
  return true;
}

class Builder {
  readonly parts: string[] = [];
  readonly map = new SegmentMap();
  length = 0;
  readonly windowStarts: number[] = [];
  readonly windowEnds: number[] = [];
  readonly junctions: number[] = [];
  /** Per junction: the line before it was as long as a terminal wraps. */
  readonly wide: boolean[] = [];

  append(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(text.slice(from, to));
    this.map.add(this.length, to - from, from, to - from);
    this.length += to - from;
  }

  separate(at: number): void {
    this.parts.push('\n\n');
    this.map.add(this.length, 2, at, 0);
    this.length += 2;
  }
}

/** One line of text: `[start, end)` without its line break. */
type Row = readonly [number, number];

function rowAt(text: string, pos: number): { row: Row; nextNl: number } {
  const nextNl = text.indexOf('\n', pos);
  const lineEnd = nextNl === -1 ? text.length : nextNl;
  const end = lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
  return { row: [pos, end], nextNl };
}

/**
 * The rows a wrapped token may span, from the row at `pos`. A terminal fills every row of a
 * wrapped line but the last, so a row continues onto the next one only when it is a single
 * token at least {@link WRAP_MIN_WIDTH} wide and no narrower than the row after it.
 * Returns the rows and the break after the last one (-1 at the end of the text).
 */
function chainFrom(text: string, pos: number): { rows: Row[]; nextNl: number } {
  const rows: Row[] = [];
  let { row, nextNl } = rowAt(text, pos);
  for (;;) {
    rows.push(row);
    const width = row[1] - row[0];
    if (
      rows.length > MAX_CHAIN ||
      nextNl === -1 ||
      nextNl + 1 >= text.length ||
      isSpace(text.charCodeAt(nextNl + 1)) ||
      width < WRAP_MIN_WIDTH ||
      !isSingleToken(text, row[0], row[1])
    ) {
      return { rows, nextNl };
    }
    const next = rowAt(text, nextNl + 1);
    if (next.row[1] - next.row[0] > width) {
      rows.push(next.row);
      return { rows, nextNl: next.nextNl };
    }
    ({ row, nextNl } = next);
  }
}

/** Appends one window: an optional left row tail, then `rows` joined without their breaks. */
function appendWindow(b: Builder, text: string, left: Row | undefined, rows: readonly Row[]): void {
  if (b.length > 0) b.separate(rows[0]![0]);
  b.windowStarts.push(b.length);
  if (left) {
    // the whole token that ends at the break, and some context before it
    let tokenStart = left[1];
    while (
      tokenStart > left[0] &&
      left[1] - tokenStart < MAX_TOKEN &&
      !isSpace(text.charCodeAt(tokenStart - 1))
    )
      tokenStart--;
    b.append(text, Math.max(left[0], Math.min(tokenStart, left[1] - CONTEXT)), left[1]);
    b.junctions.push(b.length);
    b.wide.push(left[1] - left[0] >= WRAP_MIN_WIDTH);
  }
  rows.forEach(([s, e], i) => {
    const last = i === rows.length - 1;
    if (last) {
      let tokenEnd = s;
      while (tokenEnd < e && tokenEnd - s < MAX_TOKEN && !isSpace(text.charCodeAt(tokenEnd)))
        tokenEnd++;
      b.append(text, s, Math.min(e, Math.max(tokenEnd, s + CONTEXT)));
    } else {
      b.append(text, s, e);
    }
    if (!last) {
      b.junctions.push(b.length);
      b.wide.push(true);
    }
  });
  b.windowEnds.push(b.length);
}

/**
 * Builds a view of the places where a line break sits between two non-space characters,
 * as terminals do when they wrap a long token; undefined when there is none.
 */
export function joinWrappedLines(parent: View): View | undefined {
  const text = parent.text;
  let nl = text.indexOf('\n');
  if (nl === -1) return undefined;
  const b = new Builder();
  while (nl !== -1) {
    const leftEnd = nl > 0 && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const qualifies =
      leftEnd > 0 &&
      nl + 1 < text.length &&
      isTokenChar(text.charCodeAt(leftEnd - 1)) &&
      isTokenChar(text.charCodeAt(nl + 1));
    const left: Row | undefined = qualifies
      ? [text.lastIndexOf('\n', leftEnd - 1) + 1, leftEnd]
      : undefined;
    // a break inside a short word of an ordinary line joins nothing worth finding
    if (
      !left ||
      (left[1] - left[0] < WRAP_MIN_WIDTH && tokenAround(text, leftEnd, nl + 1) < MIN_JOINED_TOKEN)
    ) {
      nl = text.indexOf('\n', nl + 1);
      continue;
    }
    const { rows, nextNl } = chainFrom(text, nl + 1);
    appendWindow(b, text, left, rows);
    // A full last row looks exactly like a wrapped one, so the line after it may have been
    // glued on; read the chain once more without it.
    if (rows.length > 1) appendWindow(b, text, left, rows.slice(0, -1));
    // The wrapped token may also start its own line: read the chain without the line before.
    const own = chainFrom(text, nl + 1).rows;
    if (own.length > 1) {
      appendWindow(b, text, undefined, own);
      if (own.length > 2) appendWindow(b, text, undefined, own.slice(0, -1));
    }
    // the break after the last row taken may qualify too: look at it next
    nl = Math.max(nextNl, own.length > 1 ? text.indexOf('\n', own[own.length - 1]![0]) : -1);
  }
  if (b.windowStarts.length === 0) return undefined;
  return new WrapView(
    b.parts.join(''),
    parent,
    b.map,
    b.windowStarts,
    b.windowEnds,
    b.junctions,
    b.wide,
  );
}
