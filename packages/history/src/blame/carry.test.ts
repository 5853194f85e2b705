import { diffArrays } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carry } from './carry.js';
import type { LineAttr, Origin } from './origin.js';
import { lineCount, splitLines } from './text.js';

const human: Origin = { kind: 'human', inferred: false };
const tool: Origin = { kind: 'tool', tool: 'Edit', inferred: false };

function numbered(text: string): LineAttr[] {
  return splitLines(text).map((_, i) => ({
    origin: { kind: 'before', inferred: false, ts: String(i) },
    line: i + 1,
  }));
}

const lineArb = fc.constantFrom('a\n', 'b\n', 'c\n', '\n', '}\n', 'a', 'b', 'x y\n', '\r\n');
const textArb = fc.array(lineArb, { maxLength: 30 }).map((ls) => ls.join(''));

describe('carry', () => {
  it('keeps the attribution of lines an edit moves', () => {
    const before = 'one\ntwo\nthree\nfour\n}\n';
    const after = 'three\nfour\n}\none\ntwo\nfive\n}\n';
    const attrs = carry(before, numbered(before), after, tool);
    expect(attrs.map((a) => (a.origin === tool ? 'tool' : a.origin.ts))).toEqual([
      '2',
      '3',
      'tool',
      '0',
      '1',
      'tool',
      '4',
    ]);
  });

  it('charges only the changed line of a large file', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i}\n`);
    const before = lines.join('');
    lines[5000] = 'changed\n';
    const attrs = carry(before, numbered(before), lines.join(''), tool);
    expect(attrs).toHaveLength(10_000);
    expect(attrs.filter((a) => a.origin === tool).map((a) => a.line)).toEqual([5001]);
  });

  it('treats a lost final newline as a change of the last line', () => {
    const attrs = carry('a\nb\n', numbered('a\nb\n'), 'a\nb', human);
    expect(attrs.map((a) => a.origin.kind)).toEqual(['before', 'human']);
  });

  it('keeps as many lines as a full line diff, each equal to its source line', () => {
    fc.assert(
      fc.property(textArb, textArb, (a, b) => {
        const old = splitLines(a);
        const next = splitLines(b);
        const attrs = carry(a, numbered(a), b, tool);
        expect(attrs).toHaveLength(lineCount(b));
        const used = new Set<number>();
        let kept = 0;
        attrs.forEach((attr, j) => {
          if (attr.origin === tool) return;
          const i = Number(attr.origin.ts);
          expect(old[i]).toBe(next[j]);
          expect(used.has(i)).toBe(false);
          used.add(i);
          kept++;
        });
        const lcs = diffArrays(old, next)
          .filter((p) => !p.added && !p.removed)
          .reduce((n, p) => n + p.value.length, 0);
        expect(kept).toBeGreaterThanOrEqual(lcs);
      }),
      { numRuns: 500 },
    );
  });
});
