import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRelay, type RunningRelay } from '@trail/relay';
import { Store } from '@trail/store';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSession } from '../test-support/sessions.js';
import { pair, snapshotStore, syncHome } from '../test-support/devices.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function home(): string {
  const d = mkdtempSync(join(tmpdir(), 'trail-sync-'));
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
    for (const id of ids) await store.write(makeSession(id), { evict: true });
  } finally {
    await store.close();
  }
}

describe('syncOnce', () => {
  it('brings every document and blob of one device to a device that joins later', async () => {
    const r = await relay();
    const a = home();
    const b = home();
    await write(a, ['s-1', 's-2', 's-3']);
    const first = await syncHome(a, r.url);
    expect(first.pushed.documents).toBe(4);
    const prints = await pair(r.url, a, b);
    expect(prints.fingerprint).toBe(prints.joinedPrint);
    const second = await syncHome(b, r.url);
    expect(second.pulled.rejected).toBe(0);
    expect(second.indexed).toBe(3);
    expect(await snapshotStore(b)).toEqual(await snapshotStore(a));
    const again = await syncHome(b, r.url);
    expect(again.pushed.bundles).toBe(0);
  });
});
