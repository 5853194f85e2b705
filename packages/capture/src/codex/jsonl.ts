import type { ProblemLog } from './problem.js';

/** One parsed JSONL line. */
export interface JsonLine {
  /** 1-based line number in the file. */
  line: number;
  /** The line as written (for unknown records, kept verbatim). */
  raw: string;
  value: Record<string, unknown>;
}

/** Splits a text into lines, dropping a trailing `\r` from each. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/**
 * Parses JSON lines tolerantly: blank lines are skipped, a line that is not a JSON object
 * becomes a problem naming the line, and a bad last line is reported as truncated (the
 * agent may still be appending to the file). Nothing throws.
 */
export function parseJsonLines(
  lines: readonly string[],
  log: ProblemLog,
  complete = false,
): JsonLine[] {
  let last = lines.length - 1;
  while (last >= 0 && lines[last]!.trim() === '') last--;
  const out: JsonLine[] = [];
  for (let i = 0; i <= last; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      if (i === last && !complete)
        log.add(i + 1, `truncated last line (the file may still be being written): ${why}`);
      else log.add(i + 1, `not valid JSON, line skipped: ${why}`);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      log.add(i + 1, 'not a JSON object, line skipped');
      continue;
    }
    out.push({ line: i + 1, raw, value: value as Record<string, unknown> });
  }
  return out;
}
