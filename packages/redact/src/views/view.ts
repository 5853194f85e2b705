import type { SegmentMap } from './segments.js';

/** A text derived from the scanned text, with a way back to the original's indices. */
export interface View {
  /** The text the detectors run over. */
  readonly text: string;
  /** Maps a half-open range of `text` to the scanned text. */
  toRaw(start: number, end: number): readonly [number, number];
  /** False when a finding over `[start, end)` is not new in this view and should be dropped. */
  keep(start: number, end: number, kind: string): boolean;
}

/** The scanned text itself. */
export function rawView(text: string): View {
  return { text, toRaw: (start, end) => [start, end], keep: () => true };
}

/** A view whose characters each come from a contiguous range of a parent view. */
export class MappedView implements View {
  constructor(
    readonly text: string,
    private readonly parent: View,
    private readonly map: SegmentMap,
  ) {}

  toRaw(start: number, end: number): readonly [number, number] {
    return this.parent.toRaw(this.map.start(start), this.map.end(end - 1));
  }

  keep(): boolean {
    return true;
  }
}
