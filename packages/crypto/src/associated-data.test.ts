import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeAssociatedData, toHex } from './index.js';
import type { AssociatedDataFields } from './index.js';

const fields = fc.record({
  docId: fc.string({ maxLength: 12, unit: 'grapheme' }),
  sender: fc.string({ maxLength: 12, unit: 'grapheme' }),
  epoch: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
  kind: fc.string({ maxLength: 12, unit: 'grapheme' }),
});

const same = (a: AssociatedDataFields, b: AssociatedDataFields): boolean =>
  a.docId === b.docId && a.sender === b.sender && a.epoch === b.epoch && a.kind === b.kind;

describe('encodeAssociatedData', () => {
  it('is injective: different fields never give the same bytes', () => {
    fc.assert(
      fc.property(fields, fields, (a, b) => {
        fc.pre(!same(a, b));
        expect(toHex(encodeAssociatedData(a))).not.toBe(toHex(encodeAssociatedData(b)));
      }),
    );
  });

  it('cannot be fooled by moving characters from one field to the next', () => {
    const a = encodeAssociatedData({ docId: 'ab', sender: 'c', epoch: 1, kind: 'k' });
    const b = encodeAssociatedData({ docId: 'a', sender: 'bc', epoch: 1, kind: 'k' });
    expect(toHex(a)).not.toBe(toHex(b));
  });

  it('has a pinned byte layout', () => {
    const bytes = encodeAssociatedData({ docId: 'd', sender: 's', epoch: 258, kind: 'k' });
    expect(toHex(bytes)).toBe(
      toHex(new TextEncoder().encode('trail/ad/v1')) +
        '0000000164' +
        '0000000173' +
        '0000000000000102' +
        '000000016b',
    );
  });

  it('rejects negative, fractional or unsafe epochs and lone surrogates', () => {
    const base = { docId: 'd', sender: 's', kind: 'k' };
    for (const epoch of [-1, 0.5, 2 ** 53, Number.NaN]) {
      expect(() => encodeAssociatedData({ ...base, epoch })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
    expect(() => encodeAssociatedData({ ...base, epoch: 0, docId: '\ud800' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
