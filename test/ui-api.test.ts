import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiServer, type UiServer } from '../cli/src/ui/server.js';
import { FAKE_TOKEN, makeStore, type UiStore } from './ui/fixture.js';
import { http } from './ui/http.js';
import { trail, trailJson } from './helpers.js';

let dir: string;
let store: UiStore;
let ui: UiServer;
const auth = () => ({ 'x-trail-token': ui.token });
const api = async <T = Record<string, unknown>>(path: string) => {
  const r = await http(ui.port, path, { headers: auth() });
  expect(r.status, r.body).toBe(200);
  return r.json<T>();
};
const cli = <T = Record<string, unknown>>(args: string[]) =>
  trailJson<T>(store.home, args, { cwd: store.repo });

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'trail-ui-api-')));
  store = makeStore(dir);
  ui = await startUiServer({ home: store.home });
});
afterAll(async () => {
  await ui?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web view refuses what is not its own page', () => {
  it('listens on 127.0.0.1 and refuses a request without the token', async () => {
    expect(ui.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${ui.port}/\\?token=[A-Za-z0-9_-]{43}$`),
    );
    expect((await http(ui.port, '/api/sessions')).status).toBe(403);
    expect((await http(ui.port, '/')).status).toBe(403);
    expect(
      (
        await http(ui.port, '/api/sessions', {
          headers: { 'x-trail-token': ui.token.slice(1) + 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const r = await http(ui.port, `/api/sessions?token=${ui.token}`, {
      headers: { host: `evil.example:${ui.port}` },
    });
    expect(r.status).toBe(403);
    expect(r.body).toContain('Host');
  });

  it('refuses a foreign Origin, and a write that names neither its origin nor the token', async () => {
    expect(
      (
        await http(ui.port, '/api/sessions', {
          headers: { ...auth(), origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(403);
    const cookie = `trail_ui_${ui.port}=${ui.token}`;
    const write = await http(ui.port, `/api/sessions/${store.first}/annotations`, {
      method: 'POST',
      headers: { cookie },
      body: { addTags: ['x'] },
    });
    expect(write.status).toBe(403);
    expect(
      cli<{ sessions: { tags: string[] }[] }>(['log']).sessions.flatMap((s) => s.tags),
    ).toEqual([]);
  });

  it('trades the token in the URL for a same-site, script-proof cookie and drops it from the address', async () => {
    const r = await http(ui.port, `/?token=${ui.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain(`trail_ui_${ui.port}=${ui.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await http(ui.port, '/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).toContain('<div id="app">');
  });
});

describe('the API serves the shapes of the CLI’s --json', () => {
  it('lists sessions as trail log does, with paging and totals', async () => {
    const page = await api<{ sessions: unknown[]; total: number }>('/api/sessions');
    expect(page.sessions).toEqual(cli<{ sessions: unknown[] }>(['log']).sessions);
    expect(page.total).toBe(2);
    const second = await api<{ sessions: { id: string }[]; total: number; offset: number }>(
      '/api/sessions?offset=1&limit=1',
    );
    expect([second.sessions.map((s) => s.id), second.total, second.offset]).toEqual([
      [store.first],
      2,
      1,
    ]);
  });

  it('shows a session, its diff, its checkpoints and blame as trail show, diff, checkpoints and blame do', async () => {
    const show = await api<{ session: unknown }>(`/api/sessions/${store.first}`);
    expect(show.session).toEqual(cli<{ session: unknown }>(['show', store.first]).session);
    for (const [q, args] of [
      ['', []],
      ['?prompt=1', ['--prompt', '1']],
    ] as const) {
      const diff = await api<Record<string, unknown>>(`/api/sessions/${store.first}/diff${q}`);
      const { version, ...want } = cli(['diff', store.first, ...args]);
      expect(version).toBe(1);
      expect(diff).toMatchObject(want);
    }
    const cps = await api(`/api/sessions/${store.first}/checkpoints`);
    expect(cps).toEqual(cli(['checkpoints', store.first]));
    const blame = await api<Record<string, unknown>>(
      `/api/blame?file=${encodeURIComponent(join(store.repo, 'src/greet.js'))}`,
    );
    const { lines, ...rest } = cli<{ lines: unknown[] }>(['blame', 'src/greet.js']);
    expect(blame).toMatchObject(rest);
    expect(blame.lines).toEqual(lines);
  });

  it('searches as trail search does', async () => {
    const r = await api<{ results: unknown[] }>('/api/search?q=farewell');
    expect(r.results.length).toBeGreaterThan(0);
    expect(r.results).toEqual(cli<{ results: unknown[] }>(['search', 'farewell']).results);
  });

  it('pages a timeline with subagent work nested, and diffs one tool call', async () => {
    const t = await api<{
      total: number;
      rows: {
        depth: number;
        event: { id: string; kind: string; tool?: string; changes?: unknown[] };
      }[];
    }>(`/api/sessions/${store.first}/timeline?limit=5`);
    expect(t.rows).toHaveLength(5);
    const all = await api<typeof t>(`/api/sessions/${store.first}/timeline?limit=1000`);
    expect(all.rows).toHaveLength(all.total);
    const edit = all.rows.find((r) => r.event.tool === 'Edit')!.event;
    const one = await api<{ changes: { path: string; eventId: string }[] }>(
      `/api/sessions/${store.first}/diff?event=${edit.id}`,
    );
    expect(one.changes.map((c) => [c.path, c.eventId])).toEqual([['src/greet.js', edit.id]]);
  });
});

describe('secrets stay hidden until revealed here, and annotations are trail annotate’s', () => {
  it('redacts outputs and snippets by default and reveals them only on a deliberate request', async () => {
    const rows = (
      await api<{ rows: { event: { seq: number; tool?: string } }[] }>(
        `/api/sessions/${store.second}/timeline`,
      )
    ).rows;
    const bash = rows.find((r) => r.event.tool === 'Bash')!.event;
    const path = `/api/sessions/${store.second}/events/${bash.seq}`;
    const hidden = await api<{ event: { outputText: string }; redactions: number }>(path);
    expect(hidden.event.outputText).toContain('[REDACTED:github-token]');
    expect(JSON.stringify(hidden)).not.toContain(FAKE_TOKEN);
    expect(hidden.redactions).toBe(2); // in the command the tool call received, and in its output
    const search = await http(ui.port, '/api/search?q=deploy%20token', { headers: auth() });
    expect(search.body).not.toContain(FAKE_TOKEN);
    const shown = await http(ui.port, '/api/reveal', {
      method: 'POST',
      headers: auth(),
      body: { path },
    });
    expect(shown.json<{ event: { outputText: string } }>().event.outputText).toContain(FAKE_TOKEN);
  });

  it('writes tags, status and a note that trail log and show then list', async () => {
    const r = await http(ui.port, `/api/sessions/${store.first.slice(0, 8)}/annotations`, {
      method: 'POST',
      headers: { ...auth(), origin: `http://127.0.0.1:${ui.port}` },
      body: { addTags: ['auth', 'demo'], status: 'reviewed', note: 'good run' },
    });
    expect(r.status, r.body).toBe(200);
    expect(r.json()).toEqual(cli(['annotate', store.first]));
    const s = cli<{ sessions: { id: string; tags: string[]; status: string }[] }>([
      'log',
    ]).sessions.find((x) => x.id === store.first)!;
    expect([s.tags, s.status]).toEqual([['auth', 'demo'], 'reviewed']);
    expect(
      (await api<{ sessions: { tags: string[] }[] }>('/api/sessions?tag=demo')).sessions,
    ).toHaveLength(1);
    expect(await api(`/api/sessions/${store.first}/annotations`)).toEqual(
      cli(['annotate', store.first]),
    );
  });

  it('exports the same file as trail export', async () => {
    const r = await http(ui.port, `/api/sessions/${store.second}/export?format=md`, {
      method: 'POST',
      headers: auth(),
      body: {},
    });
    expect(r.status, r.body).toBe(200);
    const x = r.json<{ fileName: string; content: string }>();
    expect(x.fileName).toBe(`trail-${store.second.slice(0, 8)}.md`);
    expect(x.content).toBe(
      trail(store.home, ['export', store.second, '--format', 'md'], { cwd: store.repo }).stdout,
    );
    expect(x.content).not.toContain(FAKE_TOKEN);
  });

  it('answers errors as versioned JSON with a stable code', async () => {
    const r = await http(ui.port, '/api/sessions/zzzzzzzz', { headers: auth() });
    expect([r.status, r.json()]).toEqual([
      404,
      { version: 1, error: { code: 'SESSION_NOT_FOUND', message: expect.any(String) } },
    ]);
    expect((await http(ui.port, '/api/nope', { headers: auth() })).status).toBe(404);
  });
});
