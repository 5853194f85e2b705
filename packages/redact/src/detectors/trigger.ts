import { Automaton } from './automaton.js';
import type { Detector } from './detector.js';

interface Anchor {
  readonly literal: string;
  readonly ignoreCase: boolean;
  readonly detectors: number[];
}

/** What one pass over a text found: which detectors to run and where anchors matched. */
export interface Triggered {
  /** 1 for each detector to run; valid until the next `scan`. */
  readonly active: Uint8Array;
  /** Positions where an anchor matched, ascending; valid until the next `scan`. */
  readonly hits: readonly number[];
}

/**
 * Texts up to this long are scanned anchor by anchor instead of through the automaton, for
 * the first few dozen texts: a command that redacts a handful of snippets never builds the
 * automaton, one that redacts thousands builds it early.
 */
const SHORT_TEXT = 256;
const SHORT_SCANS = 64;

/** ASCII letters to lower case, nothing else (so positions stay those of the original). */
function foldAscii(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * Finds, in one pass, which detectors can possibly match a text. Running forty-odd rule
 * regexes over every string is what makes naive redaction slow; most strings trigger none.
 * Case-insensitive matching finds every anchor; case-sensitive ones are then confirmed exactly.
 */
export class Trigger {
  #automaton: Automaton | undefined;
  #shortScans = 0;
  private readonly anchors: readonly Anchor[];
  /** Each anchor folded to lower case, for the short-text scan. */
  private readonly folded: readonly string[];
  private readonly always: number[] = [];
  private readonly gated: number[] = [];
  private readonly active: Uint8Array;
  private readonly hits: number[] = [];

  constructor(private readonly detectors: readonly Detector[]) {
    const byLiteral = new Map<string, Anchor>();
    const add = (literal: string, ignoreCase: boolean, d: number): void => {
      const key = `${ignoreCase ? 'i' : 's'}${literal}`;
      const existing = byLiteral.get(key);
      if (existing) existing.detectors.push(d);
      else byLiteral.set(key, { literal, ignoreCase, detectors: [d] });
    };
    detectors.forEach((det, d) => {
      const all = [...(det.anchors ?? []), ...(det.anchorsIgnoringCase ?? [])];
      // a detector with no anchors, or with one the ASCII automaton cannot hold, always runs
      if (all.length === 0 || !all.every(isAscii)) {
        this.always.push(d);
        return;
      }
      for (const a of det.anchors ?? []) add(a, false, d);
      for (const a of det.anchorsIgnoringCase ?? []) add(a, true, d);
      if (det.gate) this.gated.push(d);
    });
    for (const d of this.always) if (detectors[d]!.gate) this.gated.push(d);
    this.anchors = [...byLiteral.values()];
    this.folded = this.anchors.map((a) => foldAscii(a.literal));
    this.active = new Uint8Array(detectors.length);
  }

  /**
   * Where anchors start in `text`, each reported as `found(anchor, start)`: through the
   * automaton, built on the first long text or after a few dozen short ones (building it is
   * most of what creating a redactor costs, and a read command that redacts twenty snippets
   * never needs it), or for a short text by looking for each anchor in turn. Both report every occurrence, overlapping ones
   * included.
   */
  #find(text: string, found: (anchor: number, start: number) => void): void {
    if (this.anchors.length === 0) return;
    if (text.length > SHORT_TEXT || this.#automaton || ++this.#shortScans > SHORT_SCANS) {
      this.#automaton ??= new Automaton(this.anchors.map((a) => a.literal));
      this.#automaton.scan(text, found);
      return;
    }
    const lower = foldAscii(text);
    this.folded.forEach((literal, p) => {
      for (let at = lower.indexOf(literal); at !== -1; at = lower.indexOf(literal, at + 1))
        found(p, at);
    });
  }

  /** Scans `text` once; detectors without anchors are always active. */
  scan(text: string): Triggered {
    const { active, hits, anchors } = this;
    active.fill(0);
    hits.length = 0;
    for (const d of this.always) active[d] = 1;
    let sorted = true;
    this.#find(text, (p, at) => {
      const a = anchors[p]!;
      if (!a.ignoreCase && !text.startsWith(a.literal, at)) return;
      for (const d of a.detectors) active[d] = 1;
      const last = hits.length ? hits[hits.length - 1]! : -1;
      if (at === last) return;
      if (at < last) sorted = false;
      hits.push(at);
    });
    if (!sorted) {
      hits.sort((x, y) => x - y);
      let w = 0;
      for (let r = 0; r < hits.length; r++)
        if (r === 0 || hits[r] !== hits[w - 1]) hits[w++] = hits[r]!;
      hits.length = w;
    }
    for (const d of this.gated) if (active[d] && !this.detectors[d]!.gate!(text)) active[d] = 0;
    return { active, hits };
  }
}
