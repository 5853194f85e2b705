import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { readCodexSession } from './find.js';
import { parseCodexSession } from './parse.js';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trail-codex-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const meta = JSON.stringify({
  timestamp: '2025-10-01T00:00:00Z',
  type: 'session_meta',
  payload: { id: 'sess-1', cwd: '/r' },
});
const prompt = JSON.stringify({
  timestamp: '2025-10-01T00:00:01Z',
  type: 'event_msg',
  payload: { type: 'user_message', message: 'go' },
});

describe('bad input', () => {
  test('a truncated last line is reported as such and the rest is kept', () => {
    const text = `${meta}\n${prompt}\n{"timestamp":"2025-10-01T00:00:02Z","type":"resp`;
    const r = parseCodexSession({ file: 'f.jsonl', text });
    expect(r.sessions[0]!.events.map((e) => e.kind)).toEqual(['prompt']);
    expect(r.problems).toEqual([
      { file: 'f.jsonl', line: 3, reason: expect.stringMatching(/^truncated last line/) },
    ]);
  });

  test('garbage lines become problems naming their line', () => {
    const text = `${meta}\nnot json at all\n[1,2]\n${prompt}\n`;
    const r = parseCodexSession({ file: 'g.jsonl', text });
    expect(r.problems.map((p) => [p.line, p.reason.split(',')[0]])).toEqual([
      [2, 'not valid JSON'],
      [3, 'not a JSON object'],
    ]);
    expect(r.sessions[0]!.events).toHaveLength(1);
    expect(r.stats.records).toBe(2);
  });

  test('an empty file yields no session and a CAPTURE_EMPTY problem', () => {
    for (const text of ['', '\n\n  \n']) {
      const r = parseCodexSession({ file: 'e.jsonl', text });
      expect(r.sessions).toEqual([]);
      expect(r.problems).toEqual([
        { file: 'e.jsonl', line: 0, reason: 'CAPTURE_EMPTY: the file is empty' },
      ]);
    }
  });

  test('an unreadable file yields a CAPTURE_UNREADABLE problem, not an exception', async () => {
    const dir = tempDir();
    const missing = await readCodexSession(join(dir, 'nope.jsonl'));
    expect(missing.sessions).toEqual([]);
    expect(missing.problems[0]!.reason).toMatch(
      /^CAPTURE_UNREADABLE: cannot read the file \(ENOENT/,
    );
    const asDir = join(dir, 'rollout-x.jsonl');
    mkdirSync(asDir);
    expect((await readCodexSession(asDir)).problems[0]!.reason).toMatch(
      /^CAPTURE_UNREADABLE: cannot read the file \(EISDIR/,
    );
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.jsonl');
      writeFileSync(locked, meta);
      chmodSync(locked, 0);
      expect((await readCodexSession(locked)).problems[0]!.reason).toMatch(/EACCES/);
    }
  });

  test('unknown record types are kept verbatim as unknown events', () => {
    const weird = JSON.stringify({
      timestamp: '2025-10-01T00:00:03Z',
      type: 'inter_agent_communication',
      payload: { to: 'b' },
    });
    const r = parseCodexSession({ file: 'u.jsonl', text: `${meta}\n${weird}\n` });
    expect(r.sessions[0]!.events).toEqual([
      {
        id: expect.stringMatching(/^u-[0-9a-f]{16}-0$/),
        kind: 'unknown',
        ts: '2025-10-01T00:00:03Z',
        recordType: 'inter_agent_communication',
        raw: weird,
      },
    ]);
    expect(r.stats.unknown).toBe(1);
  });

  test('an output without its call is kept as unknown and reported', () => {
    const orphan = JSON.stringify({
      timestamp: 't',
      type: 'response_item',
      payload: { type: 'function_call_output', call_id: 'nope', output: 'x' },
    });
    const r = parseCodexSession({ file: 'o.jsonl', text: `${meta}\n${orphan}\n` });
    expect(r.sessions[0]!.events.map((e) => e.kind)).toEqual(['unknown']);
    expect(r.problems).toEqual([
      {
        file: 'o.jsonl',
        line: 2,
        reason: 'output for unknown tool call nope kept as an unknown record',
      },
    ]);
  });

  test('records before any header still land in a session named after the file', () => {
    const r = parseCodexSession({
      file: '/x/rollout-2025-01-01T00-00-00-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl',
      text: `${prompt}\n`,
    });
    expect(r.sessions.map((s) => s.id)).toEqual(['0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee']);
    expect(r.problems[0]!.reason).toMatch(/before any session header/);
  });

  test('a broken legacy .json file names the line where parsing stopped', () => {
    const r = parseCodexSession({
      file: 'rollout-2025-04-01-x.json',
      text: '{\n  "session": {},\n  "items": [\n    {"type": "message",\n',
    });
    expect(r.sessions).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.reason).toMatch(/^CAPTURE_UNKNOWN_FORMAT: not valid JSON/);
    expect(r.problems[0]!.line).toBeGreaterThanOrEqual(4);
  });

  test('a malformed patch is parsed leniently and the deviation reported', () => {
    const call = JSON.stringify({
      timestamp: 't',
      type: 'response_item',
      payload: {
        type: 'custom_tool_call',
        call_id: 'c',
        name: 'apply_patch',
        input: '*** Begin Patch\n*** Update File: a\n@@\nstray\n-x\n+y\n*** End Patch',
      },
    });
    const r = parseCodexSession({ file: 'p.jsonl', text: `${meta}\n${call}\n` });
    expect(r.problems).toEqual([
      {
        file: 'p.jsonl',
        line: 2,
        reason: 'apply_patch line 4: unexpected line in Update File kept as context',
      },
    ]);
    expect(r.sessions[0]!.events[0]).toMatchObject({
      kind: 'tool',
      status: 'pending',
      changes: [{ path: 'a', op: 'modify', added: 1, removed: 1 }],
    });
  });
});
