import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { tempDir, trail } from './helpers.js';
import { buildOpencodeDb, FIXTURES, log, show } from './agents-support.js';

const line = (o: unknown) => JSON.stringify(o) + '\n';
const meta = (id: string) =>
  line({
    timestamp: '2026-01-05T10:00:00.000Z',
    type: 'session_meta',
    payload: { id, timestamp: '2026-01-05T10:00:00.000Z', cwd: '/work/app', cli_version: '0.73.0' },
  });
const prompt = (text: string, t = '2026-01-05T10:00:01.000Z') =>
  line({ timestamp: t, type: 'event_msg', payload: { type: 'user_message', message: text } });
const isRoot = process.getuid?.() === 0;

/** The `file:line: reason` lines an import printed on stderr. */
const problems = (stderr: string) => stderr.split('\n').filter((l) => /^\/.+:\d+: /.test(l));

describe('bad input is reported as file:line and never stops an import', () => {
  it('keeps the good lines of truncated and malformed Codex rollouts, keeps unknown records, and names unreadable files', () => {
    const root = tempDir();
    const dir = join(root, 'rollouts');
    mkdirSync(dir);
    const id = (n: number) => `019b0000-0000-7000-8000-00000000000${n}`;
    const truncated = join(dir, `rollout-2026-01-05T10-00-00-${id(1)}.jsonl`);
    writeFileSync(
      truncated,
      meta(id(1)) +
        prompt('fix the parser') +
        '{"timestamp":"2026-01-05T10:00:02.000Z","type":"event_msg","payload":{"type":"user_mes',
    );
    const malformed = join(dir, `rollout-2026-01-05T11-00-00-${id(2)}.jsonl`);
    writeFileSync(
      malformed,
      meta(id(2)) + 'this is not json\n' + prompt('add a test') + '{"type": [1, 2\n',
    );
    const unknown = join(dir, `rollout-2026-01-05T12-00-00-${id(3)}.jsonl`);
    writeFileSync(
      unknown,
      meta(id(3)) +
        prompt('explain the build') +
        line({
          timestamp: '2026-01-05T12:00:02.000Z',
          type: 'world_state',
          payload: { weather: 'fine' },
        }),
    );
    symlinkSync(join(root, 'gone.jsonl'), join(dir, `rollout-2026-01-05T13-00-00-${id(4)}.jsonl`));
    const locked = join(dir, `rollout-2026-01-05T14-00-00-${id(5)}.jsonl`);
    writeFileSync(locked, meta(id(5)) + prompt('secret'));
    chmodSync(locked, 0o000);
    const home = join(root, 'home');
    const r = trail(home, ['import', 'codex', '--from', dir]);
    expect(r.status).toBe(0);
    const printed = problems(r.stderr);
    expect(printed).toContainEqual(
      expect.stringMatching(new RegExp(`^${truncated}:3: truncated last line`)),
    );
    expect(printed).toContainEqual(expect.stringMatching(new RegExp(`^${malformed}:2: `)));
    expect(printed).toContainEqual(expect.stringMatching(new RegExp(`^${malformed}:4: `)));
    expect(printed).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${join(dir, 'rollout-2026-01-05T13')}.*:0: CAPTURE_UNREADABLE`),
      ),
    );
    if (!isRoot)
      expect(printed).toContainEqual(
        expect.stringMatching(new RegExp(`^${locked}:0: CAPTURE_UNREADABLE`)),
      );
    expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    expect(show(home, id(1)).prompts.map((p) => p.text)).toEqual(['fix the parser']);
    expect(show(home, id(2)).prompts.map((p) => p.text)).toEqual(['add a test']);
    const kept = show(home, id(3)).events.filter((e) => e.kind === 'unknown');
    expect(kept).toHaveLength(1);
    expect(kept[0]!.preview).toContain('world_state');
    // the unreadable file is tried again next time; the others are not re-read
    chmodSync(locked, 0o644);
    const again = trail(home, ['import', 'codex', '--from', dir, '--json']);
    const s = JSON.parse(again.stdout).imports[0];
    expect(s.unchanged).toBe(isRoot ? 4 : 3);
    if (!isRoot) expect(s.newSessions).toBe(1);
  });

  it('reports a Gemini session that is not JSON and a torn JSONL line, and imports the rest', () => {
    const root = tempDir();
    const chats = join(root, 'gemini', 'tmp', 'abc123', 'chats');
    mkdirSync(chats, { recursive: true });
    writeFileSync(
      join(chats, 'session-2026-01-05T10-00-aaaa.json'),
      '{"sessionId": "g-1", "messages": [',
    );
    writeFileSync(
      join(chats, 'session-2026-01-05T11-00-bbbb.jsonl'),
      line({ sessionId: 'g-2', startTime: '2026-01-05T11:00:00.000Z' }) +
        line({
          id: 'm1',
          timestamp: '2026-01-05T11:00:01.000Z',
          type: 'user',
          content: 'rename the module',
        }) +
        '{"id": "m2", "type": "gem',
    );
    const home = join(root, 'home');
    const r = trail(home, ['import', 'gemini', '--from', join(root, 'gemini')]);
    expect(r.status).toBe(0);
    expect(problems(r.stderr)).toContainEqual(
      expect.stringMatching(/session-2026-01-05T10-00-aaaa\.json:\d+: /),
    );
    expect(show(home, 'g-2').prompts.map((p) => p.text)).toEqual(['rename the module']);
  });

  it('says when OpenCode holds its database locked, exits 6, and imports it once the lock is gone', () => {
    const root = tempDir();
    const data = join(root, 'opencode');
    mkdirSync(data);
    const db = join(data, 'opencode.db');
    buildOpencodeDb(db, join(FIXTURES, 'opencode', 'data', 'storage'), 'delete');
    const writer = new DatabaseSync(db);
    writer.exec('BEGIN EXCLUSIVE');
    writer.exec("UPDATE session SET title = 'being written'");
    const home = join(root, 'home');
    try {
      const r = trail(home, ['import', 'opencode', '--from', data]);
      expect(r.status).toBe(6);
      expect(problems(r.stderr)).toEqual([
        expect.stringMatching(new RegExp(`^${db}:0: OPENCODE_DB_LOCKED: .*locked`)),
      ]);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    const again = trail(home, ['import', 'opencode', '--from', data]);
    expect(again.status).toBe(0);
    expect(log(home, ['--agent', 'opencode'])).toHaveLength(1);
  });

  it('reports an OpenCode database row that is not JSON, and a file that is not a database', () => {
    const root = tempDir();
    const data = join(root, 'opencode');
    mkdirSync(data);
    const db = join(data, 'opencode.db');
    buildOpencodeDb(db, join(FIXTURES, 'opencode', 'data', 'storage'));
    const w = new DatabaseSync(db);
    w.exec("UPDATE part SET data = '{oops' WHERE id = 'prt_9a1b00000011AAAAAAAAAAAA'");
    w.close();
    const home = join(root, 'home');
    const r = trail(home, ['import', 'opencode', '--from', db]);
    expect(r.status).toBe(0);
    expect(problems(r.stderr)).toEqual([
      `${db}:0: part prt_9a1b00000011AAAAAAAAAAAA: data is not a JSON object, row skipped`,
    ]);
    const junk = join(root, 'junk.db');
    writeFileSync(junk, 'this is not sqlite');
    const bad = trail(home, ['import', 'opencode', '--from', junk]);
    expect(bad.status).toBe(0);
    expect(problems(bad.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^${junk}:0: OPENCODE_DB_ERROR: `)),
    ]);
  });

  it('names a missing source and an unreadable aider history', () => {
    const root = tempDir();
    const home = join(root, 'home');
    const missing = trail(home, ['import', 'codex', '--from', join(root, 'nowhere')]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toBe(`trail: no Codex history at ${join(root, 'nowhere')} (ENOENT)\n`);
    const history = join(root, 'chat.md');
    symlinkSync(join(root, 'gone.md'), history);
    const r = trail(home, ['import', 'aider', '--from', history]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('no aider history at');
    const unknown = trail(home, ['import', 'cursor']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(
      'unknown agent "cursor"; one of: claude, codex, gemini, opencode, aider',
    );
  });
});
