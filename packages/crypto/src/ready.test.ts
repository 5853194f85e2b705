import { describe, expect, it } from 'vitest';
import {
  equalBytes,
  generateSpaceKey,
  isReady,
  keyedHash,
  memzero,
  randomBytes,
  ready,
  seal,
  toBase64Url,
  toHex,
} from './index.js';

describe('ready', () => {
  it('makes every crypto function throw CRYPTO_NOT_READY until it has resolved', async () => {
    expect(isReady()).toBe(false);
    const notReady = expect.objectContaining({ code: 'CRYPTO_NOT_READY' });
    expect(() => randomBytes(8)).toThrow(notReady);
    expect(() => keyedHash(new Uint8Array(32), 'x')).toThrow(notReady);
    expect(() => seal(new Uint8Array(32) as never, new Uint8Array(1), new Uint8Array(0))).toThrow(
      notReady,
    );
    // The byte helpers are pure and work before libsodium loads.
    expect(toHex(Uint8Array.of(1, 255))).toBe('01ff');
    expect(toBase64Url(Uint8Array.of(251, 255))).toBe('-_8');
    expect(equalBytes(Uint8Array.of(1), Uint8Array.of(1))).toBe(true);
    const secret = Uint8Array.of(1, 2);
    memzero(secret);
    expect([...secret]).toEqual([0, 0]);
    await ready();
    expect(isReady()).toBe(true);
    expect(generateSpaceKey()).toHaveLength(32);
  });

  it('returns the same promise every time, so libsodium loads once', () => {
    expect(ready()).toBe(ready());
  });
});
