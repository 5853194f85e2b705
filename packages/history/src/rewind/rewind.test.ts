import { chmodSync, existsSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTrailError } from '@trail/model';
import { fingerprint, git, Recorder } from '../testing/recorder.js';

let r: Recorder | undefined;
afterEach(async () => {
  await r?.dispose();
  r = undefined;
});

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

const binary = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0, 7]);

describe('rewind', () => {
  it('restores changed, created, deleted and renamed files byte for byte, and the undo restores the rest', async () => {
    r = await Recorder.open({
      'a.txt': 'alpha\n',
      'b.txt': 'bravo\n',
      'c.txt': 'charlie\r\n',
      'tool.sh': '#!/bin/sh\n',
    });
    r.write('img.bin', binary);
    chmodSync(r.path('tool.sh'), 0o755);
    symlinkSync('a.txt', r.path('link'));
    const s = r.session('sess-rw');
    s.prompt('first');
    s.edit('a.txt', 'alpha\nmore\n');
    s.end();
    const atTwo = r.fingerprint();
    s.prompt('second');
    s.edit('a.txt', 'rewritten\n', 'Write');
    s.edit('new.txt', 'brand new\n', 'Write');
    s.shell('rm b.txt && mv c.txt d.txt && chmod -x tool.sh', () => {
      rmSync(r!.path('b.txt'));
      renameSync(r!.path('c.txt'), r!.path('d.txt'));
      chmodSync(r!.path('tool.sh'), 0o644);
      r!.write('img.bin', Buffer.from('not binary any more'));
    });
    s.end();
    await r.flush();
    const after = r.fingerprint();
    const res = r.rewind('sess-rw:2');
    expect(res.changes).toEqual([
      { path: 'a.txt', op: 'modify' },
      { path: 'b.txt', op: 'create' },
      { path: 'c.txt', op: 'create' },
      { path: 'd.txt', op: 'delete' },
      { path: 'img.bin', op: 'modify' },
      { path: 'new.txt', op: 'delete' },
      { path: 'tool.sh', op: 'modify' },
    ]);
    expect(r.fingerprint()).toEqual(atTwo);
    expect(readFileSync(r.path('img.bin')).equals(binary)).toBe(true);
    expect(res.undo).toBe(`trail rewind ${res.saved}`);
    r.rewind(res.saved!);
    expect(r.fingerprint()).toEqual(after);
  });

  it('refuses to overwrite work no checkpoint has, names the files, and goes ahead with force', async () => {
    r = await Recorder.open({ 'keep.txt': 'v1\n', 'other.txt': 'o\n' });
    const s = r.session('sess-unsafe');
    s.prompt('edit');
    s.edit('keep.txt', 'v2\n');
    s.end();
    await r.flush();
    r.write('keep.txt', 'human work\n');
    const err = caught(() => r!.rewind('sess-unsafe:1'));
    expect(isTrailError(err, 'REWIND_UNSAFE')).toBe(true);
    expect((err as Error).message).toContain('keep.txt');
    expect(r.read('keep.txt')).toBe('human work\n');
    const res = r.rewind('sess-unsafe:1', { force: true });
    expect(res.unsafe).toEqual(['keep.txt']);
    expect(r.read('keep.txt')).toBe('v1\n');
    r.rewind(res.saved!);
    expect(r.read('keep.txt')).toBe('human work\n');
  });

  it('lists exactly what would change on a dry run and writes nothing', async () => {
    r = await Recorder.open({ 'x.txt': 'x\n' });
    const s = r.session('sess-dry');
    s.prompt('go');
    s.edit('y.txt', 'y\n', 'Write');
    s.edit('x.txt', 'x2\n');
    s.end();
    await r.flush();
    const before = r.fingerprint();
    const tips = fingerprint(join(r.home, 'checkpoints'), []);
    const res = r.rewind('sess-dry', { dryRun: true });
    expect(res).toMatchObject({
      dryRun: true,
      changes: [
        { path: 'x.txt', op: 'modify' },
        { path: 'y.txt', op: 'delete' },
      ],
    });
    expect(res.saved).toBeUndefined();
    expect(r.fingerprint()).toEqual(before);
    const refs = (f: Record<string, string>) =>
      Object.entries(f).filter(([k]) => k.includes('/refs/') || k.endsWith('trail-tip.json'));
    expect(refs(fingerprint(join(r.home, 'checkpoints'), []))).toEqual(refs(tips));
  });

  it('limits the rewind to the files given', async () => {
    r = await Recorder.open({ 'src/a.ts': 'a\n', 'src/b.ts': 'b\n', 'README.md': 'r\n' });
    const s = r.session('sess-files');
    s.prompt('change all');
    s.edit('src/a.ts', 'A\n');
    s.edit('src/b.ts', 'B\n');
    s.edit('README.md', 'R\n');
    s.end();
    await r.flush();
    const res = r.rewind('sess-files:1', { files: ['src/a.ts', 'README.md'] });
    expect(res.changes.map((c) => c.path)).toEqual(['README.md', 'src/a.ts']);
    expect([r.read('src/a.ts'), r.read('src/b.ts'), r.read('README.md')]).toEqual([
      'a\n',
      'B\n',
      'r\n',
    ]);
  });

  it('never touches ignored files or the user repository’s status, refs, index or stash', async () => {
    r = await Recorder.open({ '.gitignore': 'build/\n', 'src.txt': 'one\n' });
    r.write('build/out.js', 'generated\n');
    r.write('wip.txt', 'stashed work\n');
    git(r.repo, ['add', 'wip.txt']);
    git(r.repo, ['-c', 'user.name=T', '-c', 'user.email=t@e', 'stash', 'push', '-q', '-m', 'wip']);
    r.write('staged.txt', 'in the index\n');
    git(r.repo, ['add', 'staged.txt']);
    const state = () => ({
      status: git(r!.repo, [
        '--no-optional-locks',
        'status',
        '--porcelain=v1',
        '--untracked-files=all',
      ]),
      refs: git(r!.repo, ['for-each-ref', '--format=%(refname) %(objectname)']),
      stash: git(r!.repo, ['stash', 'list', '--format=%H %s']),
      index: readFileSync(join(r!.repo, '.git', 'index')).toString('hex'),
    });
    const before = state();
    const s = r.session('sess-git');
    s.prompt('work');
    s.edit('src.txt', 'two\n');
    s.end();
    await r.flush();
    const afterSession = state();
    expect(afterSession).toEqual({ ...before, status: ' M src.txt\nA  staged.txt\n' });
    r.write('build/out.js', 'regenerated\n');
    const res = r.rewind('sess-git:1');
    expect(res.changes).toEqual([{ path: 'src.txt', op: 'modify' }]);
    expect(r.read('build/out.js')).toBe('regenerated\n');
    expect(state()).toEqual(before);
    r.rewind(res.saved!);
    expect(state()).toEqual(afterSession);
  });

  it('works in a directory that is not a git repository', async () => {
    r = await Recorder.open({ 'notes.txt': 'plain\n' }, { gitRepo: false });
    const s = r.session('sess-plain');
    s.prompt('edit');
    s.edit('notes.txt', 'changed\n');
    s.end();
    await r.flush();
    r.rewind('sess-plain:1');
    expect(r.read('notes.txt')).toBe('plain\n');
    expect(existsSync(join(r.repo, '.git'))).toBe(false);
  });

  it('records files over the size limit by hash and says it cannot restore them', async () => {
    r = await Recorder.open({ 'small.txt': 's\n' });
    process.env.TRAIL_CHECKPOINT_MAX_BYTES = '1000';
    try {
      r.write('big.dat', Buffer.alloc(5000, 1));
      const s = r.session('sess-big');
      s.prompt('grow');
      s.shell('regenerate big.dat', () => r!.write('big.dat', Buffer.alloc(6000, 2)));
      s.edit('small.txt', 'S\n');
      s.end();
      await r.flush();
      const res = r.rewind('sess-big:1', { force: true });
      expect(res.changes).toEqual([{ path: 'small.txt', op: 'modify' }]);
      expect(res.unrestorable).toEqual([
        { path: 'big.dat', reason: expect.stringContaining('recorded by hash only') },
      ]);
      expect(readFileSync(r.path('big.dat'))).toHaveLength(6000);
    } finally {
      delete process.env.TRAIL_CHECKPOINT_MAX_BYTES;
    }
  });

  it('restores what the recorded changes of an imported session allow, and says what it cannot', async () => {
    r = await Recorder.open({ 'kept.txt': 'original\n', 'lost.txt': 'unknown before\n' });
    const s = r.session('sess-imported', { checkpoints: false });
    s.prompt('change things');
    s.edit('kept.txt', 'changed\n');
    s.edit('made.txt', 'created\n', 'Write');
    s.edit('lost.txt', 'after\n', 'Edit', { record: 'patch' });
    await r.flush();
    const res = r.rewind('sess-imported');
    expect(res.target).toMatchObject({ recorded: true, prompt: 1 });
    expect(res.changes).toEqual([
      { path: 'kept.txt', op: 'modify' },
      { path: 'made.txt', op: 'delete' },
    ]);
    expect(res.unrestorable).toEqual([
      { path: 'lost.txt', reason: 'its content before prompt 1 was not recorded' },
    ]);
    expect(r.read('kept.txt')).toBe('original\n');
    expect(existsSync(r.path('made.txt'))).toBe(false);
    r.rewind(res.saved!);
    expect(r.read('made.txt')).toBe('created\n');
  });

  it('names unknown and ambiguous targets', async () => {
    r = await Recorder.open({ a: 'a\n' });
    r.session('sess-names').prompt('x').end();
    await r.flush();
    expect(
      isTrailError(
        caught(() => r!.rewind('ffffffffffff')),
        'CHECKPOINT_NOT_FOUND',
      ),
    ).toBe(true);
    expect(
      isTrailError(
        caught(() => r!.rewind('sess-names:9')),
        'PROMPT_NOT_FOUND',
      ),
    ).toBe(true);
  });
});
