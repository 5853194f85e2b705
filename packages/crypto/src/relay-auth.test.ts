import { beforeAll, describe, expect, it } from 'vitest';
import {
  deriveSubkey,
  generateSpaceKey,
  ready,
  relayAuthKeyPair,
  routingId,
  sign,
  toBase64Url,
  verify,
} from './index.js';

beforeAll(async () => {
  await ready();
});

describe('relayAuthKeyPair', () => {
  it('gives every holder of the space key the same pair for an epoch', () => {
    const key = generateSpaceKey();
    const a = relayAuthKeyPair(key, 3);
    const b = relayAuthKeyPair(key.slice() as typeof key, 3);
    expect(a.publicKey).toEqual(b.publicKey);
    expect(a.secretKey).toEqual(b.secretKey);
  });

  it('changes with the epoch and the space key', () => {
    const key = generateSpaceKey();
    const ids = [
      relayAuthKeyPair(key, 0),
      relayAuthKeyPair(key, 1),
      relayAuthKeyPair(generateSpaceKey(), 0),
    ].map((pair) => toBase64Url(pair.publicKey));
    expect(new Set(ids).size).toBe(3);
  });

  it('signs challenges the relay can verify with the public key alone', () => {
    const pair = relayAuthKeyPair(generateSpaceKey(), 0);
    const challenge = Uint8Array.of(1, 2, 3, 4);
    expect(verify(pair.publicKey, challenge, sign(pair.secretKey, challenge))).toBe(true);
  });

  it('does not reveal the space key or its other sub-keys', () => {
    const key = generateSpaceKey();
    const pub = toBase64Url(relayAuthKeyPair(key, 0).publicKey);
    expect(pub).not.toBe(toBase64Url(key));
    expect(pub).not.toBe(toBase64Url(deriveSubkey(key, 'relay-auth', 0)));
  });
});

describe('routingId', () => {
  it('is a deterministic 43-character base64url id per space and epoch', () => {
    const key = generateSpaceKey();
    expect(routingId(key, 0)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(routingId(key, 0)).toBe(routingId(key, 0));
    expect(routingId(key, 1)).not.toBe(routingId(key, 0));
    expect(routingId(generateSpaceKey(), 0)).not.toBe(routingId(key, 0));
  });

  it('differs from the relay-auth public key and the space key', () => {
    const key = generateSpaceKey();
    expect(routingId(key, 0)).not.toBe(toBase64Url(key));
    expect(routingId(key, 0)).not.toBe(toBase64Url(relayAuthKeyPair(key, 0).publicKey));
  });
});
