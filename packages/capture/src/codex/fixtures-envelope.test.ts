import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CapturedEvent, ToolEvent } from '@trail/model';
import { describe, expect, test } from 'vitest';
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

describe('the envelope era with the legacy shell tool', () => {
  const { session, stats } = parse(
    'sessions/2025/10/05/rollout-2025-10-05T09-00-00-0199b26c-0000-7000-8000-000000000044.jsonl',
  );

  test('prompts come from user_message events, once each, with occurrence-numbered ids', () => {
    const prompts = session.events.filter((e) => e.kind === 'prompt');
    expect(prompts.map((p) => p.id)).toEqual([
      promptEventId(session.id, 'write a plan', 0),
      promptEventId(session.id, 'write a plan', 1),
    ]);
    expect(stats).toMatchObject({ prompts: 2, assistantMessages: 2, reasoning: 1 });
    expect(kinds(session.events)).toEqual([
      'prompt',
      'reasoning',
      'tool',
      'tool',
      'tool',
      'tool',
      'tool',
      'assistant',
      'prompt',
      'assistant',
    ]);
  });

  test('cat heredocs create, then modify with a real diff against the content seen', () => {
    const [first, second] = tools(session.events);
    expect(first!.changes).toEqual([
      {
        path: 'notes.md',
        op: 'create',
        added: 2,
        removed: 0,
        after: '# Plan\n- step one\n',
        patch: '--- /dev/null\n+++ b/notes.md\n@@ -0,0 +1,2 @@\n+# Plan\n+- step one\n',
      },
    ]);
    expect(second!.changes).toEqual([
      {
        path: 'notes.md',
        op: 'modify',
        added: 1,
        removed: 0,
        before: '# Plan\n- step one\n',
        after: '# Plan\n- step one\n- step two\n',
        patch:
          '--- a/notes.md\n+++ b/notes.md\n@@ -1,2 +1,3 @@\n # Plan\n - step one\n+- step two\n',
      },
    ]);
    expect(stats.heredocWrites).toBe(2);
  });

  test('exit codes and durations come from the JSON output metadata', () => {
    const read = byId(session.events, 't-call_sh_read') as ToolEvent;
    expect(read).toMatchObject({
      command: "sed -n '1,40p' notes.md | nl -ba",
      reads: ['notes.md'],
      exitCode: 0,
      status: 'ok',
      durationMs: 20,
    });
    const fail = byId(session.events, 't-call_sh_fail') as ToolEvent;
    expect(fail).toMatchObject({
      status: 'error',
      exitCode: 2,
      error: 'exit code 2',
      durationMs: 1250,
      output: 'npm ERR! missing script: test\n',
    });
    expect(byId(session.events, 't-call_sh_plan')).toMatchObject({
      category: 'plan',
      status: 'ok',
      output: 'Plan updated',
    });
  });

  test('model, version, usage (cached input apart) come from turn_context, session_meta and token_count', () => {
    expect(session).toMatchObject({
      model: 'gpt-5-codex',
      agentVersion: '0.44.0',
      gitBranch: 'main',
      cwd: '/Users/dev/proj',
      endedAt: '2025-10-05T07:01:02.000Z',
    });
    expect(stats.usage).toEqual({
      input: 600,
      output: 120,
      cacheRead: 400,
      cacheCreate: 0,
      reasoning: 50,
      total: 1120,
    });
    // the growth of the running total is charged to the text of that response
    expect(session.events.filter((e) => e.kind === 'assistant').map((e) => e.usage)).toEqual([
      { input: 600, output: 120, cacheRead: 400, cacheCreate: 0 },
      undefined,
    ]);
    expect(
      byId(session.events, session.events.find((e) => e.kind === 'assistant')!.id),
    ).toMatchObject({ model: 'gpt-5-codex', text: 'Wrote notes.md.' });
  });
});

describe('the shell_command era', () => {
  const { session, stats } = parse(
    'sessions/2025/12/01/rollout-2025-12-01T18-30-00-019ac88c-0000-7000-8000-000000000063.jsonl',
  );

  test('a second apply_patch on a file the session created becomes a numbered unified diff', () => {
    const upd = byId(session.events, 't-call_sc_upd') as ToolEvent;
    expect(upd.changes).toEqual([
      {
        path: 'src/lib.rs',
        op: 'modify',
        added: 1,
        removed: 1,
        before: 'pub fn one() -> u32 {\n    1\n}\n\npub fn two() -> u32 {\n    2\n}\n',
        after: 'pub fn one() -> u32 {\n    1\n}\n\npub fn two() -> u32 {\n    1 + one()\n}\n',
        patch:
          '--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -3,5 +3,5 @@\n }\n \n pub fn two() -> u32 {\n-    2\n+    1 + one()\n }\n',
      },
    ]);
  });

  test('a rejected patch is an error with no file changes', () => {
    expect(byId(session.events, 't-call_sc_bad')).toMatchObject({
      status: 'error',
      changes: [],
      error: 'exit code 1',
    });
  });

  test('shell_command and local_shell_call outputs give exit code, wall time and the bare output', () => {
    expect(byId(session.events, 't-call_sc_cat')).toMatchObject({
      command: 'cat Cargo.toml',
      reads: ['Cargo.toml'],
      exitCode: 0,
      durationMs: 300,
      output: '[package]\nname = "repo"\n',
    });
    expect(byId(session.events, 't-call_sc_local')).toMatchObject({
      name: 'local_shell',
      command: 'cargo build',
      exitCode: 0,
      durationMs: 2000,
    });
  });

  test('ghost snapshots, one compaction, the aborted turn and unknown records are all kept', () => {
    expect(byId(session.events, 'g-9f8e7d6c5b4a39281706f5e4d3c2b1a098765432')).toMatchObject({
      kind: 'checkpoint',
      moment: 'start',
    });
    const system = session.events.filter((e) => e.kind === 'system');
    expect(system.map((e) => [e.subtype, e.text])).toEqual([
      ['compaction', 'Summary: added lib functions.'],
      ['turn_aborted', 'interrupted'],
    ]);
    expect(byId(session.events, 't-call_sc_test')).toMatchObject({
      status: 'interrupted',
      command: 'cargo test',
    });
    const unknown = session.events.filter((e) => e.kind === 'unknown');
    expect(unknown.map((e) => e.recordType)).toEqual([
      'world_state',
      'response_item/future_item',
      'event_msg/mystery_event',
    ]);
    expect(JSON.parse(unknown[0]!.raw)).toEqual({
      timestamp: '2025-12-01T17:30:13.000Z',
      type: 'world_state',
      payload: { files: 3 },
    });
    expect(session.events.filter((e) => e.kind === 'error').map((e) => e.message)).toEqual([
      'stream disconnected before completion',
    ]);
    expect(stats).toMatchObject({
      prompts: 2,
      tools: 6,
      commands: 3,
      patches: 3,
      patchFiles: 3,
      unknown: 3,
    });
  });

  test('injected AGENTS.md instructions are not prompts', () => {
    expect(session.events.filter((e) => e.kind === 'prompt').map((e) => e.text)).toEqual([
      'add lib functions',
      'now run the tests',
    ]);
  });
});

describe('the unified exec era', () => {
  const { session, stats } = parse(
    'sessions/2026/02/10/rollout-2026-02-10T04-57-33-019c45b2-0000-7000-8000-000000002026.jsonl',
  );

  test('exec_command exit codes, including a process finished through write_stdin', () => {
    expect(byId(session.events, 't-call_ex_head')).toMatchObject({
      command: 'head -n 5 lib/legacy.ex',
      reads: ['lib/legacy.ex'],
      exitCode: 0,
      durationMs: 52,
      output: 'defmodule Legacy do\nend\n',
    });
    expect(byId(session.events, 't-call_ex_long')).toMatchObject({
      command: 'mix precommit',
      status: 'error',
      exitCode: 1,
      durationMs: 30002,
    });
    expect(byId(session.events, 't-call_ex_poll')).toMatchObject({
      name: 'write_stdin',
      category: 'command',
      exitCode: 1,
      status: 'error',
    });
    expect(byId(session.events, 't-call_ex_poll')).not.toHaveProperty('command');
    expect(stats).toMatchObject({
      commands: 2,
      tools: 4,
      patches: 1,
      patchFiles: 1,
      prompts: 1,
      reasoning: 0,
    });
  });

  test('a deleted file, developer instructions skipped, assistant text once', () => {
    expect((byId(session.events, 't-call_ex_del') as ToolEvent).changes).toEqual([
      {
        path: 'lib/legacy.ex',
        op: 'delete',
        added: 0,
        removed: 0,
        patch: '--- a/lib/legacy.ex\n+++ /dev/null\n',
      },
    ]);
    expect(kinds(session.events)).toEqual(['prompt', 'tool', 'tool', 'tool', 'tool', 'assistant']);
    expect(session).toMatchObject({
      model: 'gpt-5.3-codex',
      agentVersion: '0.98.0',
      cwd: '/Users/me/svc',
    });
    expect(stats.usage).toMatchObject({ input: 1000, cacheRead: 4000, output: 300, total: 5300 });
  });
});
