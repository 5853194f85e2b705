import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToolEvent } from '@trail/model';
import { afterEach, describe, expect, test } from 'vitest';
import { findGeminiSessions, geminiProjectHash } from './find.js';
import { parseGeminiSession, readGeminiSession } from './parse.js';

const home = resolve(fileURLToPath(import.meta.url), '../../../fixtures/gemini/home');
const hash = geminiProjectHash('/home/me/proj');
const chats = join(home, 'tmp', hash, 'chats');

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trail-gemini-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('findGeminiSessions lists both layouts and attaches known project roots by hash', async () => {
  const found = await findGeminiSessions(home, { projectRoots: ['/elsewhere', '/home/me/proj'] });
  expect(found.map((f) => [f.file.slice(chats.length + 1), f.projectHash, f.projectRoot])).toEqual([
    ['session-2025-09-01T10-00-1a2b3c4d.json', hash, '/home/me/proj'],
    ['session-2026-03-02T09-30-9f8e7d6c.jsonl', hash, '/home/me/proj'],
  ]);
  expect((await findGeminiSessions(home))[0]).not.toHaveProperty('projectRoot');
  expect(await findGeminiSessions(join(home, 'missing'))).toEqual([]);
});

describe('a classic JSON session', () => {
  const file = join(chats, 'session-2025-09-01T10-00-1a2b3c4d.json');
  const r = parseGeminiSession(
    { file, text: readFileSync(file, 'utf8') },
    { projectRoot: '/home/me/proj' },
  );
  const s = r.sessions[0]!;
  const tool = (id: string) => s.events.find((e) => e.id === id) as ToolEvent;

  test('maps session metadata, prompts, thoughts, text and usage', () => {
    expect(r.problems).toEqual([]);
    expect(r.stats).toEqual({
      messages: 6,
      prompts: 2,
      assistantMessages: 1,
      reasoning: 1,
      tools: 5,
      commands: 2,
      edits: 2,
      unknown: 1,
    });
    expect(s).toMatchObject({
      id: '1a2b3c4d-1111-4222-8333-444455556666',
      agent: 'gemini',
      cwd: '/home/me/proj',
      title: 'Add greet to util.py',
      model: 'gemini-2.5-pro',
      startedAt: '2025-09-01T10:00:00.000Z',
      endedAt: '2025-09-01T10:05:00.000Z',
    });
    expect(s.events.map((e) => e.id)).toEqual([
      'p-m-user-1',
      'r-m-gem-1-0',
      'a-m-gem-1',
      't-read_file-1',
      't-replace-2',
      't-run_shell_command-3',
      't-write_file-4',
      't-run_shell_command-5',
      's-m-info-1',
      'e-m-err-1',
      'u-m-odd-1',
      'p-m-user-2',
    ]);
    expect(s.events[1]).toMatchObject({
      kind: 'reasoning',
      text: '**Reading the file** Check util.py first.',
    });
    expect(s.events[2]).toMatchObject({
      kind: 'assistant',
      model: 'gemini-2.5-pro',
      usage: { input: 1500, output: 190, cacheRead: 500, cacheCreate: 0 },
    });
    expect(s.events[11]).toMatchObject({ kind: 'prompt', text: 'thanks' });
  });

  test('edits carry Gemini’s own diff with trail’s headers, and contents before and after', () => {
    expect(tool('t-replace-2').changes).toEqual([
      {
        path: 'util.py',
        op: 'modify',
        added: 4,
        removed: 0,
        before: 'def add(a, b):\n    return a + b\n',
        after: "def add(a, b):\n    return a + b\n\n\ndef greet(name):\n    return f'hi {name}'\n",
        patch:
          "--- a/util.py\n+++ b/util.py\n@@ -1,2 +1,5 @@\n def add(a, b):\n     return a + b\n+\n+\n+def greet(name):\n+    return f'hi {name}'\n",
      },
    ]);
    expect(tool('t-write_file-4').changes).toEqual([
      {
        path: 'NOTES.md',
        op: 'create',
        added: 2,
        removed: 0,
        before: null,
        after: '# Notes\ngreet added\n',
        patch: '--- /dev/null\n+++ b/NOTES.md\n@@ -0,0 +1,2 @@\n+# Notes\n+greet added\n',
      },
    ]);
    expect(tool('t-read_file-1')).toMatchObject({
      category: 'read',
      reads: ['util.py'],
      status: 'ok',
    });
  });

  test('shell commands take their exit code from the response; cancelled calls are interrupted', () => {
    expect(tool('t-run_shell_command-3')).toMatchObject({
      command: 'python -m pytest -q',
      exitCode: 1,
      status: 'error',
      error: 'exit code 1',
    });
    expect(tool('t-run_shell_command-5')).toMatchObject({
      status: 'interrupted',
      exitCode: null,
      output: '[Operation Cancelled] Reason: User cancelled',
    });
  });

  test('without a matching project root there is no cwd and paths stay absolute', () => {
    const other = parseGeminiSession(
      { file, text: readFileSync(file, 'utf8') },
      { projectRoot: '/not/it' },
    ).sessions[0]!;
    expect(other.cwd).toBeUndefined();
    expect((other.events.find((e) => e.id === 't-replace-2') as ToolEvent).changes?.[0]?.path).toBe(
      '/home/me/proj/util.py',
    );
  });
});

describe('a JSONL session log', () => {
  const file = join(chats, 'session-2026-03-02T09-30-9f8e7d6c.jsonl');
  const r = parseGeminiSession(
    { file, text: readFileSync(file, 'utf8') },
    { projectRoot: '/home/me/proj' },
  );

  test('re-recorded messages replace in place, rewinds drop, $set updates metadata', () => {
    expect(r.problems).toEqual([]);
    const s = r.sessions[0]!;
    expect(s).toMatchObject({
      id: '9f8e7d6c-2222-4333-8444-555566667777',
      title: 'List and show files',
      endedAt: '2026-03-02T09:32:30.000Z',
      model: 'gemini-3-pro',
    });
    expect(s.events.map((e) => e.id)).toEqual(['p-u1', 'a-g1', 't-ls-1', 'p-u3']);
    expect(s.events[2]).toMatchObject({ status: 'ok', output: 'util.py\nNOTES.md', reads: ['.'] });
  });

  test('parses the same way twice', () => {
    expect(parseGeminiSession({ file, text: readFileSync(file, 'utf8') })).toEqual(
      parseGeminiSession({ file, text: readFileSync(file, 'utf8') }),
    );
  });
});

describe('bad input', () => {
  test('empty, foreign and truncated files are problems, not exceptions', () => {
    expect(parseGeminiSession({ file: 'a.json', text: '' }).problems).toEqual([
      { file: 'a.json', line: 0, reason: 'CAPTURE_EMPTY: the file is empty' },
    ]);
    expect(parseGeminiSession({ file: 'b.json', text: '{"hello": 1}' }).problems).toEqual([
      { file: 'b.json', line: 1, reason: 'record of unknown shape ignored' },
      {
        file: 'b.json',
        line: 0,
        reason: 'CAPTURE_UNKNOWN_FORMAT: not a Gemini session (no sessionId or messages)',
      },
    ]);
    const truncated = parseGeminiSession({
      file: 'c.jsonl',
      text: '{"sessionId":"s","projectHash":"h"}\n{"id":"u1","type":"user","content":"hi"}\n{"id":"g1","ty',
    });
    expect(truncated.sessions[0]!.events.map((e) => e.id)).toEqual(['p-u1']);
    expect(truncated.problems).toEqual([
      { file: 'c.jsonl', line: 3, reason: expect.stringMatching(/^truncated last line/) },
    ]);
  });

  test('an unreadable file is a CAPTURE_UNREADABLE problem', async () => {
    const dir = tempDir();
    expect((await readGeminiSession(join(dir, 'nope.json'))).problems[0]!.reason).toMatch(
      /^CAPTURE_UNREADABLE: .*ENOENT/,
    );
    if (process.getuid?.() !== 0) {
      const f = join(dir, 'locked.json');
      writeFileSync(f, '{}');
      chmodSync(f, 0);
      expect((await readGeminiSession(f)).problems[0]!.reason).toMatch(/EACCES/);
    }
  });
});

test('a write_file without a display record is a creation when Gemini says it created the file', () => {
  const call = (id: string, output: string) => ({
    id,
    name: 'write_file',
    args: { file_path: '/p/a.txt', content: 'one\ntwo\n' },
    status: 'success',
    result: [{ functionResponse: { id, name: 'write_file', response: { output } } }],
  });
  const doc = {
    sessionId: 's',
    projectHash: geminiProjectHash('/p'),
    messages: [
      {
        id: 'g',
        type: 'gemini',
        content: '',
        toolCalls: [
          call('w1', 'Successfully created and wrote to new file: /p/a.txt.'),
          call('w2', 'Successfully overwrote file: /p/a.txt.'),
        ],
      },
    ],
  };
  const s = parseGeminiSession({ file: 'x.json', text: JSON.stringify(doc) }, { projectRoot: '/p' })
    .sessions[0]!;
  expect(s.events.map((e) => (e as ToolEvent).changes?.[0])).toEqual([
    { path: 'a.txt', op: 'create', added: 2, removed: 0, before: null, after: 'one\ntwo\n' },
    { path: 'a.txt', op: 'modify', added: 0, removed: 0, after: 'one\ntwo\n' },
  ]);
});
