import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import { isAutomergeChunks } from './automerge-chunks.js';

describe('isAutomergeChunks', () => {
  it('accepts saved documents, incremental saves and their concatenation', () => {
    let doc = A.from({ a: 1, text: 'hello' });
    const full = A.save(doc);
    const heads = A.getHeads(doc);
    doc = A.change(doc, (d) => void (d.a = 2));
    const inc = A.saveSince(doc, heads);
    expect(isAutomergeChunks(full)).toBe(true);
    expect(isAutomergeChunks(inc)).toBe(true);
    expect(isAutomergeChunks(Buffer.concat([full, inc]))).toBe(true);
  });

  it('refuses empty, garbage, truncated or corrupted bytes', () => {
    const full = A.save(A.from({ a: 'some content to checksum' }));
    expect(isAutomergeChunks(new Uint8Array(0))).toBe(false);
    expect(isAutomergeChunks(new TextEncoder().encode('not automerge at all'))).toBe(false);
    expect(isAutomergeChunks(full.subarray(0, full.length - 1))).toBe(false);
    const flipped = Uint8Array.from(full);
    flipped[full.length - 3]! ^= 0x40;
    expect(isAutomergeChunks(flipped)).toBe(false);
  });
});
