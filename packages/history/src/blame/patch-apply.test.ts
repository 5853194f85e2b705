import { unifiedDiff } from '@trail/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from './engine.js';
import type { LineAttr, Origin } from './origin.js';
import { applyPatchLines, parseHunks } from './patch-apply.js';
import { splitLines } from './text.js';

const tool: Origin = { kind: 'tool', inferred: false };
const numbered = (lines: string[]): LineAttr[] =>
  lines.map((_, i) => ({
    origin: { kind: 'before', ts: String(i), inferred: false },
    line: i + 1,
  }));

describe('applying recorded patches', () => {
  it('applies every hunk of a patch, and only lines it adds are charged', () => {
    const before = Array.from({ length: 40 }, (_, i) => `line ${i}\n`);
    const after = [...before];
    after[3] = 'changed 3\n';
    after.splice(30, 0, 'inserted\n');
    const hunks = parseHunks(unifiedDiff('f', before.join(''), after.join('')))!;
    expect(hunks).toHaveLength(2);
    const lines = [...before];
    const attrs = numbered(before);
    expect(applyPatchLines(lines, attrs, hunks, tool)).toBe(true);
    expect(lines.join('')).toBe(after.join(''));
    expect(attrs.flatMap((a, i) => (a.origin === tool ? [i] : []))).toEqual([3, 30]);
  });

  it('handles a missing newline at the end of the file', () => {
    const hunks = parseHunks(unifiedDiff('f', 'a\nb', 'a\nb\nc'))!;
    const lines = ['a\n', 'b'];
    expect(applyPatchLines(lines, numbered(lines), hunks, tool)).toBe(true);
    expect(lines).toEqual(['a\n', 'b\n', 'c']);
  });

  it('refuses a patch whose context does not match', () => {
    const hunks = parseHunks(unifiedDiff('f', 'a\nb\nc\n', 'a\nB\nc\n'))!;
    const lines = ['a\n', 'x\n', 'c\n'];
    expect(applyPatchLines(lines, numbered(lines), hunks, tool)).toBe(false);
    expect(lines).toEqual(['a\n', 'x\n', 'c\n']);
  });

  it('reproduces the content after, for any edit', () => {
    const text = fc
      .array(fc.constantFrom('a\n', 'b\n', 'c\n', '\n', 'd'), { maxLength: 25 })
      .map((l) => l.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const lines = splitLines(a);
        const hunks = parseHunks(unifiedDiff('f', a, b)) ?? [];
        expect(applyPatchLines(lines, numbered(lines), hunks, tool)).toBe(true);
        expect(lines.join('')).toBe(b);
      }),
      { numRuns: 400 },
    );
  });

  it('reads neither before nor after when the state is known to be at before', () => {
    const reads: string[] = [];
    const blob = (key: string, text: string) => ({ key, read: () => (reads.push(key), text) });
    const human: Origin = { kind: 'human', inferred: false };
    const s = replay([
      {
        kind: 'edit',
        before: blob('b0', 'x\n'),
        after: blob('b1', 'x\ny\n'),
        patch: unifiedDiff('f', 'x\n', 'x\ny\n'),
        origin: tool,
        gap: human,
        baseline: human,
      },
      {
        kind: 'edit',
        before: blob('b1', 'x\ny\n'),
        after: blob('b2', 'x\ny\nz\n'),
        patch: unifiedDiff('f', 'x\ny\n', 'x\ny\nz\n'),
        origin: tool,
        gap: human,
        baseline: human,
      },
    ]);
    expect(s.text()).toBe('x\ny\nz\n');
    expect(reads).toEqual(['b0']);
  });
});
