import { describe, expect, test } from 'vitest';
import { applyHunks } from './apply-hunks.js';
import { parseApplyPatch } from './apply-patch.js';
import { KnownFiles, resolveAgentPath } from './known-files.js';
import { patchToChanges } from './patch-changes.js';

describe('parseApplyPatch', () => {
  test('reads add, delete, update with move, anchors and end-of-file markers', () => {
    const parsed = parseApplyPatch(
      [
        '*** Begin Patch',
        '*** Add File: a.txt',
        '+one',
        '+two',
        '*** Delete File: b.txt',
        '*** Update File: c.py',
        '*** Move to: d.py',
        '@@ class Foo:',
        ' def x():',
        '-    return 1',
        '+    return 2',
        '@@',
        '-last',
        '+final',
        '*** End of File',
        '*** End Patch',
        '',
      ].join('\n'),
    );
    expect(parsed.warnings).toEqual([]);
    expect(parsed.files).toEqual([
      { kind: 'add', path: 'a.txt', lines: ['one', 'two'] },
      { kind: 'delete', path: 'b.txt' },
      {
        kind: 'update',
        path: 'c.py',
        moveTo: 'd.py',
        hunks: [
          {
            anchor: 'class Foo:',
            endOfFile: false,
            lines: [
              { op: ' ', text: 'def x():' },
              { op: '-', text: '    return 1' },
              { op: '+', text: '    return 2' },
            ],
          },
          {
            endOfFile: true,
            lines: [
              { op: '-', text: 'last' },
              { op: '+', text: 'final' },
            ],
          },
        ],
      },
    ]);
  });

  test('tolerates padded markers, a first hunk without @@ and blank context lines', () => {
    const parsed = parseApplyPatch(
      '  *** Begin Patch\n*** Update File:  x.ts  \n a\n\n-b\n+c\n   *** End Patch  \n',
    );
    expect(parsed.files).toEqual([
      {
        kind: 'update',
        path: 'x.ts',
        hunks: [
          {
            endOfFile: false,
            lines: [
              { op: ' ', text: 'a' },
              { op: ' ', text: '' },
              { op: '-', text: 'b' },
              { op: '+', text: 'c' },
            ],
          },
        ],
      },
    ]);
  });

  test('keeps unexpected lines as context and says so', () => {
    const parsed = parseApplyPatch(
      '*** Begin Patch\n*** Update File: x\n@@\nstray\n-a\n+b\n*** End Patch',
    );
    expect(parsed.warnings).toEqual(['line 4: unexpected line in Update File kept as context']);
    expect(parsed.files[0]).toMatchObject({
      hunks: [
        {
          lines: [
            { op: ' ', text: 'stray' },
            { op: '-', text: 'a' },
            { op: '+', text: 'b' },
          ],
        },
      ],
    });
  });

  test('text without file operations yields nothing', () => {
    expect(parseApplyPatch('hello').files).toEqual([]);
  });
});

describe('applyHunks', () => {
  const file = 'a\nb\nc\nd\ne\n';
  const hunk = (lines: string[], extra: { anchor?: string; endOfFile?: boolean } = {}) => ({
    lines: lines.map((l) => ({ op: l[0] as ' ' | '-' | '+', text: l.slice(1) })),
    endOfFile: extra.endOfFile ?? false,
    ...(extra.anchor ? { anchor: extra.anchor } : {}),
  });

  test('locates hunks by content, in order', () => {
    expect(applyHunks(file, [hunk([' b', '-c', '+C']), hunk([' d', '+D'])])).toBe(
      'a\nb\nC\nd\nD\ne\n',
    );
  });

  test('falls back to whitespace-insensitive matching', () => {
    expect(applyHunks('x  \n  y\n', [hunk(['-x', '-y', '+z'])])).toBe('z\n');
  });

  test('an anchor moves the search past its line; end of file searches from the end', () => {
    expect(applyHunks('k\nv\nk\nv\n', [hunk(['-v', '+w'], { anchor: 'k', endOfFile: true })])).toBe(
      'k\nv\nk\nw\n',
    );
    expect(applyHunks('f\nx\ng\nx\n', [hunk(['-x', '+y'], { anchor: 'g' })])).toBe('f\nx\ng\ny\n');
  });

  test('pure additions go to the end; an unlocatable hunk gives undefined', () => {
    expect(applyHunks('a\n', [hunk(['+b'])])).toBe('a\nb\n');
    expect(applyHunks(file, [hunk(['-zzz', '+y'])])).toBeUndefined();
  });
});

describe('patchToChanges', () => {
  test('follows a file through add, update and move within one session', () => {
    const known = new KnownFiles();
    const resolve = (p: string) => resolveAgentPath(p, '/repo', '/repo/pkg');
    const add = patchToChanges(
      parseApplyPatch(
        '*** Begin Patch\n*** Add File: m.ts\n+export const a = 1;\n+export const b = 2;\n*** End Patch',
      ),
      resolve,
      known,
    );
    expect(add).toMatchObject([{ path: 'pkg/m.ts', op: 'create', added: 2, removed: 0 }]);
    const move = patchToChanges(
      parseApplyPatch(
        '*** Begin Patch\n*** Update File: m.ts\n*** Move to: n.ts\n@@\n-export const b = 2;\n+export const b = 3;\n*** End Patch',
      ),
      resolve,
      known,
    );
    expect(move).toEqual([
      {
        path: 'pkg/n.ts',
        op: 'rename',
        fromPath: 'pkg/m.ts',
        added: 1,
        removed: 1,
        before: 'export const a = 1;\nexport const b = 2;\n',
        after: 'export const a = 1;\nexport const b = 3;\n',
        patch:
          '--- a/pkg/m.ts\n+++ b/pkg/n.ts\n@@ -1,2 +1,2 @@\n export const a = 1;\n-export const b = 2;\n+export const b = 3;\n',
      },
    ]);
    const del = patchToChanges(
      parseApplyPatch('*** Begin Patch\n*** Delete File: n.ts\n*** End Patch'),
      resolve,
      known,
    );
    expect(del).toMatchObject([
      {
        path: 'pkg/n.ts',
        op: 'delete',
        removed: 2,
        before: 'export const a = 1;\nexport const b = 3;\n',
      },
    ]);
  });
});

describe('resolveAgentPath', () => {
  test('relative to the session cwd when inside it, absolute otherwise', () => {
    expect(resolveAgentPath('src/a.ts', '/r')).toBe('src/a.ts');
    expect(resolveAgentPath('/r/src/a.ts', '/r')).toBe('src/a.ts');
    expect(resolveAgentPath('../other/x', '/r', '/r/sub')).toBe('other/x');
    expect(resolveAgentPath('x', '/r', '/elsewhere')).toBe('/elsewhere/x');
    expect(resolveAgentPath('a.md', '/r', '.codex')).toBe('.codex/a.md');
    expect(resolveAgentPath('src\\a.ts', 'C:\\Users\\me\\r')).toBe('src/a.ts');
    expect(resolveAgentPath('a.txt', undefined)).toBe('a.txt');
  });
});
