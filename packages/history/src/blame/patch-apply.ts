import type { LineAttr, Origin } from './origin.js';
import { MOVABLE } from './carry.js';

interface Hunk {
  oldStart: number;
  oldLines: number;
  /** Hunk body lines: ' ', '-' or '+' then the line with its terminator restored. */
  body: { op: ' ' | '-' | '+'; line: string }[];
}

/** Parses the hunks of a one-file unified diff; undefined when it is not one. */
export function parseHunks(patch: string): Hunk[] | undefined {
  const hunks: Hunk[] = [];
  const raw = patch.split('\n');
  let cur: Hunk | undefined;
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i]!;
    const head = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(l);
    if (head) {
      cur = {
        oldStart: Number(head[1]),
        oldLines: head[2] === undefined ? 1 : Number(head[2]),
        body: [],
      };
      hunks.push(cur);
      continue;
    }
    if (!cur) continue; // headers before the first hunk
    const op = l[0];
    if (op === '\\') {
      // "\ No newline at end of file": the previous line has no terminator
      const prev = cur.body[cur.body.length - 1];
      if (prev) prev.line = prev.line.slice(0, -1);
      continue;
    }
    if (op !== ' ' && op !== '-' && op !== '+') {
      if (l === '' && i === raw.length - 1) continue; // the final newline
      return undefined; // not a hunk line: not a patch this can apply
    }
    cur.body.push({ op, line: l.slice(1) + '\n' });
  }
  return hunks.length > 0 ? hunks : undefined;
}

/**
 * Applies a recorded patch, in place, to the lines it was made against, charging added
 * lines to `origin` and keeping every other attribution (moved lines included, as in
 * carry). Every context and removed line must match exactly; otherwise nothing changes,
 * false is returned, and the caller falls back to the full content the step recorded.
 */
export function applyPatchLines(
  lines: string[],
  attrs: LineAttr[],
  hunks: readonly Hunk[],
  origin: Origin,
): boolean {
  const moved = new Map<string, LineAttr[]>();
  let src = 0;
  for (const h of hunks) {
    let at = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    if (at < src || at > lines.length) return false;
    for (const { op, line } of h.body) {
      if (op === '+') continue;
      if (lines[at] !== line) return false;
      if (op === '-' && MOVABLE.test(line)) {
        const list = moved.get(line);
        if (list) list.push(attrs[at]!);
        else moved.set(line, [attrs[at]!]);
      }
      at++;
    }
    src = at;
  }
  // Build each hunk's replacement in order (so added lines get their final numbers)...
  const parts: { start: number; count: number; lines: string[]; attrs: LineAttr[] }[] = [];
  let offset = 0;
  for (const h of hunks) {
    const start = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    const part = { start, count: 0, lines: [] as string[], attrs: [] as LineAttr[] };
    let src = start;
    for (const { op, line } of h.body) {
      if (op === '-') src++;
      else {
        part.lines.push(line);
        part.attrs.push(
          op === ' '
            ? attrs[src++]!
            : (moved.get(line)?.shift() ?? { origin, line: start + offset + part.lines.length }),
        );
      }
    }
    part.count = src - start;
    offset += part.lines.length - part.count;
    parts.push(part);
  }
  // ...then splice them in from the last, so earlier positions stay valid.
  for (let k = parts.length - 1; k >= 0; k--) {
    const p = parts[k]!;
    lines.splice(p.start, p.count, ...p.lines);
    attrs.splice(p.start, p.count, ...p.attrs);
  }
  return true;
}
