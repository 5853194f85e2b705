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
  readonly active: Uint8Array;
  readonly hits: readonly number[];
}

/**
 * Finds, in one pass, which detectors can possibly match a text. Running thirty-odd rule
 * regexes over every string is what makes naive redaction slow; most strings trigger none.
 */
export class Trigger {
  private readonly regex: RegExp | undefined;
  private readonly byFirst = new Map<string, Anchor[]>();
  private readonly always: number[] = [];

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
    for (const a of anchors) {
      const firsts = a.ignoreCase
        ? new Set([a.literal[0]!.toLowerCase(), a.literal[0]!.toUpperCase()])
        : [a.literal[0]!];
      for (const f of firsts) {
        const list = this.byFirst.get(f) ?? [];
        list.push(a);
        this.byFirst.set(f, list);
      }
    }
    this.regex = anchors.length > 0 ? new RegExp(trieSource(anchors), 'g') : undefined;
  }

  /** Scans `text` once; detectors without anchors are always active. */
  scan(text: string): Triggered {
    const active = new Uint8Array(this.detectors.length);
    for (const d of this.always) active[d] = 1;
    const hits: number[] = [];
    const re = this.regex;
    if (re) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const at = m.index;
        hits.push(at);
        // every anchor starting here, not only the branch the regex took
        for (const a of this.byFirst.get(text[at]!) ?? []) {
          const matches = a.ignoreCase
            ? text.slice(at, at + a.literal.length).toLowerCase() === a.literal.toLowerCase()
            : text.startsWith(a.literal, at);
          if (matches) for (const d of a.detectors) active[d] = 1;
        }
        // anchors may overlap ("xoxb-" inside "_authToken xoxb-"…): resume one past the start
        re.lastIndex = at + 1;
      }
    }
    for (let d = 0; d < active.length; d++) {
      const gate = this.detectors[d]!.gate;
      if (active[d] && gate && !gate(text)) active[d] = 0;
    }
    return { active, hits };
  }
}
