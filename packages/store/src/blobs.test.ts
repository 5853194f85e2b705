import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asBlobHash } from '@trail/model';
import { runBlobStoreTests } from './blob-contract.js';
import { DatabaseSync } from 'node:sqlite';
import { MemoryBlobStore, encodeBlob } from './blobs.js';
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
  it('reads a pack of the first layout read-only, and migrates it whole when opened for writing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trail-blobs-'));
    const legacy = new DatabaseSync(join(dir, 'pack.sqlite'));
    legacy.exec('CREATE TABLE blobs(hash TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID');
    const texts = ['first blob '.repeat(20), 'second', 'third '.repeat(50)];
    const ids = texts.map((t) => hasher(Buffer.from(t)));
    texts.forEach((t, i) => {
      legacy.prepare('INSERT INTO blobs VALUES (?, ?)').run(ids[i]!, encodeBlob(Buffer.from(t)));
    });
    legacy.close();
    const reader = new FsBlobStore(dir, hasher, undefined, { readOnly: true });
    expect(reader.getText(asBlobHash(ids[1]!))).toBe('second');
    expect(reader.list().sort()).toEqual([...ids].sort());
    reader.close();
    const writer = new FsBlobStore(dir, hasher);
    expect(texts.map((_, i) => writer.getText(asBlobHash(ids[i]!)))).toEqual(texts);
    const added = writer.put('fourth', 'text');
    expect(writer.list().sort()).toEqual([...ids, added.hash].sort());
    writer.close();
    const tables = new DatabaseSync(join(dir, 'pack.sqlite'), { readOnly: true })
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(['pack']);
    rmSync(dir, { recursive: true, force: true });
  });
  it('rejects ids that would escape the blob directory', () => {
    const store = new FsBlobStore(tmpdir(), hasher);
    expect(() => store.get(asBlobHash('../../etc/passwd'))).toThrow(
      expect.objectContaining({ code: 'BLOB_BAD_ID' }),
    );
  });
});
