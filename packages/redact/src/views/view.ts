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
    /** Parent index of the first code unit that produced each character (length text.length). */
    private readonly starts: Int32Array,
    /** Parent index after the last code unit that produced each character. */
    private readonly ends: Int32Array,
  ) {}

  toRaw(start: number, end: number): readonly [number, number] {
    return this.parent.toRaw(this.starts[start]!, this.ends[end - 1]!);
  }

  keep(): boolean {
    return true;
  }
}
