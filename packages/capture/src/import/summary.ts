/** A line or file an importer could not use: where, and why. */
export interface Problem {
  file: string;
  line: number;
  reason: string;
}

/** What an import did; the CLI prints it as one line (and each problem as file:line). */
export interface ImportSummary {
  agent: string;
  root: string;
  /** Transcript files (or sets) found. */
  files: number;
  /** Files skipped because they had not changed since the last import. */
  unchanged: number;
  sessions: number;
  newSessions: number;
  /** Events added (0 on a re-import of the same history). */
  events: number;
  lines: number;
  bytes: number;
  problems: Problem[];
}

/** Progress callback: files done, files total, current file. */
export type ImportProgress = (done: number, total: number, file: string) => void;
