import * as A from '@automerge/automerge';
import { createRedactor } from '@trail/redact';
import type { SessionDoc } from '@trail/model';
import { describe, expect, it } from 'vitest';
import { historyHolds } from './history.js';
import { patternMatcher, redactorMatcher, replaceInText, secretMatcher } from './matcher.js';
import { rebuildSessionDoc } from './rebuild.js';

const SECRET = 'hunter2-Plum-7731';

function content(extra: Partial<SessionDoc> = {}): SessionDoc {
  return {
    schema: 1,
    kind: 'trail/session',
    id: 'sess-1',
    agent: 'claude-code',
    project: 'git:github.com/acme/shop',
    cwd: '/src/shop',
    gitBranch: 'main',
    title: 'Fix the login',
    model: 'claude-sonnet-4-6',
    agentVersion: '2.1.90',
    startedAt: '2026-11-21T09:00:00.000Z',
    endedAt: '2026-11-21T09:10:00.000Z',
    counts: { prompts: 1, toolCalls: 0, filesChanged: 0, commands: 0, errors: 0, events: 1 },
    usage: { input: 10, output: 5, cacheRead: 0, cacheCreate: 0 },
    events: [
      { id: 'p1', kind: 'prompt', ts: '2026-11-21T09:00:00.000Z', preview: 'Fix the login' },
    ],
    annotations: { tags: { auth: true }, note: 'looks right', status: 'reviewed', hidden: false },
    sources: {},
    ...extra,
  };
}

describe('matchers', () => {
  it('find a secret as it is and JSON-escaped, and replace every occurrence', () => {
    const m = secretMatcher('pa"ss\\word-42');
    expect(m.test('x pa"ss\\word-42 y')).toBe(true);
    expect(m.test(JSON.stringify({ p: 'pa"ss\\word-42' }))).toBe(true);
    expect(m.replace('a pa"ss\\word-42 b pa"ss\\word-42')).toBe(
      'a [REDACTED:purged] b [REDACTED:purged]',
    );
    expect(secretMatcher('ghp_abcdefgh', 'github-token').replace('t=ghp_abcdefgh')).toBe(
      't=[REDACTED:github-token]',
    );
  });

  it('refuse secrets too short to be safe and patterns that match everything', () => {
    expect(() => secretMatcher('abc')).toThrow(
      expect.objectContaining({ code: 'PURGE_SECRET_TOO_SHORT' }),
    );
    expect(() => patternMatcher('a*')).toThrow(
      expect.objectContaining({ code: 'PURGE_BAD_PATTERN' }),
    );
    expect(() => patternMatcher('(')).toThrow(/not a valid regular expression/);
    expect(patternMatcher('/ACME-[0-9]{4}/i').replace('see acme-1234')).toBe(
      'see [REDACTED:purged]',
    );
  });

  it('keep JSON valid when replacing inside it, unless the match spans its syntax', () => {
    const m = secretMatcher('s3cr3t-value');
    const json = JSON.stringify({ command: 'echo s3cr3t-value', n: 1 });
    expect(JSON.parse(replaceInText(json, m, true))).toEqual({
      command: 'echo [REDACTED:purged]',
      n: 1,
    });
    const spanning = patternMatcher('"command":"echo');
    expect(replaceInText(json, spanning, true)).toBe(
      json.replace('"command":"echo', '[REDACTED:purged]'),
    );
  });

  it('use the redactor’s findings and placeholders for a session purge', () => {
    const m = redactorMatcher(createRedactor({ homeDir: null, userName: null }));
    const token = 'ghp_' + 'a1B2c3D4'.repeat(4) + 'e5F6';
    expect(m.test(`token ${token}`)).toBe(true);
    expect(m.replace(`token ${token}`)).toBe('token [REDACTED:github-token]');
  });
});

describe('historyHolds', () => {
  const m = secretMatcher(SECRET);

  it('finds a value that was overwritten later', () => {
    let d = A.from<{ title: A.ImmutableString }>({
      title: new A.ImmutableString(`login ${SECRET}`),
    });
    d = A.change(d, (x) => {
      x.title = new A.ImmutableString('login');
    });
    expect(JSON.stringify(d)).not.toContain(SECRET);
    expect(historyHolds(d, m)).toBe(true);
  });

  it('finds map keys, change messages and text typed into a collaborative note', () => {
    const keyed = A.change(A.from<{ m: Record<string, boolean> }>({ m: {} }), (x) => {
      x.m[`/src/${SECRET}/a.ts`] = true;
    });
    expect(historyHolds(keyed, m)).toBe(true);
    const message = A.change(A.from({ n: 1 }), { message: `note ${SECRET}` }, (x) => {
      x.n = 2;
    });
    expect(historyHolds(message, m)).toBe(true);
    let note = A.from<{ note: string }>({ note: '' });
    note = A.change(note, (x) => A.splice(x, ['note'], 0, 0, `pw ${SECRET}`));
    note = A.change(note, (x) => A.updateText(x, ['note'], 'pw gone'));
    expect(historyHolds(note, m)).toBe(true);
    expect(historyHolds(A.from({ title: 'clean' }), m)).toBe(false);
  });
});

describe('rebuildSessionDoc', () => {
  it('holds the content and no history of what it replaced', () => {
    const doc = rebuildSessionDoc(content(), 1);
    expect(JSON.parse(JSON.stringify(doc))).toMatchObject({
      id: 'sess-1',
      generation: 1,
      title: 'Fix the login',
      annotations: { tags: { auth: true }, note: 'looks right', status: 'reviewed' },
    });
    expect(A.getAllChanges(doc)).toHaveLength(2);
    expect(historyHolds(doc, secretMatcher('Fix the login'))).toBe(true);
    expect(historyHolds(doc, m())).toBe(false);
  });

  it('is identical on two devices that purge the same content, so they merge into one', () => {
    const a = rebuildSessionDoc(content(), 2);
    const b = rebuildSessionDoc(content(), 2);
    expect(A.getHeads(a)).toEqual(A.getHeads(b));
    expect(A.save(a)).toEqual(A.save(b));
  });

  it('shares its genesis across devices even when the content differs, so edits merge', () => {
    const a = rebuildSessionDoc(content(), 1);
    const b = rebuildSessionDoc(content({ title: 'Fix the login page' }), 1);
    let merged = A.merge(A.clone(a), b);
    merged = A.change(merged, (d) => {
      d.annotations.tags['merged'] = true;
    });
    expect(Object.keys(A.toJS(merged).annotations.tags).sort()).toEqual(['auth', 'merged']);
    expect(A.toJS(merged).id).toBe('sess-1');
  });
});

function m() {
  return secretMatcher(SECRET);
}
