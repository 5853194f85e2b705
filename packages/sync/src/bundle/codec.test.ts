import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedInput } from '../bytes/reader.js';
import { issueCert } from '../keys/device-cert.js';
import { body, testKeys } from '../test-support/keys.js';
import { decodeBody, encodeBody, entrySize } from './codec.js';
import type { Entry } from './body.js';

describe('bundle body codec', () => {
  it('decodes exactly what it encoded, certificates and every entry kind included', async () => {
    const { identity, keys } = await testKeys();
    const entries: Entry[] = [
      {
        kind: 'doc',
        docId: '2DocForTests1111111111',
        heads: ['cd'.repeat(32)],
        digest: 'ab'.repeat(32),
        part: 1,
        parts: 3,
        bytes: Uint8Array.of(1, 2),
      },
      { kind: 'blob', hash: 'ef'.repeat(32), part: 0, parts: 1, bytes: Uint8Array.of(0, 9) },
      {
        kind: 'rotate',
        epoch: 2,
        removed: [identity.deviceId],
        keys: [{ deviceId: identity.deviceId, sealed: Uint8Array.of(5) }],
      },
      { kind: 'forget', docs: ['2DocForTests1111111111'], blobs: ['ab'.repeat(32)] },
    ];
    const b = {
      ...body(keys, identity.deviceId, entries),
      certs: [issueCert(identity, identity, 'laptop', 1)],
    };
    const bytes = encodeBody(b);
    expect(decodeBody(bytes)).toEqual(b);
    const header = encodeBody({ ...b, entries: [] }).length;
    expect(bytes.length).toBe(header + entries.reduce((n, e) => n + entrySize(e), 0));
  });

  it('throws only MalformedInput on arbitrary or damaged input', async () => {
    const { identity, keys } = await testKeys();
    const good = encodeBody(
      body(keys, identity.deviceId, [
        { kind: 'blob', hash: 'ef'.repeat(32), part: 0, parts: 1, bytes: new Uint8Array(40) },
      ]),
    );
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.nat(good.length),
        fc.integer({ min: 0, max: 255 }),
        (noise, at, value) => {
          for (const input of [
            noise,
            good.subarray(0, at),
            Uint8Array.from(good).fill(value, at, at + 1),
          ]) {
            try {
              decodeBody(input);
            } catch (error) {
              expect(error).toBeInstanceOf(MalformedInput);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
