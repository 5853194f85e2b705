import { describe, expect, it } from 'vitest';
import { normalizeClaudeTool } from './index.js';

const edit = { file_path: '/p/a.ts', old_string: 'b', new_string: 'B' };

describe('file changes of Write, Edit, MultiEdit and NotebookEdit', () => {
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
});
