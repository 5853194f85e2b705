import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { generateCodexHistory } from '../../../../bench/codex-import-gen.js';
import { findCodexSessions, readCodexSession } from './find.js';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trail-codex-gen-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the benchmark generator writes every era, and every file imports cleanly', async () => {
  const dir = tempDir();
  const r = generateCodexHistory(dir, { totalBytes: 600_000, sessions: 10 });
  expect(r.eras).toEqual({ 'ts-json': 2, 'pre-envelope': 2, shell: 2, shell_command: 2, exec: 2 });
  expect(r.bytes).toBeGreaterThan(550_000);
  expect(r.bytes).toBeLessThan(700_000);
  const found = await findCodexSessions(dir);
  expect(found).toHaveLength(10);
  const eras = new Set<string>();
  for (const f of found) {
    const parsed = await readCodexSession(f.file);
    expect(parsed.problems).toEqual([]);
    expect(parsed.stats.prompts).toBeGreaterThan(0);
    expect(parsed.stats.patches).toBe(parsed.stats.prompts);
    eras.add(parsed.stats.era);
  }
  expect([...eras].sort()).toEqual(['envelope', 'pre-envelope', 'ts-json']);
});

test('the same seed writes the same bytes', () => {
  const a = tempDir();
  const b = tempDir();
  const ra = generateCodexHistory(a, { totalBytes: 50_000, sessions: 5, seed: 7 });
  const rb = generateCodexHistory(b, { totalBytes: 50_000, sessions: 5, seed: 7 });
  expect(ra.files.map((f) => readFileSync(f, 'utf8'))).toEqual(
    rb.files.map((f) => readFileSync(f, 'utf8')),
  );
});
