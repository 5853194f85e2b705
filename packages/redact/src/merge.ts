import { kindRank } from './kinds.js';

/** A finding before masking: kind and half-open range in the scanned text. */
export interface Span {
  kind: string;
  start: number;
  end: number;
}

/**
 * Sorts spans and merges overlapping ones into their union, which takes the most specific
 * kind (see `BUILTIN_KINDS`). Touching spans stay separate.
 */
export function mergeSpans(spans: Span[]): Span[] {
  if (spans.length <= 1) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let cur = { ...spans[0]! };
  for (let i = 1; i < spans.length; i++) {
    const s = spans[i]!;
    if (s.start < cur.end) {
      if (s.end > cur.end) cur.end = s.end;
      if (kindRank(s.kind) < kindRank(cur.kind)) cur.kind = s.kind;
    } else {
      out.push(cur);
      cur = { ...s };
    }
  }
  out.push(cur);
  return out;
}

const PLACEHOLDER = /\[REDACTED:[a-z0-9][a-z0-9-]*\]|\[USER\]/g;

/** Ranges of placeholders already in `text`, so that a second pass leaves them alone. */
export function placeholderRanges(text: string): Span[] {
  if (!text.includes('[REDACTED:') && !text.includes('[USER]')) return [];
  const out: Span[] = [];
  PLACEHOLDER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PLACEHOLDER.exec(text)) !== null)
    out.push({ kind: '', start: m.index, end: m.index + m[0].length });
  return out;
}

/** Drops spans that lie wholly inside one of `ranges` (sorted, disjoint); linear after sorting. */
export function dropInside(spans: Span[], ranges: readonly Span[]): Span[] {
  if (ranges.length === 0) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let j = 0;
  for (const s of spans) {
    while (j < ranges.length && ranges[j]!.end <= s.start) j++;
    const r = ranges[j];
    if (!(r && s.start >= r.start && s.end <= r.end)) out.push(s);
  }
  return out;
}
