import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CapturedSession, SessionDoc } from '@trail/model';
import { Store } from './store.js';
import { findSession, listSessions, search, sessionDetail, sessionEvents } from './query/index.js';
import { toPlain } from './immutable.js';
import { A } from './automerge.js';

const dirs: string[] = [];
function home(): string {
  const d = mkdtempSync(join(tmpdir(), 'trail-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function session(id = 'sess-1'): CapturedSession {
  return {
    id,
    agent: 'claude-code',
    cwd: '/nonexistent/project',
    model: 'claude-sonnet-4-6',
    events: [
      {
        kind: 'prompt',
        id: 'p-1',
        ts: '2026-11-01T10:00:00Z',
        text: 'Fix the token refresh bug in auth.ts',
      },
      {
        kind: 'assistant',
        id: 'a-1',
        ts: '2026-11-01T10:00:01Z',
        text: 'Looking at auth.ts now.',
        usage: { input: 10, output: 5, cacheRead: 0, cacheCreate: 0 },
      },
      {
        kind: 'tool',
        id: 't-1',
        ts: '2026-11-01T10:00:02Z',
        name: 'Edit',
        category: 'edit',
        input: { file_path: '/nonexistent/project/src/auth.ts' },
        status: 'ok',
        changes: [
          {
            path: '/nonexistent/project/src/auth.ts',
            op: 'modify',
            added: 1,
            removed: 1,
            patch: '--- a/src/auth.ts\n+++ b/src/auth.ts\n@@ -1 +1 @@\n-old\n+new\n',
            before: 'old\n',
            after: 'new\n',
          },
        ],
      },
      {
        kind: 'tool',
        id: 't-2',
        ts: '2026-11-01T10:00:03Z',
        name: 'Bash',
        category: 'command',
        input: { command: 'npm test' },
        command: 'npm test',
        status: 'error',
        exitCode: 1,
        output: 'FAIL refreshes expired tokens',
      },
    ],
  };
}

describe('Store', () => {
  it('writes a session into a document, the library and the query index', async () => {
    const h = home();
    const store = await Store.open({ home: h });
    const w = await store.write(session());
    expect(w).toMatchObject({ added: 4, created: true });
    const [s] = listSessions(store.db);
    expect(s).toMatchObject({
      id: 'sess-1',
      agent: 'claude-code',
      model: 'claude-sonnet-4-6',
      title: 'Fix the token refresh bug in auth.ts',
    });
    expect(s!.counts).toEqual({
      prompts: 1,
      toolCalls: 2,
      filesChanged: 1,
      commands: 1,
      errors: 1,
      events: 4,
    });
    const detail = sessionDetail(
      findSession(store.db, 'sess'),
      sessionEvents(store.db, 'sess-1'),
      (r) => store.blobs.getText(r.hash),
    );
    expect(detail.prompts[0]!.text).toBe('Fix the token refresh bug in auth.ts');
    expect(detail.commands).toEqual([
      { command: 'npm test', exitCode: 1, status: 'error', prompt: 1, seq: 3 },
    ]);
    expect(search(store.db, 'expired tokens')[0]).toMatchObject({
      sessionId: 'sess-1',
      field: 'output',
      prompt: 1,
    });
    await store.close();
  });

  it('adds nothing when the same session is written again', async () => {
    const store = await Store.open({ home: home() });
    await store.write(session());
    const again = await store.write(session());
    expect(again).toMatchObject({ added: 0, merged: 0, created: false });
    expect(sessionEvents(store.db, 'sess-1')).toHaveLength(4);
    await store.close();
  });

  it('completes a pending tool call when its result arrives later, under the same id', async () => {
    const store = await Store.open({ home: home() });
    const s = session();
    const pending: CapturedSession = {
      ...s,
      events: [
        {
          kind: 'tool',
          id: 't-9',
          ts: '2026-11-01T10:00:05Z',
          name: 'Bash',
          category: 'command',
          input: { command: 'ls' },
          command: 'ls',
          status: 'pending',
        },
      ],
    };
    await store.write(pending);
    const done: CapturedSession = {
      ...s,
      events: [
        {
          kind: 'tool',
          id: 't-9',
          ts: '2026-11-01T10:00:06Z',
          name: 'Bash',
          category: 'command',
          input: { command: 'ls' },
          command: 'ls',
          status: 'ok',
          exitCode: 0,
          output: 'README.md',
        },
      ],
    };
    const w = await store.write(done);
    expect(w).toMatchObject({ added: 0, merged: 1 });
    const [e] = sessionEvents(store.db, 'sess-1');
    expect(e).toMatchObject({ status: 'ok', exitCode: 0, ts: '2026-11-01T10:00:05.000Z' });
    await store.close();
  });

  it('stores recorded text as immutable strings and numbers as ints, and inserts late events in time order', async () => {
    const store = await Store.open({ home: home() });
    await store.write(session());
    // an event from before the others arrives later (a subagent's transcript, a hook replay)
    await store.write({
      ...session(),
      events: [{ kind: 'prompt', id: 'p-0', ts: '2026-11-01T09:59:59Z', text: 'Earlier prompt' }],
    });
    const doc = (await store.sessionDoc('sess-1'))!;
    const h = A.getBackend(doc);
    const [, events] = h.getWithType('_root', 'events') as [string, string];
    const [, first] = h.getWithType(events, 0) as [string, string];
    expect(h.getWithType(first, 'preview')).toEqual(['str', 'Earlier prompt']);
    expect(h.getWithType('_root', 'title')?.[0]).toBe('str');
    const [, counts] = h.getWithType('_root', 'counts') as [string, string];
    expect(h.getWithType(counts, 'prompts')).toEqual(['int', 2]);
    const [, usage] = h.getWithType('_root', 'usage') as [string, string];
    expect(h.getWithType(usage, 'input')).toEqual(['int', 10]);
    expect(toPlain<SessionDoc>(doc).events.map((e) => e.id)).toEqual([
      'p-0',
      'p-1',
      'a-1',
      't-1',
      't-2',
    ]);
    expect(sessionEvents(store.db, 'sess-1').map((e) => [e.id, e.promptNo])).toEqual([
      ['p-0', 1],
      ['p-1', 2],
      ['a-1', 2],
      ['t-1', 2],
      ['t-2', 2],
    ]);
    await store.close();
  });

  it('keeps documents small: full text goes to blobs, documents hold previews', async () => {
    const store = await Store.open({ home: home() });
    const big = 'x'.repeat(200_000);
    const s = session();
    s.events.push({
      kind: 'tool',
      id: 't-big',
      ts: '2026-11-01T10:01:00Z',
      name: 'Bash',
      category: 'command',
      input: { command: 'cat big' },
      command: 'cat big',
      status: 'ok',
      exitCode: 0,
      output: big,
    });
    await store.write(s);
    const stored = await store.sessionDoc('sess-1');
    const bytes = A.save(stored!);
    expect(bytes.length).toBeLessThan(8_000);
    const doc = toPlain<SessionDoc>(stored);
    const ev = doc.events.find((e) => e.id === 't-big')!;
    expect(ev.outputPreview!.length).toBeLessThanOrEqual(160);
    expect(store.blobs.getText(ev.output!.hash)).toBe(big);
    await store.close();
  });

  it('gives one session the same document id in two independent stores with the same space key', async () => {
    const a = await Store.open({ home: home() });
    const urlA = a.sessionUrl('sess-1');
    expect(a.sessionUrl('sess-1')).toBe(urlA);
    expect(a.sessionUrl('sess-2')).not.toBe(urlA);
    await a.close();
  });

  it('rebuilds an identical index from the documents', async () => {
    const store = await Store.open({ home: home() });
    await store.write(session('s-a'));
    await store.write(session('s-b'));
    const before = JSON.stringify([listSessions(store.db), sessionEvents(store.db, 's-a')]);
    expect(await store.reindex()).toBe(2);
    expect(JSON.stringify([listSessions(store.db), sessionEvents(store.db, 's-a')])).toBe(before);
    await store.close();
  });

  it('keeps key material private: space key file 0600 in a 0700 directory', async () => {
    const h = home();
    const store = await Store.open({ home: h });
    await store.close();
    expect(statSync(join(h, 'keys', 'space.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(h, 'keys')).mode & 0o077).toBe(0);
    expect(readdirSync(h)).toEqual(
      expect.arrayContaining(['automerge', 'blobs', 'keys', 'store.json', 'index.sqlite']),
    );
  });

  it('refuses a second writer until the first closes', async () => {
    const h = home();
    const a = await Store.open({ home: h });
    await expect(Store.open({ home: h, lockTimeoutMs: 50 })).rejects.toMatchObject({
      code: 'STORE_LOCKED',
    });
    await a.close();
    const b = await Store.open({ home: h, lockTimeoutMs: 50 });
    await b.close();
  });
});
