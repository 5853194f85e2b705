import { describe, expect, it } from 'vitest';
import { isValidId, parseCursor, parseRoutingId } from './ids.js';

describe('identifiers', () => {
  it('accepts base64url routing ids of 22 to 86 characters', () => {
    expect(parseRoutingId('A'.repeat(22))).toBe('A'.repeat(22));
    expect(isValidId('routingId', 'a-_Z9'.repeat(10))).toBe(true);
    expect(isValidId('routingId', 'A'.repeat(21))).toBe(false);
    expect(isValidId('routingId', 'A'.repeat(87))).toBe(false);
  });

  it('rejects padding, slashes, dots and non-ASCII in base64url ids', () => {
    for (const bad of [
      'A'.repeat(21) + '=',
      'A'.repeat(21) + '/',
      'A'.repeat(21) + '.',
      'A'.repeat(21) + 'é',
    ]) {
      expect(isValidId('routingId', bad)).toBe(false);
    }
  });

  it('allows dots in cursors and the empty start cursor', () => {
    expect(parseCursor('')).toBe('');
    expect(parseCursor('abc.42')).toBe('abc.42');
  });

  it('throws invalid_id with the kind, never echoing the value', () => {
    expect(() => parseRoutingId('secret/value')).toThrow(
      expect.objectContaining({ code: 'invalid_id', details: { kind: 'routingId', length: 12 } }),
    );
  });
});
