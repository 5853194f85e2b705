import { describe, expect, it } from 'vitest';
import { asBlobHash } from '@trail/model';
import type { BlobStore } from './blobs.js';

/**
 * The contract every {@link BlobStore} keeps. An implementation's whole test is a setup
 * and one call, as automerge-repo does for storage adapters.
 */
export function runBlobStoreTests(
  name: string,
  setup: () => { store: BlobStore; teardown?: () => void },
): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('returns exactly the bytes that were put, compressed or not', () => {
      const { store, teardown } = setup();
      const small = store.put('hi', 'text');
      const big = store.put('x'.repeat(100_000), 'text');
      const bin = store.put(new Uint8Array([0, 255, 1, 254, 0, 0]), 'bytes');
      expect(store.getText(small.hash)).toBe('hi');
      expect(store.getText(big.hash)).toBe('x'.repeat(100_000));
      expect([...store.get(bin.hash)]).toEqual([0, 255, 1, 254, 0, 0]);
      expect(big.size).toBe(100_000);
      teardown?.();
    });
    it('gives equal content one id and stores it once', () => {
      const { store, teardown } = setup();
      const a = store.put('same', 'text');
      const b = store.put(Buffer.from('same'), 'json');
      expect(a.hash).toBe(b.hash);
      expect(store.list()).toEqual([a.hash]);
      teardown?.();
    });
    it('deletes a blob for good and reports a missing one with BLOB_MISSING', () => {
      const { store, teardown } = setup();
      const a = store.put('secret content', 'text');
      expect(store.delete(a.hash)).toBe(true);
      expect(store.has(a.hash)).toBe(false);
      expect(store.delete(a.hash)).toBe(false);
      expect(() => store.get(a.hash)).toThrow(expect.objectContaining({ code: 'BLOB_MISSING' }));
      teardown?.();
    });
    it('moves a blob in its stored form and refuses bytes that do not match the id', () => {
      const { store, teardown } = setup();
      const a = store.put('y'.repeat(5_000), 'text');
      const encoded = store.readEncoded(a.hash);
      expect(store.putEncoded(a.hash, encoded)).toBe(false);
      store.delete(a.hash);
      const forged = store.put('other content', 'text');
      store.delete(forged.hash);
      expect(() => store.putEncoded(forged.hash, encoded)).toThrow(
        expect.objectContaining({ code: 'BLOB_CORRUPT' }),
      );
      expect(store.putEncoded(a.hash, encoded)).toBe(true);
      expect(store.getText(a.hash)).toBe('y'.repeat(5_000));
      teardown?.();
    });
    it('never reveals content in the id', () => {
      const { store, teardown } = setup();
      const a = store.put('password=hunter2', 'text');
      expect(a.hash).toMatch(/^[0-9a-f]+$/);
      expect(a.hash).not.toContain('hunter2');
      expect(store.has(asBlobHash('00'.repeat(32)))).toBe(false);
      teardown?.();
    });
  });
}
