import { isBuiltinKind } from '../kinds.js';
import type { SegmentMap } from './segments.js';
import type { View } from './view.js';

// `NAME=` (three or more capitals, as .env files write them) or `name: ` right after a break
// starts a new statement, not the rest of a value: `API_KEY=…<break>NEXT_VAR=1`.
const STATEMENT =
  /(?:export[ \t]+)?(?:[A-Z_][A-Z0-9_]{2,}=(?=[^\s='"`;,)\]}])|[A-Za-z_][\w.-]*:[ \t]|[A-Za-z_][\w.-]*:$)/y;

/** A terminal wraps lines at its width; a shorter line before a break is an ordinary line end. */
export const WRAP_MIN_WIDTH = 40;

// Kinds with an unmistakable shape (a prefix, PEM armour, three base64url parts): joining two
// lines cannot produce one by accident, so any break they cross counts.
const HEURISTIC =
  /-assignment$|^(?:bearer-token|basic-auth|url-credentials|db-connection-string|email|hostname|home-dir|user-name)$/;

function isHeuristicKind(kind: string): boolean {
  return HEURISTIC.test(kind) || !isBuiltinKind(kind);
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

// `the` + `@app.route` is a line end, not a wrapped address
const PERSONAL = new Set(['email', 'hostname', 'home-dir', 'user-name']);

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

/** Windows around line breaks that may split a token, joined so that wrapped keys read whole. */
export class WrapView implements View {
  constructor(
    readonly text: string,
    private readonly parent: View,
    private readonly map: SegmentMap,
    private readonly windowStarts: readonly number[],
    private readonly windowEnds: readonly number[],
    private readonly junctions: readonly number[],
    private readonly wide: readonly boolean[],
  ) {}

  toRaw(start: number, end: number): readonly [number, number] {
    return this.parent.toRaw(this.map.start(start), this.map.end(end - 1));
  }

  /** True when `[start, end)` sits between two equal quotes: nothing inside starts a statement. */
  private isQuoted(start: number, end: number): boolean {
    const q = this.text.charCodeAt(start - 1);
    return (q === 34 || q === 39 || q === 96) && this.text.charCodeAt(end) === q;
  }

  /**
   * Keeps only findings that cross a removed break inside one window (the rest the parent saw).
   * Heuristic kinds need a break after a line as wide as a terminal, and not before `NAME=`.
   */
  keep(start: number, end: number, kind: string): boolean {
    const w = firstAtOrAfter(this.windowStarts, start + 1) - 1;
    if (w < 0 || end > this.windowEnds[w]!) return false;
    const heuristic = isHeuristicKind(kind);
    for (
      let j = firstAtOrAfter(this.junctions, start + 1);
      j < this.junctions.length && this.junctions[j]! < end;
      j++
    ) {
      if (!heuristic) return true;
      const at = this.junctions[j]!;
      if (!this.wide[j]) continue;
      if (
        PERSONAL.has(kind) &&
        !(isAlnum(this.text.charCodeAt(at - 1)) && isAlnum(this.text.charCodeAt(at)))
      )
        continue;
      if (!kind.endsWith('-assignment') || this.isQuoted(start, end)) return true;
      STATEMENT.lastIndex = at;
      if (!STATEMENT.test(this.text)) return true;
    }
    return false;
  }
}
