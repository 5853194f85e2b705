import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateClaudeHistory } from '../bench/claude-import-gen.ts';
import { tempDir, trail, trailJson } from './helpers.js';

/** Bytes no text editor would write: NULs, invalid UTF-8, a PNG header. */
function garbage(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x & 0xff;
  }
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe], 0);
  return b;
}

type Log = { sessions: { id: string; counts: { events: number } }[] };
type Import = { imports: { sessions: number; problems: { file: string; line: number }[] }[] };

describe('binary input', () => {
  it('reports binary lines and a binary transcript by file and line, and imports everything else', () => {
    const root = tempDir();
    const projects = join(root, 'projects');
    generateClaudeHistory(projects, { totalBytes: 200_000, sessions: 3, seed: 9 });
    const clean = join(root, 'clean');
    trailJson(clean, ['import', 'claude', '--from', projects]);
    const cleanLog = trailJson<Log>(clean, ['log']);

    // a binary blob in the middle of a transcript, and a file that is binary from the start
    const dir = join(projects, readdirSync(projects)[0]!);
    const victim = join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.jsonl'))!,
    );
    const lines = readFileSync(victim, 'utf8').split('\n');
    const at = 3;
    const spoilt = Buffer.concat([
      Buffer.from(lines.slice(0, at - 1).join('\n') + '\n'),
      garbage(4096, 1).map((c) => (c === 0x0a ? 0x20 : c)),
      Buffer.from('\n' + lines.slice(at - 1).join('\n')),
    ]);
    writeFileSync(victim, spoilt);
    const binary = join(dir, '00000000-0000-4000-8000-00000000b1b1.jsonl');
    writeFileSync(binary, garbage(64 * 1024, 2));
    appendFileSync(binary, Buffer.from([0x00, 0x0a, 0xff]));

    const home = join(root, 'home');
    const r = trail(home, ['import', 'claude', '--from', projects, '--json']);
    expect(r.status).toBe(0);
    const imported = (JSON.parse(r.stdout) as Import).imports[0]!;
    const where = imported.problems.map((p) => `${p.file}:${p.line}`);
    expect(where).toContain(`${victim}:${at}`);
    expect(where.some((w) => w.startsWith(`${binary}:`))).toBe(true);
    // problems name a place, never dump the bytes
    expect(r.stderr).not.toContain('\u0000');
    expect(r.stderr).not.toMatch(/^\s+at /m);

    // every session of the clean history is there with all its events; the binary file
    // added none with events
    const log = trailJson<Log>(home, ['log']);
    expect(log.sessions.map((s) => `${s.id}:${s.counts.events}`).sort()).toEqual(
      cleanLog.sessions.map((s) => `${s.id}:${s.counts.events}`).sort(),
    );
    for (const s of log.sessions) expect(trail(home, ['show', s.id]).status).toBe(0);
    expect(trail(home, ['search', 'refactor']).status).toBe(0);
  });
});
