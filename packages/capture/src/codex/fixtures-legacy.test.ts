import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CapturedEvent, ToolEvent } from '@trail/model';
import { describe, expect, test } from 'vitest';
import { findCodexSessions } from './find.js';
import { promptEventId } from './ids.js';
import { parseCodexSession } from './parse.js';

const home = resolve(fileURLToPath(import.meta.url), '../../../fixtures/codex/home');

function parse(rel: string) {
  const file = resolve(home, rel);
  const result = parseCodexSession({ file, text: readFileSync(file, 'utf8') });
  expect(result.problems).toEqual([]);
  expect(result.sessions).toHaveLength(1);
  return { ...result, session: result.sessions[0]! };
}

const tools = (events: CapturedEvent[]) => events.filter((e): e is ToolEvent => e.kind === 'tool');
const byId = (events: CapturedEvent[], id: string) => events.find((e) => e.id === id);
const kinds = (events: CapturedEvent[]) => events.map((e) => e.kind);

test('findCodexSessions lists dated, legacy and archived rollouts in path order', async () => {
  const found = await findCodexSessions(home);
  expect(found.map((f) => [f.file.slice(home.length + 1), f.archived, f.format])).toEqual([
    [
      'archived_sessions/rollout-2025-09-01T12-00-00-01990000-0000-7000-8000-00000000a4c1.jsonl',
      true,
      'jsonl',
    ],
    [
      'sessions/2025/08/12/rollout-2025-08-12T10-00-00-7a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d.jsonl',
      false,
      'jsonl',
    ],
    [
      'sessions/2025/10/05/rollout-2025-10-05T09-00-00-0199b26c-0000-7000-8000-000000000044.jsonl',
      false,
      'jsonl',
    ],
    [
      'sessions/2025/12/01/rollout-2025-12-01T18-30-00-019ac88c-0000-7000-8000-000000000063.jsonl',
      false,
      'jsonl',
    ],
    [
      'sessions/2026/02/10/rollout-2026-02-10T04-57-33-019c45b2-0000-7000-8000-000000002026.jsonl',
      false,
      'jsonl',
    ],
    ['sessions/rollout-2025-04-20-5f1c2d3e-8a9b-4c7d-9e0f-1a2b3c4d5e6f.json', false, 'json'],
  ]);
  expect(await findCodexSessions(resolve(home, 'no-such-dir'))).toEqual([]);
});

describe('the TypeScript CLI era (single JSON document)', () => {
  const { session, stats } = parse(
    'sessions/rollout-2025-04-20-5f1c2d3e-8a9b-4c7d-9e0f-1a2b3c4d5e6f.json',
  );

  test('reads the session header and stamps every event with the session time', () => {
    expect(stats.era).toBe('ts-json');
    expect(session.id).toBe('5f1c2d3e-8a9b-4c7d-9e0f-1a2b3c4d5e6f');
    expect(session.startedAt).toBe('2025-04-20T09:15:00.000Z');
    expect(new Set(session.events.map((e) => e.ts))).toEqual(new Set(['2025-04-20T09:15:00.000Z']));
    expect(kinds(session.events)).toEqual(['prompt', 'reasoning', 'tool', 'tool', 'assistant']);
  });

  test('an argv apply_patch through the shell tool is an edit, not a command', () => {
    const [ls, patch] = tools(session.events);
    expect(ls).toMatchObject({
      id: 't-call_ts_ls',
      category: 'command',
      command: 'ls',
      exitCode: 0,
      status: 'ok',
      output: 'README.md\n',
      durationMs: 20,
    });
    expect(patch).toMatchObject({
      id: 't-call_ts_patch',
      name: 'shell',
      category: 'edit',
      status: 'ok',
    });
    expect(patch!.command).toBeUndefined();
    expect(patch!.changes).toEqual([
      {
        path: 'hello.py',
        op: 'create',
        added: 2,
        removed: 0,
        before: null,
        after: "print('hello')\nprint('world')\n",
        patch: "--- /dev/null\n+++ b/hello.py\n@@ -0,0 +1,2 @@\n+print('hello')\n+print('world')\n",
      },
    ]);
    expect(stats).toMatchObject({ prompts: 1, commands: 1, patches: 1, patchFiles: 1 });
  });
});

describe('the pre-envelope Rust JSONL era', () => {
  const { session, stats } = parse(
    'sessions/2025/08/12/rollout-2025-08-12T10-00-00-7a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d.jsonl',
  );

  test('takes id, time and branch from the header line, cwd from the environment context', () => {
    expect(stats).toMatchObject({
      era: 'pre-envelope',
      records: 12,
      prompts: 1,
      assistantMessages: 1,
      reasoning: 1,
      tools: 2,
      patches: 2,
      patchFiles: 3,
    });
    expect(session).toMatchObject({
      id: '7a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      gitBranch: 'feature/rename',
      cwd: '/home/me/app',
      startedAt: '2025-08-12T08:00:00.000Z',
    });
    expect(
      byId(session.events, promptEventId(session.id, 'rename app.js to main.js and say hello', 0)),
    ).toBeDefined();
  });

  test('a legacy {"input": patch} call with Move to is a rename with anchor-only hunks', () => {
    const patch = tools(session.events)[0]!;
    expect(patch).toMatchObject({ name: 'apply_patch', category: 'edit', status: 'ok' });
    expect(patch.changes).toEqual([
      {
        path: 'src/main.js',
        op: 'rename',
        fromPath: 'src/app.js',
        added: 1,
        removed: 1,
        patch:
          "--- a/src/app.js\n+++ b/src/main.js\n@@ function main() {\n-  console.log('hi');\n+  console.log('hello');\n }\n",
      },
    ]);
  });

  test('apply_patch in a shell heredoc yields its file operations', () => {
    const heredoc = tools(session.events)[1]!;
    expect(heredoc).toMatchObject({ id: 't-call_pe_heredoc', name: 'shell', category: 'edit' });
    expect(heredoc.changes?.map((c) => [c.path, c.op, c.added, c.removed])).toEqual([
      ['docs/NOTES.md', 'create', 3, 0],
      ['old.txt', 'delete', 0, 0],
    ]);
  });
});

test('every fixture parses deterministically', async () => {
  for (const f of await findCodexSessions(home)) {
    const text = readFileSync(f.file, 'utf8');
    expect(parseCodexSession({ file: f.file, text })).toEqual(
      parseCodexSession({ file: f.file, lines: text.split('\n') }),
    );
  }
});
