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
