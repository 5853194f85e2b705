import type { CapturedSession } from '@trail/model';

/**
 * Something an importer could not use: the file, the 1-based line (0 when the problem is
 * about the file as a whole) and a sentence for people. Importers never throw on bad
 * input; they keep what they can and report the rest here, so nothing is skipped silently.
 */
export interface ImportProblem {
  file: string;
  line: number;
  reason: string;
}

/** What an importer returns for one source file (or database). */
export interface ImportResult<Stats = Record<string, number>> {
  sessions: CapturedSession[];
  problems: ImportProblem[];
  stats: Stats;
}

/** Collects problems for one file, so call sites only say the line and the reason. */
export class ProblemLog {
  readonly problems: ImportProblem[] = [];

  constructor(readonly file: string) {}

  /** Records a problem at a 1-based line (0: the whole file). */
  add(line: number, reason: string): void {
    this.problems.push({ file: this.file, line, reason });
  }
}

/** A one-line description of a caught error, for problem reasons. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return code ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}
