import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizePath, type ToolEvent } from '@trail/model';
import { findClaudeTranscripts, parseClaudeTranscript, readLines } from './index.js';

const ROOT = fileURLToPath(new URL('../../fixtures/claude/windows', import.meta.url));

async function* lines(file: string): AsyncIterable<string> {
  for await (const l of readLines(file)) yield l.line;
}

async function loadAll() {
  const sets = await findClaudeTranscripts(ROOT);
  return Promise.all(
    sets.map((s) => parseClaudeTranscript({ mainFile: s.mainFile, lines: lines(s.mainFile) })),
  );
}

describe('Windows and WSL transcripts', () => {
  it('reads a CRLF transcript and keeps Windows paths exactly as recorded', async () => {
    const [wsl, win] = await loadAll();
    expect(win!.problems).toEqual([]);
    const s = win!.sessions[0]!;
    expect(s).toMatchObject({
      id: '44444444-4444-4444-8444-444444444444',
      cwd: 'C:\\Users\\dev\\proj',
      agentVersion: '2.1.87',
      model: 'claude-opus-4-6',
    });
    // gitBranch "" (outside git) is not a branch
    expect(s.gitBranch).toBeUndefined();
    const tools = s.events.filter((e): e is ToolEvent => e.kind === 'tool');
    expect(tools.map((t) => t.changes?.map((c) => [c.path, c.op, c.added, c.removed]))).toEqual([
      [['C:\\Users\\dev\\proj\\src\\main.rs', 'modify', 1, 1]],
      [['C:\\Users\\dev\\proj\\NOTES.md', 'create', 1, 0]],
      undefined,
    ]);
    expect(tools[0]!.changes![0]!.after).toBe('fn main() {\r\n    println!("hello");\r\n}\r\n');
    expect(tools[2]).toMatchObject({
      command: 'cargo build',
      status: 'error',
      exitCode: 101,
      output: 'error[E0425]: cannot find value',
    });
    expect(wsl!.sessions[0]!.cwd).toBe('/mnt/c/Users/dev/proj');
  });

  it('names the same file alike from Windows and WSL once normalized for comparison', async () => {
    const [wsl, win] = await loadAll();
    const edited = win!.sessions[0]!.events.flatMap((e) =>
      e.kind === 'tool' ? (e.changes ?? []).map((c) => c.path) : [],
    );
    const read = wsl!.sessions[0]!.events.flatMap((e) =>
      e.kind === 'tool' ? (e.reads ?? []) : [],
    );
    expect(read).toEqual(['/mnt/c/Users/dev/proj/src/main.rs']);
    expect(normalizePath(read[0]!)).toBe(normalizePath(edited[0]!));
  });
});
