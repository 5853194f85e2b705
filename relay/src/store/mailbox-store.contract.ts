import type { BundleId, Cursor, DeviceTag, RoutingId } from '@trail/protocol';
import { START_CURSOR } from '@trail/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailboxStore, NewBundle, SpaceRecord } from './mailbox-store.js';

/** What a contract run needs: a fresh store, and optionally a way to reopen it from storage. */
export interface MailboxStoreFixture {
  readonly store: MailboxStore;
  /** Closes the store and opens a new one on the same storage (durable stores only). */
  readonly reopen?: () => Promise<MailboxStore>;
  readonly teardown?: () => Promise<void> | void;
}

/** Creates a fresh, empty store for one test. */
export type MailboxStoreSetup = () => Promise<MailboxStoreFixture>;

const SPACE = 'space-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa' as RoutingId;
const OTHER = 'space-bbbbbbbbbbbbbbbbbbbbbbbbbbbbb' as RoutingId;
const KEY = new Uint8Array(32).fill(1);
const KEY_2 = new Uint8Array(32).fill(2);
const LAPTOP = 'laptop' as DeviceTag;
const DESKTOP = 'desktop' as DeviceTag;
const BIG = { quotaBytes: 1 << 30, quotaBundles: 1 << 20 };
const ALL = { after: START_CURSOR, limit: 1000, maxBytes: 1 << 30 };

function record(routingId = SPACE, authPublicKey = KEY): SpaceRecord {
  return { routingId, authPublicKey, createdAt: 1_000 };
}

function bundle(id: string, deviceTag = LAPTOP, size = 8): NewBundle {
  return {
    deviceTag,
    bundleId: id as BundleId,
    bytes: new Uint8Array(size).fill(id.charCodeAt(0)),
  };
}

/**
 * The behaviour every MailboxStore must have, in the style of automerge-repo's
 * runStorageAdapterTests: an implementation's whole test is a setup function and this call.
 */
export function runMailboxStoreTests(setup: MailboxStoreSetup, title = ''): void {
  describe(`MailboxStore contract ${title}`.trim(), () => {
    let fixture: MailboxStoreFixture;
    let store: MailboxStore;

    beforeEach(async () => {
      fixture = await setup();
      store = fixture.store;
      await store.registerSpace(record(), 10);
    });

    afterEach(async () => {
      await store.close();
      await fixture.teardown?.();
    });

    async function ids(routingId = SPACE, request = ALL): Promise<string[]> {
      return (await store.pull(routingId, request)).bundles.map((b) => b.bundleId);
    }

    describe('spaces', () => {
      it('knows nothing about a routing id it never saw', async () => {
        expect(await store.getSpace(OTHER)).toBeUndefined();
        expect(await store.usage(OTHER)).toEqual({ bytes: 0, bundles: 0 });
      });

      it('pins the first auth key registered for a routing id and keeps it', async () => {
        const again = await store.registerSpace(record(SPACE, KEY_2), 10);
        expect(again.status).toBe('exists');
        expect(again.status !== 'full' && [...again.record.authPublicKey]).toEqual([...KEY]);
        expect([...(await store.getSpace(SPACE))!.authPublicKey]).toEqual([...KEY]);
      });

      it('lets exactly one of two concurrent registrations win', async () => {
        const [a, b] = await Promise.all([
          store.registerSpace(record(OTHER, KEY), 10),
          store.registerSpace(record(OTHER, KEY_2), 10),
        ]);
        expect([a.status, b.status].sort()).toEqual(['exists', 'registered']);
        const keyA = a.status !== 'full' ? [...a.record.authPublicKey] : [];
        const keyB = b.status !== 'full' ? [...b.record.authPublicKey] : [];
        expect(keyA).toEqual(keyB);
      });

      it('refuses a new space once maxSpaces exist', async () => {
        expect((await store.registerSpace(record(OTHER), 1)).status).toBe('full');
        expect(await store.spaceCount()).toBe(1);
      });

      it('deletes a space with its bundles and forgets its key', async () => {
        await store.put(SPACE, bundle('a'), 1, BIG);
        expect(await store.deleteSpace(SPACE)).toBe(true);
        expect(await store.getSpace(SPACE)).toBeUndefined();
        expect(await store.deleteSpace(SPACE)).toBe(false);
        expect((await store.registerSpace(record(SPACE, KEY_2), 10)).status).toBe('registered');
        expect(await ids()).toEqual([]);
      });
    });

    describe('put and pull', () => {
      it('returns bundles from every device in the order they were stored', async () => {
        await store.put(SPACE, bundle('a', LAPTOP), 10, BIG);
        await store.put(SPACE, bundle('b', DESKTOP), 11, BIG);
        await store.put(SPACE, bundle('c', LAPTOP), 12, BIG);
        const page = await store.pull(SPACE, ALL);
        expect(page.bundles.map((b) => [b.bundleId, b.deviceTag, b.storedAt])).toEqual([
          ['a', LAPTOP, 10],
          ['b', DESKTOP, 11],
          ['c', LAPTOP, 12],
        ]);
        expect([...page.bundles[1]!.bytes]).toEqual([...bundle('b').bytes]);
        expect(page.more).toBe(false);
      });

      it('treats a second put of the same id as a no-op returning the first cursor', async () => {
        const first = await store.put(SPACE, bundle('a', LAPTOP), 1, BIG);
        const second = await store.put(SPACE, bundle('a', DESKTOP, 99), 2, BIG);
        expect(first.status).toBe('stored');
        expect(second).toEqual({
          status: 'duplicate',
          cursor: first.status === 'stored' && first.cursor,
        });
        expect(await store.usage(SPACE)).toEqual({ bytes: 8, bundles: 1 });
      });

      it('keeps its own copy of the bytes', async () => {
        const input = bundle('a');
        await store.put(SPACE, input, 1, BIG);
        input.bytes.fill(0);
        expect([...(await store.pull(SPACE, ALL)).bundles[0]!.bytes]).toEqual([
          ...bundle('a').bytes,
        ]);
      });

      it('refuses a put into an unknown space', async () => {
        expect(await store.put(OTHER, bundle('a'), 1, BIG)).toEqual({ status: 'no_space' });
      });

      it('refuses a put that would exceed the byte or bundle quota, but not a duplicate', async () => {
        const limits = { quotaBytes: 20, quotaBundles: 2 };
        expect((await store.put(SPACE, bundle('a', LAPTOP, 10), 1, limits)).status).toBe('stored');
        expect((await store.put(SPACE, bundle('b', LAPTOP, 11), 1, limits)).status).toBe(
          'over_quota',
        );
        expect((await store.put(SPACE, bundle('c', LAPTOP, 10), 1, limits)).status).toBe('stored');
        expect((await store.put(SPACE, bundle('d', LAPTOP, 0), 1, limits)).status).toBe(
          'over_quota',
        );
        expect((await store.put(SPACE, bundle('a', LAPTOP, 10), 1, limits)).status).toBe(
          'duplicate',
        );
      });

      it('pages by limit and resumes exactly after the returned cursor', async () => {
        for (const id of 'abcdefg') await store.put(SPACE, bundle(id), 1, BIG);
        const seen: string[] = [];
        let cursor: Cursor = START_CURSOR;
        for (;;) {
          const page = await store.pull(SPACE, { after: cursor, limit: 3, maxBytes: 1 << 20 });
          expect(page.bundles.length).toBeLessThanOrEqual(3);
          seen.push(...page.bundles.map((b) => b.bundleId));
          cursor = page.cursor;
          if (!page.more) break;
        }
        expect(seen).toEqual([...'abcdefg']);
        expect(await store.pull(SPACE, { ...ALL, after: cursor })).toMatchObject({
          bundles: [],
          cursor,
        });
      });

      it('stops a page at maxBytes but always returns at least one bundle', async () => {
        await store.put(SPACE, bundle('a', LAPTOP, 100), 1, BIG);
        await store.put(SPACE, bundle('b', LAPTOP, 100), 1, BIG);
        const page = await store.pull(SPACE, { after: START_CURSOR, limit: 10, maxBytes: 150 });
        expect(page.bundles.map((b) => b.bundleId)).toEqual(['a']);
        expect(page.more).toBe(true);
        expect(await ids(SPACE, { after: START_CURSOR, limit: 10, maxBytes: 1 })).toEqual(['a']);
      });

      it('skips the excluded device but moves the cursor past its bundles', async () => {
        await store.put(SPACE, bundle('a', LAPTOP), 1, BIG);
        await store.put(SPACE, bundle('b', DESKTOP), 1, BIG);
        await store.put(SPACE, bundle('c', LAPTOP), 1, BIG);
        const page = await store.pull(SPACE, { ...ALL, excludeDevice: LAPTOP });
        expect(page.bundles.map((b) => b.bundleId)).toEqual(['b']);
        await store.put(SPACE, bundle('d', DESKTOP), 1, BIG);
        expect(await ids(SPACE, { ...ALL, after: page.cursor })).toEqual(['d']);
      });

      it('starts over from the beginning for a cursor of a previous life of the space', async () => {
        await store.put(SPACE, bundle('a'), 1, BIG);
        const old = (await store.pull(SPACE, ALL)).cursor;
        await store.deleteSpace(SPACE);
        await store.registerSpace(record(), 10);
        await store.put(SPACE, bundle('b'), 1, BIG);
        expect(await ids(SPACE, { ...ALL, after: old })).toEqual(['b']);
      });

      it('rejects a cursor it did not issue with bad_cursor', async () => {
        await expect(
          store.pull(SPACE, { ...ALL, after: 'nonsense' as Cursor }),
        ).rejects.toMatchObject({
          code: 'bad_cursor',
        });
      });

      it('gives concurrent puts distinct cursors and loses none of them', async () => {
        const names = Array.from({ length: 25 }, (_, i) => `n${i}`);
        const results = await Promise.all(names.map((n) => store.put(SPACE, bundle(n), 1, BIG)));
        const cursors = results.map((r) => (r.status === 'stored' ? r.cursor : ''));
        expect(new Set(cursors).size).toBe(names.length);
        expect((await ids()).sort()).toEqual([...names].sort());
      });

      it('keeps spaces apart', async () => {
        await store.registerSpace(record(OTHER), 10);
        await store.put(SPACE, bundle('a'), 1, BIG);
        await store.put(OTHER, bundle('b'), 1, BIG);
        expect(await ids(SPACE)).toEqual(['a']);
        expect(await ids(OTHER)).toEqual(['b']);
        expect(await store.delete(OTHER, ['a' as BundleId])).toBe(0);
        expect(await ids(SPACE)).toEqual(['a']);
      });
    });

    describe('delete and expiry', () => {
      it('deletes by id, counts only what existed, and frees the quota', async () => {
        await store.put(SPACE, bundle('a'), 1, BIG);
        await store.put(SPACE, bundle('b'), 1, BIG);
        await store.put(SPACE, bundle('c'), 1, BIG);
        expect(await store.delete(SPACE, ['a', 'c', 'zz'] as BundleId[])).toBe(2);
        expect(await ids()).toEqual(['b']);
        expect(await store.usage(SPACE)).toEqual({ bytes: 8, bundles: 1 });
      });

      it('stores a deleted id again as a new bundle after the others', async () => {
        await store.put(SPACE, bundle('a'), 1, BIG);
        await store.put(SPACE, bundle('b'), 1, BIG);
        await store.delete(SPACE, ['a' as BundleId]);
        expect((await store.put(SPACE, bundle('a'), 1, BIG)).status).toBe('stored');
        expect(await ids()).toEqual(['b', 'a']);
      });

      it('expires exactly the bundles stored before the cutoff', async () => {
        await store.registerSpace(record(OTHER), 10);
        await store.put(SPACE, bundle('a'), 100, BIG);
        await store.put(SPACE, bundle('b'), 200, BIG);
        await store.put(OTHER, bundle('c'), 150, BIG);
        expect(await store.expire(200)).toBe(2);
        expect(await ids(SPACE)).toEqual(['b']);
        expect(await ids(OTHER)).toEqual([]);
      });
    });

    describe('durability', () => {
      it('keeps every acknowledged space, bundle, deletion and cursor across a reopen', async (ctx) => {
        if (fixture.reopen === undefined) return ctx.skip();
        await store.registerSpace(record(OTHER, KEY_2), 10);
        await store.put(SPACE, bundle('a'), 1, BIG);
        const b = await store.put(SPACE, bundle('b', DESKTOP), 2, BIG);
        await store.put(SPACE, bundle('c'), 3, BIG);
        await store.delete(SPACE, ['a' as BundleId]);
        store = await fixture.reopen();
        expect([...(await store.getSpace(OTHER))!.authPublicKey]).toEqual([...KEY_2]);
        const page = await store.pull(SPACE, ALL);
        expect(page.bundles.map((x) => [x.bundleId, x.deviceTag, x.storedAt])).toEqual([
          ['b', DESKTOP, 2],
          ['c', LAPTOP, 3],
        ]);
        expect(page.bundles[0]!.cursor).toBe(b.status === 'stored' && b.cursor);
        expect(await store.usage(SPACE)).toEqual({ bytes: 16, bundles: 2 });
        await store.put(SPACE, bundle('d'), 4, BIG);
        expect(await ids(SPACE, { ...ALL, after: page.cursor })).toEqual(['d']);
      });

      it('stays deleted across a reopen', async (ctx) => {
        if (fixture.reopen === undefined) return ctx.skip();
        await store.put(SPACE, bundle('a'), 1, BIG);
        await store.deleteSpace(SPACE);
        store = await fixture.reopen();
        expect(await store.getSpace(SPACE)).toBeUndefined();
        expect(await store.spaceCount()).toBe(0);
      });
    });
  });
}
