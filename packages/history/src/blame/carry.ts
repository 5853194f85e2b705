import { diffArrays, type ChangeObject } from 'diff';
import type { LineAttr, Origin } from './origin.js';
import { commonPrefix, commonSuffix, lineCount, splitLines } from './text.js';

/**
 * Carries line attributions from one version of a file to the next. Lines the new version
 * keeps (by a line diff) keep their attribution wherever other edits shift them, and so do
 * lines moved as they are (see removedLines); lines it adds are charged to `origin`. Only the region between the common prefix and suffix is diffed, so
 * a small edit to a large file costs little more than comparing the two strings.
 */
export function carry(
  oldText: string,
  oldAttrs: readonly LineAttr[],
  newText: string,
  origin: Origin,
): LineAttr[] {
  if (oldText === newText) return oldAttrs as LineAttr[];
  // Common whole lines at the start...
  const p = commonPrefix(oldText, newText);
  const head = p === 0 ? 0 : oldText.lastIndexOf('\n', p - 1) + 1;
  // ...and at the end, not overlapping the start, beginning on a line start in both.
  const s = commonSuffix(oldText, newText, Math.min(oldText.length, newText.length) - head);
  const delta = newText.length - oldText.length;
  let tailA = oldText.length - s;
  if (!(isLineStart(oldText, tailA) && isLineStart(newText, tailA + delta))) {
    const nl = oldText.indexOf('\n', tailA);
    tailA = nl < 0 ? oldText.length : nl + 1;
  }
  if (tailA < head) tailA = head;
  const tailB = tailA + delta;
  const headLines = lineCount(oldText, 0, head);
  const tailLines = lineCount(oldText, tailA);
  const out: LineAttr[] = oldAttrs.slice(0, headLines);
  const oldMid = splitLines(oldText.slice(head, tailA));
  const newMid = splitLines(newText.slice(head, tailB));
  const parts = diffArrays(oldMid, newMid);
  const moved = removedLines(parts, oldAttrs, headLines);
  let oi = headLines;
  let ni = headLines;
  for (const part of parts) {
    const n = part.value.length;
    if (part.added) {
      for (const line of part.value) {
        ni++;
        out.push(moved.get(line)?.shift() ?? { origin, line: ni });
      }
    } else if (part.removed) {
      oi += n;
    } else {
      for (let k = 0; k < n; k++) out.push(oldAttrs[oi++]!);
      ni += n;
    }
  }
  for (let k = oldAttrs.length - tailLines; k < oldAttrs.length; k++) out.push(oldAttrs[k]!);
  return out;
}

/**
 * Removed lines that could reappear elsewhere: a line the edit removes in one place and
 * adds in another was moved, and keeps its attribution (like `git blame -M`). Only lines
 * with some substance qualify, so a moved brace or blank line borrows nothing.
 */
function removedLines(
  parts: ChangeObject<string[]>[],
  oldAttrs: readonly LineAttr[],
  start: number,
): Map<string, LineAttr[]> {
  const moved = new Map<string, LineAttr[]>();
  let oi = start;
  for (const part of parts) {
    if (part.added) continue;
    if (part.removed) {
      for (const line of part.value) {
        const attr = oldAttrs[oi++]!;
        if (!MOVABLE.test(line)) continue;
        const list = moved.get(line);
        if (list) list.push(attr);
        else moved.set(line, [attr]);
      }
    } else oi += part.value.length;
  }
  return moved;
}

/** A line worth tracking across a move: three or more word characters. */
export const MOVABLE = /\w.*\w.*\w/;

function isLineStart(text: string, i: number): boolean {
  return i === 0 || text.charCodeAt(i - 1) === 10;
}

/** Attributes every line of a text to one origin. */
export function attributeAll(text: string, origin: Origin): LineAttr[] {
  const n = lineCount(text);
  const out: LineAttr[] = new Array<LineAttr>(n);
  for (let i = 0; i < n; i++) out[i] = { origin, line: i + 1 };
  return out;
}
