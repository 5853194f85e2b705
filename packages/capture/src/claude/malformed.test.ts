import { describe, expect, it } from 'vitest';
import { parseClaudeTranscript } from './index.js';

const FILE = '/x/-p/0000aaaa-0000-4000-8000-000000000000.jsonl';
const SID = '0000aaaa-0000-4000-8000-000000000000';
const prompt = (uuid: string, text: string) =>
  JSON.stringify({
    type: 'user',
    uuid,
    parentUuid: null,
    sessionId: SID,
    timestamp: '2026-01-01T00:00:00.000Z',
    message: { role: 'user', content: text },
  });

const parse = (lines: string[], subagents: { file: string; lines: Iterable<string> }[] = []) =>
  parseClaudeTranscript({ mainFile: FILE, lines, subagents });

describe('malformed transcripts', () => {
  it('reports a bad JSON line with its file and line and keeps the others', async () => {
    const r = await parse([prompt('u1', 'one'), '{"type":"user",', prompt('u2', 'two')]);
    expect(r.problems).toEqual([
      { file: FILE, line: 2, reason: expect.stringMatching(/^invalid JSON: /) as string },
    ]);
    expect(r.sessions[0]!.events.map((e) => e.kind)).toEqual(['prompt', 'prompt']);
  });

  it('calls a bad last line truncated, since Claude Code may still be writing it', async () => {
    const r = await parse([prompt('u1', 'one'), prompt('u2', 'two').slice(0, 40)]);
    expect(r.problems).toEqual([
      {
        file: FILE,
        line: 2,
        reason: expect.stringMatching(
          /^last line is incomplete \(truncated, or still being written\): invalid JSON/,
        ) as string,
      },
    ]);
    expect(r.sessions[0]!.events).toHaveLength(1);
  });

  it('warns about U+FFFD (invalid UTF-8 decoded) but keeps the record', async () => {
    const r = await parse([prompt('u1', 'caf\uFFFD')]);
    expect(r.problems).toEqual([
      {
        file: FILE,
        line: 1,
        reason:
          'warning: contains U+FFFD (invalid UTF-8 in the file, or a replacement character in the data); record kept',
      },
    ]);
    expect(r.sessions[0]!.events[0]).toMatchObject({ kind: 'prompt', text: 'caf\uFFFD' });
  });

  it('keeps a record whose message is not an object as an unknown event, with a problem', async () => {
    const odd = [
      { type: 'user', uuid: 'u1', sessionId: SID, message: 'just a string' },
      { type: 'assistant', uuid: 'u2', sessionId: SID, message: ['a'] },
      { type: 'user', uuid: 'u3', sessionId: SID, message: { 0: 'e', 1: 'v' } },
      {
        type: 'assistant',
        uuid: 'u4',
        sessionId: SID,
        message: { role: 'assistant', content: 42 },
      },
      { type: 'user', uuid: 'u5', sessionId: SID },
    ].map((o) => JSON.stringify(o));
    const r = await parse(odd);
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([
      [1, '`message` is a string, not an object; kept as an unknown record'],
      [2, '`message` is an array, not an object; kept as an unknown record'],
      [
        3,
        '`message` is a character-indexed object (a string spread into an object), not a message; kept as an unknown record',
      ],
      [4, '`message.content` is neither a string nor an array; kept as an unknown record'],
      [5, '`message` is missing, not an object; kept as an unknown record'],
    ]);
    expect(r.sessions[0]!.events.map((e) => e.id)).toEqual([
      'u-u1',
      'u-u2',
      'u-u3',
      'u-u4',
      'u-u5',
    ]);
    expect(r.sessions[0]!.events.map((e) => (e.kind === 'unknown' ? e.raw : ''))).toEqual(odd);
  });

  it('keeps a JSON line that is not an object, with a problem', async () => {
    const r = await parse(['[1,2]', 'null', '"text"']);
    expect(r.problems.map((p) => p.reason)).toEqual([
      'line is an array, not a record object; kept as an unknown record',
      'line is null, not a record object; kept as an unknown record',
      'line is a string, not a record object; kept as an unknown record',
    ]);
    expect(r.sessions[0]!.events.map((e) => e.kind)).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('parses a 50 MB record and reports its size', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const r = await parse([prompt('u1', big)]);
    expect(r.problems).toEqual([
      { file: FILE, line: 1, reason: 'warning: very large record (50.0 MiB); record kept' },
    ]);
    expect(r.sessions[0]!.events[0]).toMatchObject({ kind: 'prompt' });
    expect(r.stats.bytes).toBeGreaterThan(50 * 1024 * 1024);
  });

  it('strips a CR left at the end of a line and a BOM at the start of the file', async () => {
    const r = await parse([`\uFEFF${prompt('u1', 'one')}\r`, `${prompt('u2', 'two')}\r`, '']);
    expect(r.problems).toEqual([]);
    expect(r.stats.lines).toBe(3);
    expect(r.sessions[0]!.events).toHaveLength(2);
  });

  it('reports a subagent file that cannot be read and keeps the session', async () => {
    async function* failing(): AsyncIterable<string> {
      yield prompt('s1', 'Find it');
      await Promise.resolve();
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    }
    const r = await parseClaudeTranscript({
      mainFile: FILE,
      lines: [prompt('u1', 'one')],
      subagents: [{ file: '/x/agent-a1.jsonl', lines: failing() }],
    });
    expect(r.problems).toEqual([
      { file: '/x/agent-a1.jsonl', line: 0, reason: 'cannot read file: EIO: EIO: i/o error, read' },
    ]);
    expect(r.sessions[0]!.events.map((e) => e.kind)).toEqual(['prompt', 'system', 'prompt']);
  });

  it('never throws on an empty file or on records of unknown shape', async () => {
    expect(await parse([])).toEqual({
      sessions: [],
      problems: [],
      stats: { lines: 0, bytes: 0, skipped: 0 },
    });
    const r = await parse([
      JSON.stringify({ type: 'progress', uuid: 'p1', sessionId: SID, data: 'x' }),
      JSON.stringify({ type: 'attachment', uuid: 'a1', sessionId: SID }),
    ]);
    expect(r.problems.map((p) => p.reason)).toEqual([
      '`data` is not an object; kept as an unknown record',
      '`attachment` is not an object; kept as an unknown record',
    ]);
  });
});
