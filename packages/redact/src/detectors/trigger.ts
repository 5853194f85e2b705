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
  private readonly automaton: Automaton | undefined;
  private readonly anchors: readonly Anchor[];
  private readonly always: number[] = [];
  private readonly gated: number[] = [];
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
    this.anchors = anchors;
    this.active = new Uint8Array(detectors.length);
    this.automaton = anchors.length ? new Automaton(anchors.map((a) => a.literal)) : undefined;
  }

  /** Scans `text` once; detectors without anchors are always active. */
  scan(text: string): Triggered {
    const { active, hits, anchors } = this;
    active.fill(0);
    hits.length = 0;
    for (const d of this.always) active[d] = 1;
    let sorted = true;
    this.automaton?.scan(text, (p, at) => {
      const a = anchors[p]!;
      if (!a.ignoreCase && !text.startsWith(a.literal, at)) return;
      for (const d of a.detectors) active[d] = 1;
      const last = hits.length ? hits[hits.length - 1]! : -1;
      if (at === last) return;
      if (at < last) sorted = false;
      hits.push(at);
    });
    if (!sorted) hits.sort((x, y) => x - y);
    for (const d of this.gated) if (active[d] && !this.detectors[d]!.gate!(text)) active[d] = 0;
    return { active, hits };
  }
}
