import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRelay, type RunningRelay } from '@trail/relay';
import { Store, listSessions, openIndex } from '@trail/store';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSession } from '../test-support/sessions.js';
import { pair, snapshotStore, syncHome } from '../test-support/devices.js';
import { watchDevice } from './watch.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function home(): string {
  const d = mkdtempSync(join(tmpdir(), 'trail-live-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

async function relay(): Promise<RunningRelay> {
  const r = await startRelay({ logLevel: 'silent' });
  cleanups.push(() => r.close());
  return r;
}

async function write(h: string, ids: string[]): Promise<void> {
  const store = await Store.open({ home: h });
  try {
    for (const id of ids) await store.write(makeSession(id, { contentBytes: 2048 }));
  } finally {
    await store.close();
  }
}

function indexed(h: string): string[] {
  if (!existsSync(join(h, 'index.sqlite'))) return [];
  const { db } = openIndex(join(h, 'index.sqlite'), { readOnly: true });
  try {
    return listSessions(db, { includeHidden: true })
      .map((s) => s.id)
      .sort();
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('live sync and compaction', () => {
  it('delivers a change to a watching device while both are online', async () => {
    const r = await relay();
    const [a, b] = [home(), home()];
    await write(a, ['live-0']);
    await syncHome(a, r.url);
    await pair(r.url, a, b);
    const stop = new AbortController();
    const watching = [a, b].map((h) =>
      watchDevice(h, { url: r.url, signal: stop.signal, intervalMs: 100 }),
    );
    cleanups.push(async () => {
      stop.abort();
      await Promise.allSettled(watching);
    });
    await until(() => indexed(b).includes('live-0'), 'the first session');
    await write(a, ['live-1']);
    await until(() => indexed(b).includes('live-1'), 'the session written while watching');
    await write(b, ['live-2']);
    await until(() => indexed(a).includes('live-2'), 'the reply');
    stop.abort();
    await Promise.all(watching);
    expect(await snapshotStore(b)).toEqual(await snapshotStore(a));
  });

  it('compacts its outbox into snapshots that a device joining later syncs from, losing nothing', async () => {
    const r = await relay();
    const [a, b, c] = [home(), home(), home()];
    await write(a, ['compact-0']);
    await syncHome(a, r.url, { compactThreshold: 4 });
    await pair(r.url, a, b, 'b');
    await syncHome(b, r.url);
    let compacted = 0;
    for (let round = 1; round <= 5; round++) {
      await write(a, [`compact-${round}`]);
      compacted += (await syncHome(a, r.url, { compactThreshold: 4 })).compacted;
    }
    expect(compacted).toBeGreaterThan(0);
    await pair(r.url, a, c, 'c');
    await syncHome(c, r.url);
    await syncHome(b, r.url);
    const expected = Array.from({ length: 6 }, (_, i) => `compact-${i}`).sort();
    expect(indexed(c)).toEqual(expected);
    expect(indexed(b)).toEqual(expected);
    const reference = await snapshotStore(a);
    expect((await snapshotStore(c)).docs).toEqual(reference.docs);
    expect((await snapshotStore(b)).docs).toEqual(reference.docs);
  });
});
