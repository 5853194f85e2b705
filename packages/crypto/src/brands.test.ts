import { beforeAll, describe, expect, it } from 'vitest';
import {
  asBoxPublicKey,
  asCiphertext,
  asPublicKey,
  asSecretKey,
  asSignature,
  asSpaceKey,
  asSymmetricKey,
  generateSpaceKey,
  isPublicKey,
  isSpaceKey,
  open,
  ready,
  seal,
  toPlaintext,
} from './index.js';
import type { Ciphertext, Plaintext, SpaceKey, SymmetricKey } from './index.js';

beforeAll(async () => {
  await ready();
});

// Compile-time checks: `npm run typecheck` fails if any @ts-expect-error line stops erroring.
function typeLevelChecks(key: SpaceKey, plaintext: Plaintext, ciphertext: Ciphertext): void {
  const symmetric: SymmetricKey = key;
  // @ts-expect-error plaintext is not ciphertext
  open(key, plaintext, new Uint8Array(0));
  // @ts-expect-error a generic symmetric key is not a space key
  const space: SpaceKey = symmetric;
  // @ts-expect-error raw bytes must be vouched for as ciphertext first
  open(key, new Uint8Array(40), new Uint8Array(0));
  const sent: Uint8Array = ciphertext;
  void [space, sent, seal(symmetric, plaintext, new Uint8Array(0))];
}

describe('branded byte types', () => {
  it('are plain Uint8Arrays at runtime, checked for length by their constructors', () => {
    expect(typeof typeLevelChecks).toBe('function');
    const bytes = new Uint8Array(32);
    expect(asSpaceKey(bytes)).toBe(bytes);
    expect(asSymmetricKey(bytes)).toBe(bytes);
    expect(asPublicKey(bytes)).toBe(bytes);
    expect(asBoxPublicKey(bytes)).toBe(bytes);
    const invalid = expect.objectContaining({ code: 'INVALID_KEY' });
    expect(() => asSpaceKey(new Uint8Array(31))).toThrow(invalid);
    expect(() => asSecretKey(new Uint8Array(32))).toThrow(invalid);
    expect(() => asSignature(new Uint8Array(63))).toThrow(invalid);
    expect(() => asCiphertext('x' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('have guards that check type and length', () => {
    expect(isSpaceKey(generateSpaceKey())).toBe(true);
    expect(isSpaceKey(new Uint8Array(16))).toBe(false);
    expect(isSpaceKey('x'.repeat(32))).toBe(false);
    expect(isPublicKey(new Uint8Array(32))).toBe(true);
  });

  it('encode strings as UTF-8 plaintext', () => {
    expect([...toPlaintext('é')]).toEqual([0xc3, 0xa9]);
  });

  it('let a space key seal directly, since it is a symmetric key', () => {
    const key = generateSpaceKey();
    const sealed = seal(key, toPlaintext('x'), new Uint8Array(0));
    expect(new TextDecoder().decode(open(key, sealed, new Uint8Array(0)))).toBe('x');
  });
});
