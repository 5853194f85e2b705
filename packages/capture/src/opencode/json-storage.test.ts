import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToolEvent } from '@trail/model';
import { afterEach, describe, expect, test } from 'vitest';
import { parseOpencodeJsonStorage } from './json-storage.js';

const storage = resolve(fileURLToPath(import.meta.url), '../../../fixtures/opencode/data/storage');
const PARENT = 'ses_6a1b2c3d4ffeAbCdEfGhIjKl';
const CHILD = 'ses_6a1b2c3d5ffeChildSession1';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trail-opencode-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the JSON-file store (OpenCode ≤ 1.1)', async () => {
  const r = await parseOpencodeJsonStorage(storage);
  const s = r.sessions[0]!;
  const tool = (id: string) => s.events.find((e) => e.id === id) as ToolEvent;

  test('gives one session, the subagent folded in after the task call that started it', () => {
    expect(r.problems).toEqual([]);
    expect(r.stats).toEqual({
      sessions: 2,
      messages: 6,
      parts: 20,
      prompts: 3,
      tools: 8,
      commands: 3,
      edits: 3,
      unknown: 1,
    });
    expect(r.sessions.map((x) => x.id)).toEqual([PARENT]);
    expect(s).toMatchObject({
      agent: 'opencode',
      cwd: '/home/me/web',
      title: 'Fix the login form',
      agentVersion: '1.0.150',
      model: 'claude-sonnet-4-5',
      startedAt: '2025-09-01T10:00:00.000Z',
      endedAt: '2025-09-01T10:05:00.000Z',
    });
    expect(s.events.map((e) => [e.id, e.agentId ?? '', e.parentToolId ?? ''])).toEqual([
      ['p-msg_9a1b00000001AAAAAAAAAAAA', '', ''],
      ['g-prt_9a1b00000010AAAAAAAAAAAA', '', ''],
      ['r-prt_9a1b00000011AAAAAAAAAAAA', '', ''],
      ['a-prt_9a1b00000012AAAAAAAAAAAA', '', ''],
      ['t-toolu_read1', '', ''],
      ['t-toolu_edit1', '', ''],
      ['t-toolu_bash1', '', ''],
      ['t-toolu_write1', '', ''],
      ['t-call_patch1', '', ''],
      ['t-toolu_task1', '', ''],
      ['p-msg_9a1b00000005AAAAAAAAAAAA', CHILD, 't-toolu_task1'],
      ['t-toolu_bash3', CHILD, 't-toolu_task1'],
      ['a-prt_9a1b00000032AAAAAAAAAAAA', CHILD, 't-toolu_task1'],
      ['a-prt_9a1b00000019AAAAAAAAAAAA', '', ''],
      ['g-prt_9a1b0000001bAAAAAAAAAAAA', '', ''],
      ['u-prt_9a1b0000001cAAAAAAAAAAAA', '', ''],
      ['p-msg_9a1b00000003AAAAAAAAAAAA', '', ''],
      ['t-toolu_bash2', '', ''],
      ['e-msg_9a1b00000004AAAAAAAAAAAA', '', ''],
    ]);
  });

  test('prompts leave out synthetic parts; the first text of a response carries its usage', () => {
    expect(s.events[0]).toMatchObject({ kind: 'prompt', text: 'fix the login form validation' });
    expect(s.events[3]).toMatchObject({
      kind: 'assistant',
      model: 'claude-sonnet-4-5',
      usage: { input: 1200, output: 350, cacheRead: 800, cacheCreate: 100 },
    });
    expect(s.events.find((e) => e.id === 'a-prt_9a1b00000019AAAAAAAAAAAA')).not.toHaveProperty(
      'usage',
    );
  });

  test('edit, write and apply_patch calls give their file changes', () => {
    expect(tool('t-toolu_edit1').changes).toEqual([
      {
        path: 'src/login.ts',
        op: 'modify',
        added: 1,
        removed: 1,
        before: 'export function validate(email: string) {\n  return email.length > 0;\n}\n',
        after: "export function validate(email: string) {\n  return email.includes('@');\n}\n",
        patch:
          "--- a/src/login.ts\n+++ b/src/login.ts\n@@ -1,3 +1,3 @@\n export function validate(email: string) {\n-  return email.length > 0;\n+  return email.includes('@');\n }\n",
      },
    ]);
    expect(tool('t-toolu_write1').changes).toEqual([
      {
        path: 'src/email.ts',
        op: 'create',
        added: 1,
        removed: 0,
        before: null,
        after: "export const AT = '@';\n",
      },
    ]);
    expect(tool('t-call_patch1').changes).toEqual([
      {
        path: 'src/login.test.ts',
        op: 'modify',
        added: 1,
        removed: 1,
        patch:
          "--- a/src/login.test.ts\n+++ b/src/login.test.ts\n@@\n-it.skip('rejects', () => {});\n+it('rejects', () => {});\n",
      },
    ]);
    expect(tool('t-toolu_read1')).toMatchObject({ reads: ['src/login.ts'], durationMs: 100 });
  });

  test('bash exit codes, aborted calls, message errors, checkpoints and unknown parts', () => {
    expect(tool('t-toolu_bash1')).toMatchObject({
      command: 'npm test',
      exitCode: 1,
      status: 'error',
      error: 'exit code 1',
      output: '1 failing',
      durationMs: 4000,
    });
    expect(tool('t-toolu_bash2')).toMatchObject({
      status: 'error',
      error: 'Tool execution aborted',
      exitCode: null,
    });
    expect(tool('t-toolu_task1')).toMatchObject({ category: 'agent', spawnedAgentId: CHILD });
    expect(s.events.find((e) => e.kind === 'error')).toMatchObject({
      message: 'The operation was aborted.',
      ts: '2025-09-01T10:03:25.000Z',
    });
    expect(s.events.filter((e) => e.kind === 'checkpoint')).toEqual([
      {
        id: 'g-prt_9a1b00000010AAAAAAAAAAAA',
        kind: 'checkpoint',
        ts: '2025-09-01T10:00:02.000Z',
        checkpointId: '1111111111111111111111111111111111111111',
        moment: 'start',
        root: '/home/me/web',
      },
      {
        id: 'g-prt_9a1b0000001bAAAAAAAAAAAA',
        kind: 'checkpoint',
        ts: '2025-09-01T10:00:40.000Z',
        checkpointId: '2222222222222222222222222222222222222222',
        moment: 'end',
        root: '/home/me/web',
        changed: ['src/login.ts', 'src/email.ts', 'src/login.test.ts'],
      },
    ]);
    expect(s.events.find((e) => e.kind === 'unknown')).toMatchObject({
      recordType: 'part/future-part',
    });
  });

  test('a subagent session asked for alone stays a session of its own', async () => {
    const only = await parseOpencodeJsonStorage(storage, { sessionIds: [CHILD] });
    expect(only.sessions.map((x) => [x.id, x.model, x.events.length])).toEqual([
      [CHILD, 'claude-haiku-4-5', 3],
    ]);
  });

  test('unreadable and corrupt files are reported and the rest is kept', async () => {
    const dir = tempDir();
    cpSync(storage, dir, { recursive: true });
    const part = join(
      dir,
      'part',
      'msg_9a1b00000002AAAAAAAAAAAA',
      'prt_9a1b00000011AAAAAAAAAAAA.json',
    );
    writeFileSync(part, '{"id": "prt_9a1b00000011AAAA", "type": "reas');
    const broken = await parseOpencodeJsonStorage(dir);
    expect(broken.problems).toEqual([
      { file: part, line: 0, reason: expect.stringMatching(/^not valid JSON, skipped/) },
    ]);
    expect(broken.sessions[0]!.events.some((e) => e.kind === 'reasoning')).toBe(false);
    expect(broken.sessions[0]!.events).toHaveLength(18);
  });
});

test('the older layout with messages and parts under session/ reads the same', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trail-opencode-old-'));
  try {
    cpSync(
      join(storage, 'session', '4b0ea68d7af9a6031a7ffda7ad66e0cb83315750'),
      join(dir, 'session', 'info'),
      { recursive: true },
    );
    cpSync(join(storage, 'message'), join(dir, 'session', 'message'), { recursive: true });
    for (const [sid, mids] of [
      [
        PARENT,
        [
          'msg_9a1b00000001AAAAAAAAAAAA',
          'msg_9a1b00000002AAAAAAAAAAAA',
          'msg_9a1b00000003AAAAAAAAAAAA',
          'msg_9a1b00000004AAAAAAAAAAAA',
        ],
      ],
      [CHILD, ['msg_9a1b00000005AAAAAAAAAAAA', 'msg_9a1b00000006AAAAAAAAAAAA']],
    ] as const)
      for (const mid of mids)
        cpSync(join(storage, 'part', mid), join(dir, 'session', 'part', sid, mid), {
          recursive: true,
        });
    const old = await parseOpencodeJsonStorage(dir);
    const current = await parseOpencodeJsonStorage(storage);
    expect(old.problems).toEqual([]);
    // no project files in the old layout, so no worktree; sessions carry their directory anyway
    expect(old.sessions).toEqual(current.sessions);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
