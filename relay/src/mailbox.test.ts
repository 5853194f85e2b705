import type { BundleId, Cursor, PulledBundle } from '@trail/protocol';
import { isRelayError, START_CURSOR } from '@trail/protocol';
import { describe, expect, it } from 'vitest';
import { bytes, events, connect, testRelay, waitFor } from './test-support/harness.js';
import { device, newSpace } from './test-support/keys.js';

const id = (s: string) => s as BundleId;

describe('mailbox', () => {
  it('stores a bundle, returns it on pull with its metadata, and deletes it', async () => {
    const relay = await testRelay({}, { now: () => 1_700_000_000_000 });
    const laptop = await connect(relay, device(newSpace(), 'laptop'));
    const payload = Uint8Array.from({ length: 4096 }, (_, i) => i % 251);
    const put = await laptop.put(id('bundle-1'), payload);
    expect(put.duplicate).toBe(false);
    const page = await laptop.pull();
    expect(page.bundles).toHaveLength(1);
    expect(page.bundles[0]).toMatchObject({
      bundleId: 'bundle-1',
      deviceTag: 'laptop',
      storedAt: 1_700_000_000_000,
      cursor: put.cursor,
    });
    expect([...page.bundles[0]!.bytes]).toEqual([...payload]);
    expect(await laptop.delete([id('bundle-1'), id('never-stored')])).toBe(1);
    expect((await laptop.pull()).bundles).toEqual([]);
  });

  it('treats re-uploading the same bundle id as a no-op returning the first cursor', async () => {
    const relay = await testRelay();
    const space = newSpace();
    const laptop = await connect(relay, device(space, 'laptop'));
    const first = await laptop.put(id('same'), bytes(10));
    const second = await laptop.put(id('same'), bytes(10));
    expect(second).toEqual({ cursor: first.cursor, duplicate: true });
    const later = await connect(relay, device(space, 'desktop'));
    expect(later.welcome?.usage).toEqual({ bytes: 10, bundles: 1 });
  });

  it('pages through many bundles with resumable cursors, in upload order', async () => {
    const relay = await testRelay();
    const laptop = await connect(relay, device(newSpace(), 'laptop'));
    const ids = Array.from({ length: 23 }, (_, i) => `b${i}`);
    for (const name of ids) await laptop.put(id(name), bytes(3));
    const seen: string[] = [];
    let after: Cursor = START_CURSOR;
    let pages = 0;
    for (let more = true; more; pages++) {
      const page = await laptop.pull({ after, limit: 5 });
      seen.push(...page.bundles.map((b) => b.bundleId));
      ({ cursor: after, more } = page);
    }
    expect(seen).toEqual(ids);
    expect(pages).toBe(5);
    await laptop.put(id('late'), bytes(3));
    expect((await laptop.pull({ after })).bundles.map((b) => b.bundleId)).toEqual(['late']);
  });

  it('fills pull pages up to the frame size limit and never beyond', async () => {
    const relay = await testRelay({
      maxFrameBytes: 64 * 1024,
      maxPayloadBytes: 20_000,
      bytesBurst: 1 << 20,
      maxBufferedBytes: 1 << 20,
      spaceQuotaBytes: 1 << 20,
      invitationMaxMessageBytes: 1024,
    });
    const laptop = await connect(relay, device(newSpace(), 'laptop'));
    for (let i = 0; i < 10; i++) await laptop.put(id(`big${i}`), bytes(20_000, i));
    const sizes: number[] = [];
    let after: Cursor = START_CURSOR;
    for (let more = true; more;) {
      const page = await laptop.pull({ after, limit: 100 });
      sizes.push(page.bundles.length);
      ({ cursor: after, more } = page);
    }
    expect(sizes).toEqual([3, 3, 3, 1]);
  });

  it('skips the puller’s own bundles when asked, still advancing the cursor', async () => {
    const relay = await testRelay();
    const space = newSpace();
    const laptop = await connect(relay, device(space, 'laptop'));
    const desktop = await connect(relay, device(space, 'desktop'));
    await laptop.put(id('mine'), bytes(1));
    await desktop.put(id('theirs'), bytes(1));
    const page = await laptop.pull({ excludeOwn: true });
    expect(page.bundles.map((b) => b.bundleId)).toEqual(['theirs']);
    await laptop.put(id('mine-2'), bytes(1));
    expect((await laptop.pull({ after: page.cursor, excludeOwn: true })).bundles).toEqual([]);
  });

  it('shows two devices of a space each other’s bundles and tells them when new ones arrive', async () => {
    const relay = await testRelay();
    const space = newSpace();
    const laptop = await connect(relay, device(space, 'laptop'));
    const desktop = await connect(relay, device(space, 'desktop'));
    const available = events(desktop, 'available');
    const { cursor } = await laptop.put(id('from-laptop'), bytes(5, 1));
    await desktop.put(id('from-desktop'), bytes(5, 2));
    await waitFor(() => available.length === 1, 'available notice');
    expect(available[0]).toMatchObject({ cursor, deviceTag: 'laptop' });
    const fromLaptop = (await laptop.pull()).bundles.map((b: PulledBundle) => [
      b.bundleId,
      b.deviceTag,
    ]);
    const fromDesktop = (await desktop.pull()).bundles.map((b: PulledBundle) => [
      b.bundleId,
      b.deviceTag,
    ]);
    expect(fromLaptop).toEqual([
      ['from-laptop', 'laptop'],
      ['from-desktop', 'desktop'],
    ]);
    expect(fromDesktop).toEqual(fromLaptop);
  });

  it('rejects a cursor the relay did not issue with bad_cursor and keeps the session', async () => {
    const relay = await testRelay();
    const laptop = await connect(relay, device(newSpace(), 'laptop'));
    const error = await laptop
      .pull({ after: 'forged.cursor.1' as Cursor })
      .catch((e: unknown) => e);
    expect(isRelayError(error, 'bad_cursor')).toBe(true);
    expect((await laptop.put(id('still-fine'), bytes(1))).duplicate).toBe(false);
  });

  it('deletes a whole space, closes its other sessions, and forgets its auth key', async () => {
    const relay = await testRelay();
    const old = newSpace();
    const laptop = await connect(relay, device(old, 'laptop'));
    const desktop = await connect(relay, device(old, 'desktop'));
    const desktopErrors = events(desktop, 'error');
    await laptop.put(id('old-epoch'), bytes(8));
    await laptop.deleteSpace();
    await waitFor(
      () => desktop.state === 'closed' && laptop.state === 'closed',
      'both sessions closed',
    );
    expect(desktopErrors.map((e) => e.code)).toContain('space_deleted');
    const reclaimed = await connect(relay, device(newSpace(old.routingId), 'laptop'));
    expect(reclaimed.welcome?.usage).toEqual({ bytes: 0, bundles: 0 });
    expect((await reclaimed.pull()).bundles).toEqual([]);
  });
});
