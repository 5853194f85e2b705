import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asBlobHash } from '@trail/model';
import { runBlobStoreTests } from './blob-contract.js';
import { MemoryBlobStore } from './blobs.js';
import { FsBlobStore } from './fs-blobs.js';

const hasher = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

runBlobStoreTests('memory', () => ({ store: new MemoryBlobStore(hasher) }));
runBlobStoreTests('filesystem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trail-blobs-'));
  return {
    store: new FsBlobStore(dir, hasher),
    teardown: () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('FsBlobStore', () => {
  it('reports a corrupt blob file with BLOB_CORRUPT naming the blob', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trail-blobs-'));
    const store = new FsBlobStore(dir, hasher);
    const h = '1'.repeat(64);
    mkdirSync(join(dir, '11'), { recursive: true });
    writeFileSync(join(dir, '11', h.slice(2)), Buffer.from([1, 9, 9, 9]));
    expect(() => store.get(asBlobHash(h))).toThrow(
      expect.objectContaining({ code: 'BLOB_CORRUPT' }),
    );
    rmSync(dir, { recursive: true, force: true });
  });
  it('rejects ids that would escape the blob directory', () => {
    const store = new FsBlobStore(tmpdir(), hasher);
    expect(() => store.get(asBlobHash('../../etc/passwd'))).toThrow(
      expect.objectContaining({ code: 'BLOB_BAD_ID' }),
    );
  });
});
