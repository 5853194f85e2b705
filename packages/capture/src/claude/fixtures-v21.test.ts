import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CapturedEvent, ToolEvent } from '@trail/model';
import {
  claudePromptId,
  findClaudeTranscripts,
  parseClaudeTranscript,
  readLines,
} from './index.js';

const ROOT = fileURLToPath(new URL('../../fixtures/claude/v2-1-subagents', import.meta.url));
const SID = '33333333-3333-4333-8333-333333333333';
const SUBS = join(ROOT, '-home-dev-web', SID, 'subagents');
const AGENT = 'a0123456789abcdef';
const ASIDE = 'aside_question-0123456789abcdef';
const COMPACT = 'acompact-fedcba9876543210';
const u = (n: number) => `30000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function* lines(file: string): AsyncIterable<string> {
  for await (const l of readLines(file)) yield l.line;
}

async function load() {
  const [set] = await findClaudeTranscripts(ROOT);
  return parseClaudeTranscript({
    mainFile: set!.mainFile,
    lines: lines(set!.mainFile),
    subagents: set!.subagents.map((a) => ({
      file: a.file,
      lines: lines(a.file),
      ...(a.metaFile
        ? {
            meta: JSON.parse(readFileSync(a.metaFile, 'utf8')) as {
              agentType?: string;
              description?: string;
            },
          }
        : {}),
    })),
  });
}

const tool = (events: CapturedEvent[], id: string) =>
  events.find((e) => e.id === `t-${id}`) as ToolEvent;

describe('a 2.1.x transcript (subagents/ folder, progress, attachments, replays, rewinds)', () => {
  it('finds the subagent files with their .meta.json and ignores tool-results/ and memory/', async () => {
    expect(await findClaudeTranscripts(ROOT)).toEqual([
      {
        mainFile: join(ROOT, '-home-dev-web', `${SID}.jsonl`),
        sessionId: SID,
        subagents: [
          {
            file: join(SUBS, `agent-${AGENT}.jsonl`),
            metaFile: join(SUBS, `agent-${AGENT}.meta.json`),
          },
          { file: join(SUBS, `agent-${COMPACT}.jsonl`) },
          { file: join(SUBS, `agent-${ASIDE}.jsonl`) },
        ],
      },
    ]);
  });

  it('yields the main timeline, the subagent once, and the side agents without their replays', async () => {
    const { sessions, problems, stats } = await load();
    expect(problems).toEqual([
      {
        file: join(ROOT, '-home-dev-web', `${SID}.jsonl`),
        line: 43,
        reason:
          '`message` is a character-indexed object (a string spread into an object), not a message; kept as an unknown record',
      },
    ]);
    expect(stats).toEqual({ lines: 77, bytes: 44089, skipped: 20 });
    expect(sessions[0]!.events.map((e) => `${e.kind}:${e.id}`)).toEqual([
      `prompt:${claudePromptId(SID, 'Refactor the header component', 0)}`,
      'assistant:a-msg_v21_a-0',
      'tool:t-toolu_v21_r1',
      'tool:t-toolu_v21_r2',
      'assistant:a-msg_v21_b-0',
      'tool:t-toolu_v21_agent',
      `prompt:${claudePromptId(SID, 'List every file that imports Header', 0, AGENT)}`,
      'assistant:a-msg_v21_s1-0',
      'tool:t-toolu_v21_sgrep',
      'assistant:a-msg_v21_s2-0',
      'assistant:a-msg_v21_c-0',
      'tool:t-toolu_v21_edit',
      `prompt:${claudePromptId(SID, 'also add tests', 0)}`,
      'assistant:a-msg_v21_d-0',
      'tool:t-toolu_v21_big',
      'assistant:a-msg_v21_e-0',
      'tool:t-toolu_v21_grep',
      'assistant:a-msg_v21_f-0',
      'tool:t-toolu_v21_int',
      `error:e-${u(24)}`,
      'assistant:a-msg_v21_g-0',
      `system:s-${u(26)}`,
      `system:s-${u(27)}`,
      `system:s-${u(28)}`,
      'tool:t-toolu_v21_tabs',
      `prompt:${claudePromptId(SID, 'use spaces everywhere', 0)}`,
      'assistant:a-msg_v21_i-0',
      `system:s-${u(35)}`,
      `unknown:u-${u(36)}`,
      `unknown:u-${u(37)}`,
      'unknown:u-74ba6811817c2856',
      'system:s-85eb0235c6bc2be2',
      'assistant:a-msg_v21_j-0',
      'tool:t-toolu_v21_mcp',
      'assistant:a-msg_v21_k-0',
      'tool:t-toolu_v21_todo',
      'assistant:a-msg_v21_l-0',
      'tool:t-toolu_v21_ask',
      'assistant:a-msg_v21_m-0',
      'tool:t-toolu_v21_fetch',
      'assistant:a-msg_v21_n-0',
      'tool:t-toolu_v21_ts',
      'assistant:a-msg_v21_o-0',
      'tool:t-toolu_v21_nb',
      'reasoning:r-msg_v21_p-0',
      'assistant:a-msg_v21_p-0',
      `system:s-agent-${ASIDE}`,
      `prompt:${claudePromptId(SID, 'btw what does Header render?', 0, ASIDE)}`,
      'assistant:a-msg_v21_q-0',
      `system:s-agent-${COMPACT}`,
      `prompt:${claudePromptId(SID, 'Your task is to create a detailed summary of the conversation so far.', 0, COMPACT)}`,
      'assistant:a-msg_v21_r-0',
    ]);
  });

  it('prefers the custom title, takes the last version and ignores noise records', async () => {
    const { events, ...meta } = (await load()).sessions[0]!;
    expect(events.length).toBe(52);
    expect(meta).toEqual({
      id: SID,
      agent: 'claude-code',
      cwd: '/home/dev/web',
      gitBranch: 'main',
      agentVersion: '2.1.92',
      startedAt: '2026-04-09T13:00:00.900Z',
      endedAt: '2026-04-09T13:00:56.072Z',
      title: 'header-refactor',
      model: 'claude-sonnet-4-6',
    });
  });

  it('keeps the tool call of the abandoned branch but not its prompt or text', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(events.some((e) => e.kind === 'prompt' && e.text === 'use tabs everywhere')).toBe(false);
    expect(events.some((e) => e.id.startsWith('a-msg_v21_h'))).toBe(false);
    expect(tool(events, 'toolu_v21_tabs').changes).toMatchObject([
      {
        path: '/home/dev/web/.editorconfig',
        added: 1,
        removed: 1,
        after: 'root = true\nindent_style = tab\n',
      },
    ]);
  });

  it('links the subagent by toolUseResult.agentId and reads it once despite the agent_progress copies', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(tool(events, 'toolu_v21_agent')).toMatchObject({
      category: 'agent',
      spawnedAgentId: AGENT,
      output: 'Header is imported by src/App.tsx',
    });
    const sub = events.filter((e) => e.agentId === AGENT);
    expect(sub.map((e) => e.id)).toEqual([
      claudePromptId(SID, 'List every file that imports Header', 0, AGENT),
      'a-msg_v21_s1-0',
      't-toolu_v21_sgrep',
      'a-msg_v21_s2-0',
    ]);
    expect(sub.every((e) => e.parentToolId === 'toolu_v21_agent')).toBe(true);
  });

  it('drops the records an aside question replays and keeps its own question', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(events.filter((e) => e.agentId === ASIDE).map((e) => e.kind)).toEqual([
      'system',
      'prompt',
      'assistant',
    ]);
    expect(
      events.filter((e) => e.kind === 'prompt' && e.text === 'Refactor the header component'),
    ).toHaveLength(1);
    expect(events.filter((e) => e.id === 't-toolu_v21_r1')).toHaveLength(1);
  });

  it('turns a message typed while Claude was busy into a prompt and ignores the queue bookkeeping', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(
      events
        .filter((e) => e.kind === 'prompt' && !e.agentId)
        .map((e) => (e.kind === 'prompt' ? e.text : '')),
    ).toEqual(['Refactor the header component', 'also add tests', 'use spaces everywhere']);
  });

  it('reads persisted outputs, reinterpreted exit codes and interrupted commands', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(tool(events, 'toolu_v21_big')).toMatchObject({
      status: 'ok',
      exitCode: 0,
      output: `PASS src/Header.test.tsx\n[full output (61440 bytes) saved to /home/dev/.claude/projects/-home-dev-web/${SID}/tool-results/toolu_v21_big.txt]`,
    });
    expect(tool(events, 'toolu_v21_grep')).toMatchObject({
      status: 'ok',
      exitCode: null,
      command: 'grep -r TODO src',
    });
    expect(tool(events, 'toolu_v21_int')).toMatchObject({
      status: 'interrupted',
      exitCode: null,
      output: 'ready on :3000',
    });
  });

  it('records API errors, hook errors and bookkeeping as error and system events', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(events.find((e) => e.id === `e-${u(24)}`)).toMatchObject({
      kind: 'error',
      message: 'Overloaded (retry 1/10 in 2000 ms)',
    });
    const sys = events
      .filter((e) => e.kind === 'system' && !e.agentId)
      .map((e) => (e.kind === 'system' ? [e.subtype, e.text] : []));
    expect(sys).toEqual([
      ['hook_error', 'Stop: notify-send: command not found'],
      ['stop_hook_summary', 'hook: notify-send done'],
      ['turn_duration', '42000 ms'],
      ['local_command', 'Compacted'],
      ['pr_link', 'acme/web #42 https://github.com/acme/web/pull/42'],
    ]);
  });

  it('keeps unknown record types and unreadable records verbatim', async () => {
    const { events } = (await load()).sessions[0]!;
    const unknown = events.filter((e) => e.kind === 'unknown');
    expect(unknown.map((e) => (e.kind === 'unknown' ? e.recordType : ''))).toEqual([
      'user',
      'future-thing',
      'mystery-meta',
    ]);
    expect(unknown.every((e) => e.kind === 'unknown' && JSON.parse(e.raw) !== null)).toBe(true);
  });

  it('normalizes MCP, plan, web, ToolSearch and NotebookEdit calls', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(tool(events, 'toolu_v21_mcp')).toMatchObject({
      category: 'other',
      output: 'Created issue #7',
    });
    expect(tool(events, 'toolu_v21_todo')).toMatchObject({
      category: 'plan',
      output: '[in_progress] Add tests',
    });
    expect(tool(events, 'toolu_v21_ask')).toMatchObject({
      category: 'plan',
      output: 'Which runner? → vitest',
    });
    expect(tool(events, 'toolu_v21_fetch')).toMatchObject({
      category: 'web',
      output: 'Vitest is a test runner.',
    });
    expect(tool(events, 'toolu_v21_ts')).toMatchObject({
      category: 'search',
      output: 'NotebookEdit',
    });
    expect(tool(events, 'toolu_v21_nb').changes).toEqual([
      { path: '/home/dev/web/nb.ipynb', op: 'modify', added: 2, removed: 0 },
    ]);
  });

  it('skips empty thinking, keeps its index stable and puts usage on the first text of a response', async () => {
    const { events } = (await load()).sessions[0]!;
    expect(events.some((e) => e.id === 'r-msg_v21_a-0')).toBe(false);
    expect(events.find((e) => e.id === 'a-msg_v21_a-0')).toMatchObject({
      text: 'Reading both files.',
      usage: { input: 3, output: 120, cacheRead: 15000, cacheCreate: 400 },
    });
    expect(events.find((e) => e.id === 'r-msg_v21_p-0')).toMatchObject({
      kind: 'reasoning',
      text: 'Wrap up.',
    });
  });
});
