import type { BundleId, DeviceTag, RoutingId } from '@trail/protocol';
import { START_CURSOR } from '@trail/protocol';
import {
  appendFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spaceDirName } from './fs-space.js';
import { FsMailboxStore } from './fs-store.js';

const SPACE = 'recovery-space-aaaaaaaaaaaaaaa' as RoutingId;
const LIMITS = { quotaBytes: 1 << 30, quotaBundles: 1 << 20 };
const ALL = { after: START_CURSOR, limit: 1000, maxBytes: 1 << 30 };

describe('filesystem store recovery', () => {
  let dir: string;
  let warnings: string[];
  const onClose: FsMailboxStore[] = [];
  const open = () => FsMailboxStore.open({ dir, onWarning: (event) => void warnings.push(event) });
  const spaceDir = () => join(dir, 'spaces', spaceDirName(SPACE));

  async function seed(count: number): Promise<void> {
    const store = await open();
    await store.registerSpace(
      { routingId: SPACE, authPublicKey: new Uint8Array(32), createdAt: 0 },
      10,
    );
    for (let i = 0; i < count; i++) {
      await store.put(
        SPACE,
        {
          deviceTag: 'd' as DeviceTag,
          bundleId: `b${i}` as BundleId,
          bytes: new Uint8Array(10).fill(i),
        },
        i,
        LIMITS,
      );
    }
    await store.close();
  }

  async function ids(store: FsMailboxStore): Promise<string[]> {
    return (await store.pull(SPACE, ALL)).bundles.map((b) => b.bundleId);
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trail-relay-recovery-'));
    warnings = [];
  });

  afterEach(async () => {
    for (const store of onClose.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('truncates a torn last index record and keeps the records before it', async () => {
    await seed(3);
    await appendFile(join(spaceDir(), 'index.log'), '{"op":"put","seq":4,"id":"b3","de');
    const store = await open();
    expect(await ids(store)).toEqual(['b0', 'b1', 'b2']);
    expect(warnings).toContain('store_torn_log_truncated');
    await store.put(
      SPACE,
      { deviceTag: 'd' as DeviceTag, bundleId: 'b9' as BundleId, bytes: new Uint8Array(1) },
      9,
      LIMITS,
    );
    await store.close();
    const reopened = await open();
    onClose.push(reopened);
    expect(await ids(reopened)).toEqual(['b0', 'b1', 'b2', 'b9']);
  });

  it('removes a bundle file that was written but never logged, and temporary files', async () => {
    await seed(2);
    await writeFile(join(spaceDir(), 'bundles', '3'), 'orphan');
    await writeFile(join(spaceDir(), 'bundles', '4.tmp'), 'half');
    const store = await open();
    onClose.push(store);
    expect(await ids(store)).toEqual(['b0', 'b1']);
    expect((await readdir(join(spaceDir(), 'bundles'))).sort()).toEqual(['1', '2']);
    expect(warnings).toEqual(['store_orphan_bundle_removed']);
  });

  it('refuses to start on a corrupt record in the middle of a log, naming file and line', async () => {
    await seed(3);
    const log = join(spaceDir(), 'index.log');
    const lines = (await readFile(log, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('"b1"', '"bX"');
    await writeFile(log, lines.join('\n'));
    await expect(open()).rejects.toMatchObject({
      code: 'store_corrupt',
      details: { file: log, line: 2 },
    });
    const store = await open().catch(() => undefined);
    expect(store).toBeUndefined();
  });

  it('refuses a second store on the same directory while the first is open', async () => {
    const first = await open();
    onClose.push(first);
    await expect(open()).rejects.toMatchObject({ code: 'store_locked' });
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'LOCK'), '999999999');
    const store = await open();
    onClose.push(store);
    expect(await store.spaceCount()).toBe(0);
  });

  it('removes a space whose registration never completed', async () => {
    await mkdir(join(dir, 'spaces', 'f'.repeat(64), 'bundles'), { recursive: true });
    const store = await open();
    onClose.push(store);
    expect(await store.spaceCount()).toBe(0);
    expect(warnings).toEqual(['store_incomplete_space_removed']);
  });

  it('compacts an index log made mostly of deletions', async () => {
    await seed(200);
    const store = await open();
    await store.delete(
      SPACE,
      Array.from({ length: 195 }, (_, i) => `b${i}` as BundleId),
    );
    await store.close();
    const lines = (await readFile(join(spaceDir(), 'index.log'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect((await stat(join(spaceDir(), 'bundles'))).isDirectory()).toBe(true);
    const reopened = await open();
    onClose.push(reopened);
    expect(await ids(reopened)).toEqual(['b195', 'b196', 'b197', 'b198', 'b199']);
  });
});
