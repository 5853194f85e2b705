import { describe, expect, it } from 'vitest';
import { claudeToolCategory, normalizeClaudeTool } from './index.js';

const edit = { file_path: '/p/a.ts', old_string: 'b', new_string: 'B' };

describe('normalizeClaudeTool', () => {
  it('says pending while a call has no result (PreToolUse)', () => {
    expect(normalizeClaudeTool('Bash', { command: 'ls' }, undefined, {})).toEqual({
      category: 'command',
      command: 'ls',
      status: 'pending',
    });
    expect(normalizeClaudeTool('Edit', edit, undefined, {})).toEqual({
      category: 'edit',
      status: 'pending',
    });
  });

  it('reads the exit code of a failed command from a PostToolUseFailure error', () => {
    expect(
      normalizeClaudeTool('Bash', { command: 'false' }, undefined, {
        isError: true,
        errorText: 'Exit code 1\nboom',
      }),
    ).toEqual({
      category: 'command',
      command: 'false',
      status: 'error',
      error: 'Exit code 1\nboom',
      exitCode: 1,
      output: 'boom',
    });
    expect(
      normalizeClaudeTool('Bash', { command: 'x' }, 'Error: spawn failed', { isError: true }),
    ).toMatchObject({ status: 'error', exitCode: null, error: 'Error: spawn failed' });
  });

  it('treats a string result that reads as a failure as an error when is_error is unknown', () => {
    expect(
      normalizeClaudeTool(
        'Edit',
        edit,
        'Error: File has not been read yet. Read it first before writing to it.',
        {},
      ),
    ).toMatchObject({
      status: 'error',
      error: 'Error: File has not been read yet. Read it first before writing to it.',
    });
    expect(normalizeClaudeTool('LS', { path: '/p' }, '- /p/\n  - a.ts\n', {})).toMatchObject({
      category: 'search',
      status: 'ok',
      output: '- /p/\n  - a.ts\n',
    });
  });

  it('gives exit code 0 to a successful command and joins stdout and stderr', () => {
    expect(
      normalizeClaudeTool(
        'Bash',
        { command: 'make' },
        { stdout: 'built', stderr: 'warning: x', interrupted: false, isImage: false },
        {},
      ),
    ).toEqual({
      category: 'command',
      command: 'make',
      status: 'ok',
      output: 'built\nwarning: x',
      exitCode: 0,
    });
  });

  it('parses the exit code Claude Code reinterpreted as success when it is named', () => {
    const r = {
      stdout: '',
      stderr: '',
      interrupted: false,
      returnCodeInterpretation: 'exit_code:1',
    };
    expect(normalizeClaudeTool('Bash', { command: 'diff a b' }, r, {})).toMatchObject({
      status: 'ok',
      exitCode: 1,
    });
  });

  it('reads the file of a Read call, text or image', () => {
    expect(
      normalizeClaudeTool(
        'Read',
        { file_path: '/p/a.png' },
        { type: 'image', file: { base64: 'AAAA', type: 'image/png', originalSize: 3 } },
        {},
      ),
    ).toEqual({
      category: 'read',
      status: 'ok',
      reads: ['/p/a.png'],
      output: '[image image/png]',
    });
  });

  it('takes the spawned agent id of Task and Agent calls from the result', () => {
    const r = {
      status: 'async_launched',
      isAsync: true,
      agentId: 'a1234567',
      outputFile: '/tmp/x',
      content: [{ type: 'text', text: 'launched' }],
    };
    expect(normalizeClaudeTool('Agent', { prompt: 'p' }, r, {})).toEqual({
      category: 'agent',
      status: 'ok',
      spawnedAgentId: 'a1234567',
      output: 'launched',
    });
  });

  it('renders web searches, plans and MCP results as text', () => {
    const ws = {
      query: 'q',
      results: [
        { tool_use_id: 'x', content: [{ title: 'Vitest', url: 'https://vitest.dev' }] },
        'note',
      ],
      durationSeconds: 1,
    };
    expect(normalizeClaudeTool('WebSearch', { query: 'q' }, ws, {}).output).toBe(
      'Vitest https://vitest.dev\nnote',
    );
    expect(
      normalizeClaudeTool(
        'ExitPlanMode',
        { plan: '# Plan' },
        { plan: '# Plan', isAgent: false, filePath: '/p/plan.md' },
        {},
      ).output,
    ).toBe('# Plan');
    expect(
      normalizeClaudeTool(
        'mcp__db__query',
        { sql: 'select 1' },
        [{ type: 'text', text: '1 row' }],
        {},
      ),
    ).toEqual({ category: 'other', status: 'ok', output: '1 row' });
    expect(
      normalizeClaudeTool('Skill', { skill: 'x' }, { success: true, commandName: 'x' }, {}).output,
    ).toBe('{"success":true,"commandName":"x"}');
    expect(
      normalizeClaudeTool(
        'Grep',
        { pattern: 'x' },
        { mode: 'content', content: 'a.ts:1:x', numFiles: 1, filenames: [] },
        {},
      ).output,
    ).toBe('a.ts:1:x');
  });

  it('puts every tool in a category', () => {
    expect(
      ['Read', 'Write', 'Bash', 'Glob', 'WebFetch', 'Task', 'TodoWrite', 'mcp__x__y', 'Nope'].map(
        claudeToolCategory,
      ),
    ).toEqual(['read', 'edit', 'command', 'search', 'web', 'agent', 'plan', 'other', 'other']);
    expect(claudeToolCategory('constructor')).toBe('other');
  });
});
