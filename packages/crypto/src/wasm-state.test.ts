import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, ready } from './index.js';
import { requireSodium } from './sodium.js';
import { releaseState } from './wasm-state.js';

beforeAll(async () => {
  await ready();
});

describe('releaseState', () => {
  it('returns secretstream states to the WebAssembly heap, so streams do not leak', () => {
    const sodium = requireSodium();
    const key = randomBytes(32);
    const addresses = new Set<unknown>();
    for (let i = 0; i < 1000; i++) {
      const { state } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
      addresses.add(state);
      releaseState(state, 52);
    }
    // Without the release every stream would get a fresh address.
    expect(addresses.size).toBeLessThan(10);
  });

  it('ignores values that are not heap addresses', () => {
    expect(() => releaseState(undefined, 52)).not.toThrow();
    expect(() => releaseState(-1, 52)).not.toThrow();
    expect(() => releaseState(2 ** 40, 52)).not.toThrow();
  });
});
