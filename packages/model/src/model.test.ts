import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  diffstat,
  hunksToUnified,
  normalizePath,
  normalizeRemote,
  preview,
  projectIdentity,
  relativeTo,
  shardOf,
  stableHash,
  unifiedDiff,
  countLines,
} from './index.js';

describe('normalizeRemote', () => {
  it('gives the same id for the scp, ssh and https spellings of one repository', () => {
    const forms = [
      'git@github.com:acme/widgets.git',
      'ssh://git@github.com/acme/widgets.git',
      'https://github.com/acme/widgets',
      'https://someone:hunter2@GitHub.com/acme/widgets.git/',
      'ssh://git@github.com:22/acme/widgets.git',
    ];
    expect(new Set(forms.map(normalizeRemote))).toEqual(new Set(['github.com/acme/widgets']));
  });
  it('never keeps credentials embedded in a remote URL', () => {
    expect(normalizeRemote('https://user:s3cr3t@example.com/x/y.git')).not.toContain('s3cr3t');
  });
});

describe('projectIdentity', () => {
  it('prefers the remote, then the root commit, then the path', () => {
    expect(
      projectIdentity({ remoteUrl: 'git@h.com:a/b.git', rootCommit: 'abc', path: '/x/b' }),
    ).toEqual({ id: 'git:h.com/a/b', name: 'b' });
    expect(projectIdentity({ rootCommit: 'abc', path: '/x/proj' })).toEqual({
      id: 'root:abc',
      name: 'proj',
    });
    expect(projectIdentity({ path: 'C:\\Users\\l\\Docs\\VAULT' })).toEqual({
      id: 'path:c:/Users/l/Docs/VAULT',
      name: 'VAULT',
    });
  });
});

describe('paths', () => {
  it('normalises Windows and WSL spellings to one form', () => {
    expect(normalizePath('C:\\Users\\l\\x.ts')).toBe('c:/Users/l/x.ts');
    expect(normalizePath('/mnt/C/Users/l/x.ts')).toBe('c:/Users/l/x.ts');
    expect(normalizePath('/home/u/p/')).toBe('/home/u/p');
  });
  it('makes paths inside the root relative and leaves others absolute', () => {
    expect(relativeTo('/home/u/p', '/home/u/p/src/a.ts')).toBe('src/a.ts');
    expect(relativeTo('/home/u/p', '/home/u/other/a.ts')).toBe('/home/u/other/a.ts');
    expect(relativeTo('C:\\Work\\p', 'c:/work/P/src/a.ts')).toBe('src/a.ts');
    expect(relativeTo('/home/u/p', './src/a.ts')).toBe('src/a.ts');
  });
});

describe('preview', () => {
  it('collapses whitespace and cuts long text with an ellipsis', () => {
    expect(preview('a\n\n  b\tc')).toBe('a b c');
    const p = preview('x'.repeat(500), 50);
    expect(p).toHaveLength(50);
    expect(p.endsWith('…')).toBe(true);
  });
  it('never exceeds its limit for any input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 2000 }),
        fc.integer({ min: 2, max: 300 }),
        (s, n) => preview(s, n).length <= n,
      ),
    );
  });
});

describe('hashes', () => {
  it('is stable and separates parts', () => {
    expect(stableHash('ab', 'c')).toBe(stableHash('ab', 'c'));
    expect(stableHash('ab', 'c')).not.toBe(stableHash('a', 'bc'));
    expect(stableHash('x')).toMatch(/^[0-9a-f]{16}$/);
  });
  it('spreads sessions over all 64 shards', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(shardOf(`session-${i}`));
    expect(seen.size).toBe(64);
    expect([...seen].every((s) => /^[0-3][0-9a-f]$/.test(s))).toBe(true);
  });
});

describe('patches', () => {
  it('builds a unified diff whose diffstat matches the change', () => {
    const d = unifiedDiff('src/a.ts', 'one\ntwo\nthree\n', 'one\n2\nthree\nfour\n');
    expect(d).toContain('--- a/src/a.ts');
    expect(d).toContain('+++ b/src/a.ts');
    expect(diffstat(d)).toEqual({ added: 2, removed: 1 });
  });
  it('marks created files as coming from /dev/null', () => {
    const d = unifiedDiff('n.txt', null, 'hello\n');
    expect(d).toContain('--- /dev/null');
    expect(diffstat(d)).toEqual({ added: 1, removed: 0 });
  });
  it('renders structured hunks as a unified diff', () => {
    const d = hunksToUnified('/abs/f.txt', [
      { oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ['-a', '+b'] },
    ]);
    expect(d).toContain('@@ -1,1 +1,1 @@');
    expect(diffstat(d)).toEqual({ added: 1, removed: 1 });
  });
  it('counts lines with and without a trailing newline', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\nb\n')).toBe(2);
  });
});
