import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stableHash, type CapturedEvent, type ToolEvent } from '@trail/model';
import {
  claudePromptId,
  findClaudeTranscripts,
  parseClaudeTranscript,
  readLines,
} from './index.js';

const ROOT = fileURLToPath(new URL('../../fixtures/claude/v1-inline', import.meta.url));
const SID = '11111111-1111-4111-8111-111111111111';
const SIDE = 'sidechain-1000000a-0000-4000-8000-000000000001';

async function* lines(file: string): AsyncIterable<string> {
  for await (const l of readLines(file)) yield l.line;
}

async function load() {
  const [set] = await findClaudeTranscripts(ROOT);
  return parseClaudeTranscript({ mainFile: set!.mainFile, lines: lines(set!.mainFile) });
}

const tool = (events: CapturedEvent[], id: string) =>
  events.find((e) => e.id === `t-${id}`) as ToolEvent;

describe('a 1.0.x transcript (inline sidechains, MultiEdit, BashOutput, summaries)', () => {
  it('yields one session with the events of the main thread and the sidechain in time order', async () => {
    const { sessions, problems, stats } = await load();
    expect(problems).toEqual([]);
    expect(stats).toEqual({ lines: 31, bytes: 17489, skipped: 1 });
    expect(sessions.map((s) => s.id)).toEqual([SID]);
    expect(sessions[0]!.events.map((e) => `${e.kind}:${e.id}`)).toEqual([
      'system:s-10000000-0000-4000-8000-000000000001',
      'assistant:a-msg_v1_a-0',
      'system:s-10000000-0000-4000-8000-000000000004',
      `prompt:${claudePromptId(SID, 'Add a greeting module with a test', 0)}`,
      'assistant:a-msg_v1_b-0',
      'tool:t-toolu_v1_task',
      `prompt:${claudePromptId(SID, 'Write src/greet.ts exporting greet(name)', 0, SIDE)}`,
      'assistant:a-msg_v1_s1-0',
      'tool:t-toolu_v1_write',
      'assistant:a-msg_v1_s2-0',
      'tool:t-toolu_v1_multi',
      'assistant:a-msg_v1_s3-0',
      'assistant:a-msg_v1_c-0',
      'tool:t-toolu_v1_bg',
      'assistant:a-msg_v1_d-0',
      'tool:t-toolu_v1_out',
      'assistant:a-msg_v1_e-0',
      'tool:t-toolu_v1_kill',
      'assistant:a-msg_v1_f-0',
      'tool:t-toolu_v1_fail',
      'assistant:a-msg_v1_g-0',
      'tool:t-toolu_v1_edit',
      'system:s-10000000-0000-4000-8000-000000000019',
      `prompt:${claudePromptId(SID, 'continue', 0)}`,
      'assistant:a-msg_v1_h-0',
      `prompt:${claudePromptId(SID, 'continue', 1)}`,
      'assistant:a-msg_v1_i-0',
    ]);
  });

  it('takes metadata from the records and the title from the summary of its own leaf', async () => {
    const { events, ...meta } = (await load()).sessions[0]!;
    expect(events.length).toBeGreaterThan(0);
    expect(meta).toEqual({
      id: SID,
      agent: 'claude-code',
      cwd: '/home/dev/app',
      gitBranch: 'main',
      agentVersion: '1.0.98',
      startedAt: '2025-09-03T10:00:01.037Z',
      endedAt: '2025-09-03T10:00:29.073Z',
      title: 'Greeting module with tests',
      model: 'claude-sonnet-4-20250514',
    });
  });

  it('ids prompts by hash of session and normalized text, numbering repeats', async () => {
    const prompts = (await load()).sessions[0]!.events.filter(
      (e) => e.kind === 'prompt' && !e.agentId,
    );
    expect(prompts.map((p) => p.id)).toEqual([
      `p-${stableHash(SID, 'Add a greeting module with a test')}-0`,
      `p-${stableHash(SID, 'continue')}-0`,
      `p-${stableHash(SID, 'continue')}-1`,
    ]);
  });

  it('records the slash command and its output as system events, never as prompts', async () => {
    const ev = (await load()).sessions[0]!.events.filter((e) => e.kind === 'system');
    expect(ev.map((e) => (e.kind === 'system' ? [e.subtype, e.text] : []))).toEqual([
      ['command', '/orchestrator plan the greeting module'],
      ['local_command', 'Set model to sonnet'],
      ['interrupt', '[Request interrupted by user for tool use]'],
    ]);
  });

  it('attaches the inline sidechain to the Task call whose prompt it answers', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(tool(events, 'toolu_v1_task')).toMatchObject({
      category: 'agent',
      status: 'ok',
      spawnedAgentId: SIDE,
      output: 'Created greet.ts and updated README.',
    });
    const side = events.filter((e) => e.agentId === SIDE);
    expect(side).toHaveLength(6);
    expect(side.every((e) => e.parentToolId === 'toolu_v1_task')).toBe(true);
  });

  it('counts usage once per message, with the largest figures its records repeat', async () => {
    const { events } = (await load()).sessions[0]!;
    const withUsage = events.filter((e) => e.kind === 'assistant' && e.usage);
    expect(new Set(withUsage.map((e) => e.id.replace(/-\d+$/, ''))).size).toBe(withUsage.length);
    expect(events.find((e) => e.id === 'a-msg_v1_b-0')).toMatchObject({
      usage: { input: 20, output: 50, cacheRead: 200, cacheCreate: 0 },
    });
    // a response with only a tool call carries its usage on an empty assistant event
    expect(events.find((e) => e.id === 'a-msg_v1_s1-0')).toMatchObject({
      text: '',
      usage: { input: 5, output: 30 },
    });
  });

  it('derives a creation diff for Write and a patch, before and after for MultiEdit', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(tool(events, 'toolu_v1_write').changes).toEqual([
      {
        path: '/home/dev/app/src/greet.ts',
        op: 'create',
        added: 1,
        removed: 0,
        patch:
          '--- /dev/null\n+++ b/home/dev/app/src/greet.ts\n@@ -0,0 +1,1 @@\n+export const greet = (n: string) => `hi ${n}`;\n',
        before: null,
        after: 'export const greet = (n: string) => `hi ${n}`;\n',
      },
    ]);
    expect(tool(events, 'toolu_v1_multi').changes).toEqual([
      {
        path: '/home/dev/app/README.md',
        op: 'modify',
        added: 3,
        removed: 1,
        patch:
          '--- a/home/dev/app/README.md\n+++ b/home/dev/app/README.md\n@@ -1,2 +1,4 @@\n # App\n+\n+Greets people.\n-TODO\n+Done\n',
        before: '# App\nTODO\n',
        after: '# App\n\nGreets people.\nDone\n',
      },
    ]);
  });

  it('reads background commands, BashOutput exit codes, failures and interruptions', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(tool(events, 'toolu_v1_bg')).toMatchObject({
      category: 'command',
      command: 'npm test -- --watch',
      status: 'ok',
      exitCode: null,
    });
    expect(tool(events, 'toolu_v1_out')).toMatchObject({
      category: 'command',
      command: 'npm test -- --watch',
      output: '1 failing\n',
      exitCode: 1,
    });
    expect(tool(events, 'toolu_v1_kill')).toMatchObject({ category: 'other', status: 'ok' });
    expect(tool(events, 'toolu_v1_fail')).toMatchObject({
      status: 'error',
      exitCode: 2,
      output: 'src/greet.ts(1,1): error TS1005',
      error: 'Error: Exit code 2\nsrc/greet.ts(1,1): error TS1005',
    });
    const edit = tool(events, 'toolu_v1_edit');
    expect(edit).toMatchObject({
      status: 'interrupted',
      error: '[Request interrupted by user for tool use]',
    });
    expect(edit.changes).toBeUndefined();
  });
});
