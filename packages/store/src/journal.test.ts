import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from './store.js';
import { storePaths } from './home.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const session = (id: string) => ({
  id,
  agent: 'claude-code' as const,
  cwd: '/nonexistent/p',
  events: [
    { kind: 'prompt' as const, id: `p-${id}`, ts: '2026-11-01T10:00:00Z', text: 'x'.repeat(300) },
  ],
});

describe('change journal', () => {
  it('is not written until sync creates it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'trail-journal-'));
    dirs.push(home);
    const store = await Store.open({ home });
    await store.write(session('s1'));
    await store.close();
    expect(() => readFileSync(storePaths(home).journal)).toThrow();
  });

  it('names every document chunk and new blob once sync has created it, never content', async () => {
    const home = mkdtempSync(join(tmpdir(), 'trail-journal-'));
    dirs.push(home);
    const paths = storePaths(home);
    mkdirSync(paths.sync, { recursive: true });
    writeFileSync(paths.journal, '');
    const store = await Store.open({ home });
    const w = await store.write(session('s2'));
    await store.close();
    const lines = readFileSync(paths.journal, 'utf8').trim().split('\n');
    const docId = w.url.replace('automerge:', '');
    expect(lines).toContain(`d ${docId}`);
    expect(lines.some((l) => l.startsWith('b '))).toBe(true);
    expect(lines.every((l) => /^[db] [0-9A-Za-z]+$/.test(l))).toBe(true);
  });
});
