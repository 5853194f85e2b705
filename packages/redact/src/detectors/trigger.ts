import type { Detector } from './detector.js';

interface Anchor {
  readonly literal: string;
  readonly ignoreCase: boolean;
  readonly detectors: number[];
}

function escape(ch: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(ch) ? `\\${ch}` : ch;
}

function token(ch: string, ignoreCase: boolean): string {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return ignoreCase && lower !== upper ? `[${lower}${upper}]` : escape(ch);
}

interface TrieNode {
  end: boolean;
  readonly next: Map<string, TrieNode>;
}

function source(node: TrieNode): string {
  const alternatives = [...node.next].map(([tok, child]) => tok + source(child));
  if (alternatives.length === 0) return '';
  const body = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
  return node.end ? `(?:${body})?` : body;
}

/** A regex source matching any of the anchors, shaped as a trie so V8 tests few branches per position. */
export function trieSource(anchors: readonly { literal: string; ignoreCase: boolean }[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const a of anchors) {
    let node = root;
    for (const ch of a.literal) {
      const tok = token(ch, a.ignoreCase);
      let child = node.next.get(tok);
      if (!child) node.next.set(tok, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return source(root);
}

/** What one pass of the anchor regex found: which detectors to run and where anchors matched. */
export interface Triggered {
  /** 1 for each detector to run; valid until the next `scan`. */
  readonly active: Uint8Array;
  /** Positions where an anchor matched, ascending; valid until the next `scan`. */
  readonly hits: readonly number[];
}

/**
 * Finds, in one pass, which detectors can possibly match a text. Running forty-odd rule
 * regexes over every string is what makes naive redaction slow; most strings trigger none.
 *
 * The pass uses one case-insensitive trie of every anchor, so at any position it returns the
 * longest anchor there; every other anchor matching at that position is a prefix of it and is
 * found from a table, then case-sensitive anchors are confirmed exactly.
 */
export class Trigger {
  private readonly regex: RegExp | undefined;
  private readonly anchors: readonly Anchor[];
  private readonly always: number[] = [];
  private readonly gated: number[] = [];
  private readonly prefixes = new Map<string, readonly Anchor[]>();
  private readonly active: Uint8Array;
  private readonly hits: number[] = [];

  constructor(private readonly detectors: readonly Detector[]) {
    const anchors: Anchor[] = [];
    const add = (literal: string, ignoreCase: boolean, d: number): void => {
      const existing = anchors.find((a) => a.literal === literal && a.ignoreCase === ignoreCase);
      if (existing) existing.detectors.push(d);
      else anchors.push({ literal, ignoreCase, detectors: [d] });
    };
    detectors.forEach((det, d) => {
      const cs = det.anchors ?? [];
      const ci = det.anchorsIgnoringCase ?? [];
      if (cs.length === 0 && ci.length === 0) this.always.push(d);
      for (const a of cs) add(a, false, d);
      for (const a of ci) add(a, true, d);
    });
    this.anchors = anchors;
    detectors.forEach((det, d) => det.gate && this.gated.push(d));
    this.active = new Uint8Array(detectors.length);
    const folded = [...new Set(anchors.map((a) => a.literal.toLowerCase()))];
    // literal trie under the `i` flag: measured faster than a trie of `[kK]`-style classes
    this.regex = folded.length
      ? new RegExp(trieSource(folded.map((literal) => ({ literal, ignoreCase: false }))), 'gi')
      : undefined;
  }

  /** Anchors whose folded literal is a prefix of the folded match `m`. */
  private candidates(m: string): readonly Anchor[] {
    let list = this.prefixes.get(m);
    if (!list) {
      const lower = m.toLowerCase();
      list = this.anchors.filter((a) => lower.startsWith(a.literal.toLowerCase()));
      if (this.prefixes.size > 4096) this.prefixes.clear();
      this.prefixes.set(m, list);
    }
    return list;
  }

  /** Scans `text` once; detectors without anchors are always active. */
  scan(text: string): Triggered {
    const { active, hits } = this;
    active.fill(0);
    hits.length = 0;
    for (const d of this.always) active[d] = 1;
    const re = this.regex;
    if (re) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const at = m.index;
        hits.push(at);
        for (const a of this.candidates(m[0])) {
          if (a.ignoreCase || text.startsWith(a.literal, at))
            for (const d of a.detectors) active[d] = 1;
        }
        // anchors may overlap (`xoxb-` right after `_authToken=`): resume one past the start
        re.lastIndex = at + 1;
      }
    }
    for (const d of this.gated) if (active[d] && !this.detectors[d]!.gate!(text)) active[d] = 0;
    return { active, hits };
  }
}
