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

  it('rebuilds an Edit diff from originalFile when structuredPatch is missing', () => {
    const r = {
      filePath: '/p/a.ts',
      oldString: 'b',
      newString: 'B',
      originalFile: 'a\nb\nc\n',
      structuredPatch: [],
    };
    expect(normalizeClaudeTool('Edit', edit, r, {}).changes).toEqual([
      {
        path: '/p/a.ts',
        op: 'modify',
        added: 1,
        removed: 1,
        patch: '--- a/p/a.ts\n+++ b/p/a.ts\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n',
        before: 'a\nb\nc\n',
        after: 'a\nB\nc\n',
      },
    ]);
  });

  it('applies replace_all when rebuilding the content after an Edit', () => {
    const r = {
      filePath: '/p/a.ts',
      oldString: 'x',
      newString: 'y',
      originalFile: 'x x\nx\n',
      replaceAll: true,
    };
    expect(
      normalizeClaudeTool('Edit', { ...edit, replace_all: true }, r, {}).changes?.[0],
    ).toMatchObject({ after: 'y y\ny\n', added: 2, removed: 2 });
  });

  it('falls back to a diff of the edited snippets when neither hunks nor the file are known', () => {
    const c = normalizeClaudeTool('Edit', edit, { filePath: '/p/a.ts' }, {}).changes?.[0];
    expect(c).toEqual({
      path: '/p/a.ts',
      op: 'modify',
      added: 1,
      removed: 1,
      patch:
        '--- a/p/a.ts\n+++ b/p/a.ts\n@@ -1,1 +1,1 @@\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n',
    });
  });

  it('marks an Edit that created its file (originalFile null) as a creation', () => {
    const c = normalizeClaudeTool(
      'Edit',
      { file_path: '/p/new.ts', old_string: '', new_string: 'x\n' },
      { filePath: '/p/new.ts', oldString: '', newString: 'x\n', originalFile: null },
      {},
    ).changes?.[0];
    expect(c).toMatchObject({ op: 'create', before: null, after: 'x\n', added: 1, removed: 0 });
  });

  it('reports a Write of unknown prior content by its size', () => {
    expect(
      normalizeClaudeTool(
        'Write',
        { file_path: '/p/w.txt', content: 'a\nb\n' },
        { filePath: '/p/w.txt' },
        { isError: false },
      ).changes,
    ).toEqual([{ path: '/p/w.txt', op: 'modify', added: 2, removed: 0, after: 'a\nb\n' }]);
  });

  it('applies MultiEdit edits in order to the original contents', () => {
    const input = {
      file_path: '/p/m.md',
      edits: [
        { old_string: 'a', new_string: 'b' },
        { old_string: 'b', new_string: 'c' },
      ],
    };
    const c = normalizeClaudeTool(
      'MultiEdit',
      input,
      { filePath: '/p/m.md', edits: input.edits, originalFileContents: 'a\n' },
      {},
    ).changes?.[0];
    expect(c).toMatchObject({ before: 'a\n', after: 'c\n', added: 1, removed: 1 });
    const blind = normalizeClaudeTool('MultiEdit', input, { filePath: '/p/m.md' }, {}).changes?.[0];
    expect(blind).toEqual({ path: '/p/m.md', op: 'modify', added: 2, removed: 2 });
  });

  it('diffs NotebookEdit when the notebook before and after is given', () => {
    const r = {
      notebook_path: '/p/n.ipynb',
      original_file: '{"cells":[1]}\n',
      updated_file: '{"cells":[2]}\n',
    };
    expect(
      normalizeClaudeTool('NotebookEdit', { notebook_path: '/p/n.ipynb', new_source: '2' }, r, {})
        .changes?.[0],
    ).toMatchObject({ added: 1, removed: 1, before: r.original_file, after: r.updated_file });
  });

  it('never reports changes for a failed edit', () => {
    expect(
      normalizeClaudeTool('Write', { file_path: '/p/w', content: 'x' }, 'Error: denied', {
        isError: true,
      }).changes,
    ).toBeUndefined();
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

  it('uses the tool_result text and the input when the result object is missing (agent_progress copies)', () => {
    expect(
      normalizeClaudeTool('Edit', edit, undefined, {
        isError: false,
        resultText: 'The file /p/a.ts has been updated.',
      }),
    ).toEqual({
      category: 'edit',
      status: 'ok',
      output: 'The file /p/a.ts has been updated.',
      changes: [
        {
          path: '/p/a.ts',
          op: 'modify',
          added: 1,
          removed: 1,
          patch:
            '--- a/p/a.ts\n+++ b/p/a.ts\n@@ -1,1 +1,1 @@\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n',
        },
      ],
    });
    expect(
      normalizeClaudeTool('Bash', { command: 'x' }, undefined, {
        resultText: '[Request interrupted by user for tool use]',
        isError: true,
      }),
    ).toMatchObject({ status: 'interrupted' });
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
