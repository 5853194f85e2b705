import type { View } from './view.js';

/** Characters of context kept on each side of a line break. */
const CONTEXT = 160;
/** Longest run of wrapped single-token lines followed (a 16 KiB key at 64 columns). */
const MAX_CHAIN = 256;
const MAX_TOKEN_LINE = 4096;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

function isSingleToken(text: string, from: number, to: number): boolean {
  if (to <= from || to - from > MAX_TOKEN_LINE) return false;
  for (let i = from; i < to; i++) if (isSpace(text.charCodeAt(i))) return false;
  return true;
}

// `NAME=` or `name:` right after a break starts a new statement, not the rest of a value.
const STATEMENT = /(?:export[ \t]+)?[A-Za-z_][\w.-]*[ \t]*(?:=|:[ \t]|:$)/y;

/** True for kinds that come from `name = value` heuristics rather than a known token shape. */
function isAssignmentKind(kind: string): boolean {
  return kind.endsWith('-assignment');
}

class Builder {
  readonly parts: string[] = [];
  idx = new Int32Array(1024);
  length = 0;
  readonly windowStarts: number[] = [];
  readonly windowEnds: number[] = [];
  readonly junctions: number[] = [];

  append(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(text.slice(from, to));
    this.reserve(to - from);
    for (let k = from; k < to; k++) this.idx[this.length++] = k;
  }

  separate(at: number): void {
    this.parts.push('\n\n');
    this.reserve(2);
    this.idx[this.length++] = at;
    this.idx[this.length++] = at;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.idx.length) return;
    const next = new Int32Array(Math.max(this.idx.length * 2, this.length + extra));
    next.set(this.idx.subarray(0, this.length));
    this.idx = next;
  }
}

function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Line breaks that may split a token, removed so that wrapped keys read whole again. */
export class WrapView implements View {
  constructor(
    readonly text: string,
    private readonly parent: View,
    private readonly idx: Int32Array,
    private readonly windowStarts: readonly number[],
    private readonly windowEnds: readonly number[],
    private readonly junctions: readonly number[],
  ) {}

  toRaw(start: number, end: number): readonly [number, number] {
    return this.parent.toRaw(this.idx[start]!, this.idx[end - 1]! + 1);
  }

  /** Keeps only findings that cross a removed break inside one window: the rest the parent saw. */
  keep(start: number, end: number, kind: string): boolean {
    const w = firstAtOrAfter(this.windowStarts, start + 1) - 1;
    if (w < 0 || end > this.windowEnds[w]!) return false;
    let j = firstAtOrAfter(this.junctions, start + 1);
    for (; j < this.junctions.length && this.junctions[j]! < end; j++) {
      const at = this.junctions[j]!;
      if (!isAssignmentKind(kind)) return true;
      STATEMENT.lastIndex = at;
      if (!STATEMENT.test(this.text)) return true;
    }
    return false;
  }
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
      !isSpace(text.charCodeAt(leftEnd - 1)) &&
      !isSpace(text.charCodeAt(nl + 1));
    if (!qualifies) {
      nl = text.indexOf('\n', nl + 1);
      continue;
    }
    const lineStart = text.lastIndexOf('\n', leftEnd - 1) + 1;
    if (b.length > 0) b.separate(leftEnd);
    b.windowStarts.push(b.length);
    b.append(text, Math.max(lineStart, leftEnd - CONTEXT), leftEnd);
    b.junctions.push(b.length);
    let pos = nl + 1;
    let nextNl = -1;
    for (let chain = 0; ; chain++) {
      nextNl = text.indexOf('\n', pos);
      const lineEnd = nextNl === -1 ? text.length : nextNl;
      const contentEnd =
        lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      const continues =
        chain < MAX_CHAIN &&
        nextNl !== -1 &&
        nextNl + 1 < text.length &&
        !isSpace(text.charCodeAt(nextNl + 1)) &&
        isSingleToken(text, pos, contentEnd);
      if (!continues) {
        b.append(text, pos, Math.min(contentEnd, pos + CONTEXT));
        break;
      }
      b.append(text, pos, contentEnd);
      b.junctions.push(b.length);
      pos = nextNl + 1;
    }
    b.windowEnds.push(b.length);
    // the break after the last line taken may qualify too: look at it next
    nl = nextNl;
  }
  if (b.windowStarts.length === 0) return undefined;
  return new WrapView(
    b.parts.join(''),
    parent,
    b.idx.subarray(0, b.length),
    b.windowStarts,
    b.windowEnds,
    b.junctions,
  );
}
