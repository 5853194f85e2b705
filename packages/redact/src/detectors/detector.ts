/** Receives one finding, in the coordinates of the text the detector was given. */
export type Emit = (kind: string, start: number, end: number) => void;

/** One way of finding secrets in a text; stateless, so one instance serves every scan. */
export interface Detector {
  /** Stable name, for tests and profiling. */
  readonly id: string;
  /** Literals (case-sensitive) one of which every match contains; none: always runs. */
  readonly anchors?: readonly string[];
  /** Literals matched case-insensitively, with the same meaning as `anchors`. */
  readonly anchorsIgnoringCase?: readonly string[];
  /** A cheap extra precondition checked after the anchors. */
  readonly gate?: (text: string) => boolean;
  /** Reports every finding in `text`; `hits` are the positions where any anchor matched. */
  detect(text: string, emit: Emit, hits: readonly number[]): void;
}
