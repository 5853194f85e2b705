import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listTree } from '../read/objects.js';
import { git } from '../testing/recorder.js';
import { findPrivateRepo } from './repo.js';
import { resolveWorkTree } from './root.js';
import { takeSnapshot, type SnapshotOptions } from './take.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(files: Record<string, string>, opts: { git?: boolean; homeInside?: boolean } = {}) {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'trail-snap-')));
  dirs.push(base);
  const root = join(base, 'tree');
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  mkdirSync(root, { recursive: true });
  if (opts.git !== false) {
    git(root, ['init', '-q']);
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '--allow-empty', '-m', 'initial']);
  }
  const home = opts.homeInside ? join(root, '.trail-home') : join(base, 'home');
  const options = (): SnapshotOptions => ({
    checkpointsDir: join(home, 'checkpoints'),
    tree: resolveWorkTree(root),
    storeHome: home,
  });
  const snap = () => takeSnapshot(options());
  const files_ = (checkpoint: string) => {
    const repo = findPrivateRepo(join(home, 'checkpoints'), root)!;
    return listTree(repo.target, checkpoint).map((e) => e.path);
  };
  return { base, root, home, snap, files: files_, options };
}

describe('snapshots', () => {
  it('respects .gitignore and the user’s info/exclude, and never snapshots the store or .git', () => {
    const t = setup(
      { '.gitignore': 'build/\n', 'src/a.ts': 'a\n', 'build/out.js': 'x\n' },
      { homeInside: true },
    );
    writeFileSync(join(t.root, '.git', 'info', 'exclude'), 'secret.env\n');
    writeFileSync(join(t.root, 'secret.env'), 'k=v\n');
    mkdirSync(join(t.home), { recursive: true });
    writeFileSync(join(t.home, 'store.json'), '{}');
    const s = t.snap();
    expect(t.files(s.checkpoint)).toEqual(['.gitignore', 'src/a.ts']);
    expect(s.changed).toEqual([]);
  });

  it('lists changed paths against the previous checkpoint and reuses it when nothing changed', () => {
    const t = setup({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const first = t.snap();
    writeFileSync(join(t.root, 'a.txt'), 'A\n');
    rmSync(join(t.root, 'b.txt'));
    writeFileSync(join(t.root, 'c.txt'), 'c\n');
    symlinkSync('a.txt', join(t.root, 'link'));
    const second = t.snap();
    expect(second).toMatchObject({
      parent: first.checkpoint,
      changed: ['a.txt', 'b.txt', 'c.txt', 'link'],
      reused: false,
    });
    writeFileSync(join(t.root, 'a.txt'), 'A\n'); // same content, new mtime
    const third = t.snap();
    expect(third).toMatchObject({ checkpoint: second.checkpoint, changed: [], reused: true });
  });

  it('works in a directory that is not a git repository, and leaves no .git in it', () => {
    const t = setup({ 'notes.txt': 'n\n' }, { git: false });
    const s = t.snap();
    expect(t.files(s.checkpoint)).toEqual(['notes.txt']);
    expect(existsSync(join(t.root, '.git'))).toBe(false);
  });

  it('records a file over the size limit by size and hash only', () => {
    const t = setup({ 'small.txt': 's\n' });
    writeFileSync(join(t.root, 'big.bin'), Buffer.alloc(3000, 7));
    const s = takeSnapshot({ ...t.options(), maxBytes: 1000 });
    const repo = findPrivateRepo(join(t.home, 'checkpoints'), t.root)!;
    const blob = execFileSync('git', ['cat-file', 'blob', `${s.checkpoint}:big.bin`], {
      env: { ...process.env, GIT_DIR: repo.gitDir },
    }).toString();
    expect(blob).toMatch(/^trail-large-file v1\nsize 3000\nsha256 [0-9a-f]{64}\n$/);
    writeFileSync(join(t.root, 'big.bin'), Buffer.alloc(4000, 7));
    expect(takeSnapshot({ ...t.options(), maxBytes: 1000 }).changed).toEqual(['big.bin']);
  });

  it('starts from the user’s index, then copies what it borrowed so the user’s gc cannot break it', async () => {
    const t = setup({ 'a.txt': 'committed\n', 'dir/b.txt': 'also\n' });
    writeFileSync(join(t.root, 'a.txt'), 'modified since\n');
    const s = t.snap();
    const repo = findPrivateRepo(join(t.home, 'checkpoints'), t.root)!;
    const alternates = join(repo.gitDir, 'objects', 'info', 'alternates');
    for (let i = 0; i < 200 && existsSync(alternates); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(alternates)).toBe(false);
    rmSync(join(t.root, '.git'), { recursive: true, force: true }); // the user's objects are gone
    const show = (p: string) =>
      execFileSync('git', ['cat-file', 'blob', `${s.checkpoint}:${p}`], {
        env: { ...process.env, GIT_DIR: repo.gitDir },
      }).toString();
    expect([show('a.txt'), show('dir/b.txt')]).toEqual(['modified since\n', 'also\n']);
    expect(readFileSync(join(t.root, 'a.txt'), 'utf8')).toBe('modified since\n');
  });

  it('says plainly when git is not installed', () => {
    const t = setup({ x: 'x\n' }, { git: false });
    const path = process.env.PATH;
    process.env.PATH = join(t.base, 'nowhere');
    try {
      expect(() => t.snap()).toThrow(/git is not installed/);
    } finally {
      process.env.PATH = path;
    }
  });
});
