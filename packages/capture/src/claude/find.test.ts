import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTrailError } from '@trail/model';
import { claudeProjectsRoot, findClaudeTranscripts, type ImportProblem } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'trail-find-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(dir, 'root-'));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), content);
  }
  return root;
}

describe('claudeProjectsRoot', () => {
  it('uses CLAUDE_CONFIG_DIR, else the home directory', () => {
    expect(claudeProjectsRoot({ CLAUDE_CONFIG_DIR: '/cfg' })).toBe('/cfg/projects');
    expect(claudeProjectsRoot({ HOME: '/home/x' })).toBe('/home/x/.claude/projects');
    expect(claudeProjectsRoot({})).toBe(join(homedir(), '.claude', 'projects'));
  });
});

describe('findClaudeTranscripts', () => {
  it('fails with a coded error when the root is missing or not a directory', async () => {
    const missing = join(dir, 'nope');
    await expect(findClaudeTranscripts(missing)).rejects.toSatisfy((e) =>
      isTrailError(e, 'CLAUDE_DIR_MISSING'),
    );
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    await expect(findClaudeTranscripts(file)).rejects.toSatisfy((e) =>
      isTrailError(e, 'CLAUDE_DIR_NOT_A_DIRECTORY'),
    );
  });

  it('returns nothing for an empty root and ignores stray files and folders', async () => {
    const root = tree({
      'stray.jsonl': '{}',
      '-p/notes.txt': 'x',
      '-p/memory/MEMORY.md': '# m',
      '-p/abc/tool-results/t.txt': 'x',
    });
    expect(await findClaudeTranscripts(root)).toEqual([]);
  });

  it('attaches old-layout agents by the sessionId of their first line and reports bad ones', async () => {
    const sid = 's-1';
    const root = tree({
      [`-p/${sid}.jsonl`]: '{"type":"user"}\n',
      '-p/agent-a1.jsonl': `\n{"sessionId":"${sid}","agentId":"a1"}\n`,
      '-p/agent-a2.jsonl': 'not json\n',
      '-p/agent-a3.jsonl': '{"agentId":"a3"}\n',
      '-p/agent-a4.jsonl': '',
      [`-p/${sid}/subagents/agent-b1.jsonl`]: '{}\n',
      [`-p/${sid}/subagents/agent-b1.meta.json`]: '{}',
      [`-p/${sid}/subagents/agent-b2.jsonl`]: '{}\n',
      [`-p/${sid}/subagents/readme.txt`]: 'x',
    });
    const problems: ImportProblem[] = [];
    const sets = await findClaudeTranscripts(root, { onProblem: (p) => problems.push(p) });
    const p = join(root, '-p');
    expect(sets).toEqual([
      {
        mainFile: join(p, `${sid}.jsonl`),
        sessionId: sid,
        subagents: [
          { file: join(p, 'agent-a1.jsonl') },
          {
            file: join(p, sid, 'subagents', 'agent-b1.jsonl'),
            metaFile: join(p, sid, 'subagents', 'agent-b1.meta.json'),
          },
          { file: join(p, sid, 'subagents', 'agent-b2.jsonl') },
        ],
      },
    ]);
    expect(problems).toEqual([
      {
        file: join(p, 'agent-a2.jsonl'),
        line: 1,
        reason: 'first line is not valid JSON; subagent file not attached',
      },
      {
        file: join(p, 'agent-a3.jsonl'),
        line: 1,
        reason: 'first record has no sessionId; subagent file not attached',
      },
    ]);
  });

  it.skipIf(process.getuid?.() === 0)(
    'reports an unreadable project directory and goes on with the others',
    async () => {
      const root = tree({ '-a/s.jsonl': '{}\n', '-b/t.jsonl': '{}\n' });
      chmodSync(join(root, '-a'), 0o000);
      try {
        const problems: ImportProblem[] = [];
        const sets = await findClaudeTranscripts(root, { onProblem: (p) => problems.push(p) });
        expect(sets.map((s) => s.sessionId)).toEqual(['t']);
        expect(problems).toEqual([
          { file: join(root, '-a'), line: 0, reason: 'cannot read directory: EACCES' },
        ]);
      } finally {
        chmodSync(join(root, '-a'), 0o755);
      }
    },
  );
});
