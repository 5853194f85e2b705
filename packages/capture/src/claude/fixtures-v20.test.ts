import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CapturedEvent, ToolEvent } from '@trail/model';
import {
  claudePromptId,
  findClaudeTranscripts,
  parseClaudeTranscript,
  readLines,
  type ImportProblem,
} from './index.js';

const ROOT = fileURLToPath(new URL('../../fixtures/claude/v2-0-agents', import.meta.url));
const DIR = join(ROOT, '-Users-dev-api');
const SID = '22222222-2222-4222-8222-222222222222';
const RESUMED = '66666666-6666-4666-8666-666666666666';

async function* lines(file: string): AsyncIterable<string> {
  for await (const l of readLines(file)) yield l.line;
}

async function load(sessionId: string) {
  const set = (await findClaudeTranscripts(ROOT)).find((s) => s.sessionId === sessionId)!;
  return parseClaudeTranscript({
    mainFile: set.mainFile,
    lines: lines(set.mainFile),
    subagents: set.subagents.map((a) => ({ file: a.file, lines: lines(a.file) })),
  });
}

const tool = (events: CapturedEvent[], id: string) =>
  events.find((e) => e.id === `t-${id}`) as ToolEvent;

describe('a 2.0.x transcript (agent-*.jsonl beside the session, Warmup agents, compaction)', () => {
  it('finds the session with its real and Warmup agent files and reports the orphan one', async () => {
    const problems: ImportProblem[] = [];
    const sets = await findClaudeTranscripts(ROOT, { onProblem: (p) => problems.push(p) });
    expect(sets).toEqual([
      {
        mainFile: join(DIR, `${SID}.jsonl`),
        sessionId: SID,
        subagents: [
          { file: join(DIR, 'agent-a1b2c3d.jsonl') },
          { file: join(DIR, 'agent-a9f9f9f.jsonl') },
        ],
      },
      { mainFile: join(DIR, `${RESUMED}.jsonl`), sessionId: RESUMED, subagents: [] },
    ]);
    expect(problems).toEqual([
      {
        file: join(DIR, 'agent-a7777777.jsonl'),
        line: 1,
        reason: `subagent transcript of session 77777777-7777-4777-8777-777777777777, whose session file is not in ${DIR}; not imported`,
      },
    ]);
  });

  it('keeps the subagent linked by toolUseResult.agentId and skips Warmup agents, in files or inline', async () => {
    const { sessions, problems, stats } = await load(SID);
    expect(problems).toEqual([]);
    // skipped: the file-history snapshot, the 4 records of agent-a9f9f9f and the 2 of the inline Warmup
    expect(stats).toEqual({ lines: 29, bytes: 17642, skipped: 7 });
    const { events } = sessions[0]!;
    expect(events.map((e) => `${e.kind}:${e.id}`)).toEqual([
      `prompt:${claudePromptId(SID, 'Why does config loading fail?', 0)}`,
      'reasoning:r-msg_v2_a-0',
      'assistant:a-msg_v2_a-0',
      'tool:t-toolu_v2_task',
      `prompt:${claudePromptId(SID, 'Find the config loader', 0, 'a1b2c3d')}`,
      'assistant:a-msg_v2_s1-0',
      'tool:t-toolu_v2_sread',
      'assistant:a-msg_v2_b-0',
      'tool:t-toolu_v2_grep',
      'assistant:a-msg_v2_s2-0',
      'assistant:a-msg_v2_c-0',
      'tool:t-toolu_v2_edit',
      'assistant:a-msg_v2_d-0',
      'tool:t-toolu_v2_write',
      'error:e-20000000-0000-4000-8000-000000000012',
      `prompt:${claudePromptId(SID, 'retry please', 0)}`,
      'system:s-20000000-0000-4000-8000-000000000014',
      'system:s-20000000-0000-4000-8000-000000000015',
      'system:s-20000000-0000-4000-8000-000000000016',
      'system:s-20000000-0000-4000-8000-000000000017',
      'assistant:a-msg_v2_e-0',
    ]);
    expect(tool(events, 'toolu_v2_task')).toMatchObject({
      spawnedAgentId: 'a1b2c3d',
      output: 'The loader is in src/config.ts',
    });
    expect(
      events
        .filter((e) => e.agentId)
        .every((e) => e.agentId === 'a1b2c3d' && e.parentToolId === 'toolu_v2_task'),
    ).toBe(true);
    expect(
      events.some(
        (e) => e.id === 't-toolu_v2_warm' || e.agentId === 'a5e5e5e' || e.agentId === 'a9f9f9f',
      ),
    ).toBe(false);
    // the Warmup agent's records (07:59) do not stretch the time range; the snapshot (08:00:00.5) does
    expect(sessions[0]).toMatchObject({
      startedAt: '2025-10-20T08:00:00.500Z',
      endedAt: '2025-10-20T08:00:18.666Z',
      agentVersion: '2.0.14',
      gitBranch: 'feature/x',
    });
  });

  it('drops the IDE context block from the prompt and keeps non-empty thinking', async () => {
    const { events } = (await load(SID)).sessions[0]!;
    expect(events[0]).toMatchObject({ kind: 'prompt', text: 'Why does config loading fail?' });
    expect(events[1]).toMatchObject({
      kind: 'reasoning',
      text: 'The loader probably reads the wrong path.',
    });
  });

  it('follows the compact boundary back to the pre-compaction conversation', async () => {
    const { events } = (await load(SID)).sessions[0]!;
    const sys = events
      .filter((e) => e.kind === 'system')
      .map((e) => (e.kind === 'system' ? `${e.subtype}: ${e.text}` : ''));
    expect(sys).toEqual([
      'compact_boundary: Conversation compacted (auto, 155000 tokens before)',
      'compact_summary: This session is being continued from a previous conversation that ran out of context. Summary: the config path was fixed.',
      'command: /cost',
      'local_command: Total cost: $0.12',
    ]);
  });

  it('reports the synthetic API error message as an error event and not as the model', async () => {
    const { sessions } = await load(SID);
    expect(sessions[0]!.events.find((e) => e.kind === 'error')).toEqual({
      kind: 'error',
      id: 'e-20000000-0000-4000-8000-000000000012',
      ts: '2025-10-20T08:00:12.444Z',
      message:
        'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    });
    expect(sessions[0]!.model).toBe('claude-sonnet-4-5-20250929');
  });

  it('builds Edit and Write diffs from structuredPatch with the content before and after', async () => {
    const { events } = (await load(SID)).sessions[0]!;
    expect(tool(events, 'toolu_v2_edit').changes).toEqual([
      {
        path: '/Users/dev/api/src/config.ts',
        op: 'modify',
        added: 1,
        removed: 1,
        patch:
          "--- a/Users/dev/api/src/config.ts\n+++ b/Users/dev/api/src/config.ts\n@@ -1,3 +1,3 @@\n import fs from 'node:fs';\n-const path = './conf.json';\n+const path = './config.json';\n export const load = () => fs.readFileSync(path);\n",
        before:
          "import fs from 'node:fs';\nconst path = './conf.json';\nexport const load = () => fs.readFileSync(path);\n",
        after:
          "import fs from 'node:fs';\nconst path = './config.json';\nexport const load = () => fs.readFileSync(path);\n",
      },
    ]);
    expect(tool(events, 'toolu_v2_write').changes).toEqual([
      {
        path: '/Users/dev/api/CHANGELOG.md',
        op: 'modify',
        added: 1,
        removed: 0,
        patch:
          '--- a/Users/dev/api/CHANGELOG.md\n+++ b/Users/dev/api/CHANGELOG.md\n@@ -1,1 +1,2 @@\n # Changes\n+- fix config path\n',
        before: '# Changes\n',
        after: '# Changes\n- fix config path\n',
      },
    ]);
    expect(tool(events, 'toolu_v2_grep')).toMatchObject({
      category: 'search',
      output: '/Users/dev/api/src/config.ts',
    });
  });

  it('splits a resumed file into the copied session and the new one, with the same ids for the copies', async () => {
    const original = (await load(SID)).sessions[0]!;
    const { sessions } = await load(RESUMED);
    expect(sessions.map((s) => s.id)).toEqual([SID, RESUMED]);
    const copied = sessions[0]!.events.map((e) => e.id);
    expect(copied).toEqual([
      `${claudePromptId(SID, 'Why does config loading fail?', 0)}`,
      'a-msg_v2_a-0',
    ]);
    expect(copied.every((id) => original.events.some((e) => e.id === id))).toBe(true);
    expect(sessions[1]!.events.map((e) => e.kind)).toEqual(['prompt', 'assistant']);
  });
});
