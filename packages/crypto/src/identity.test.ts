import { beforeAll, describe, expect, it } from 'vitest';
import {
  deviceIdFromPublicKey,
  fromBase64Url,
  generateDeviceIdentity,
  isDeviceId,
  parseIdentity,
  parsePublicIdentity,
  publicIdentity,
  ready,
  serializeIdentity,
  serializePublicIdentity,
  sign,
  toBase64Url,
  verify,
  wipeIdentity,
} from './index.js';

beforeAll(async () => {
  await ready();
});

const identityInvalid = expect.objectContaining({ code: 'IDENTITY_INVALID' });

describe('generateDeviceIdentity', () => {
  it('creates separate Ed25519 and X25519 key pairs and a device id derived from the signing key', () => {
    const identity = generateDeviceIdentity();
    expect(identity.signPublicKey).toHaveLength(32);
    expect(identity.signSecretKey).toHaveLength(64);
    expect(identity.boxPublicKey).toHaveLength(32);
    expect(identity.boxSecretKey).toHaveLength(32);
    expect(toBase64Url(identity.boxPublicKey)).not.toBe(toBase64Url(identity.signPublicKey));
    expect(isDeviceId(identity.deviceId)).toBe(true);
    expect(identity.deviceId).toBe(deviceIdFromPublicKey(identity.signPublicKey));
    expect(generateDeviceIdentity().deviceId).not.toBe(identity.deviceId);
  });
});

describe('serializeIdentity and parseIdentity', () => {
  it('round-trip through JSON text with working keys', () => {
    const identity = generateDeviceIdentity();
    const parsed = parseIdentity(JSON.stringify(serializeIdentity(identity)));
    expect(parsed).toEqual(identity);
    const signature = sign(parsed.signSecretKey, 'hello');
    expect(verify(identity.signPublicKey, 'hello', signature)).toBe(true);
  });

  it('reject an identity whose device id does not match its key', () => {
    const json = { ...serializeIdentity(generateDeviceIdentity()) };
    json.deviceId = generateDeviceIdentity().deviceId;
    expect(() => parseIdentity(json)).toThrow(identityInvalid);
  });

  it('reject a signing secret key that does not belong to the public key', () => {
    const a = serializeIdentity(generateDeviceIdentity());
    const b = serializeIdentity(generateDeviceIdentity());
    expect(() => parseIdentity({ ...a, signSecretKey: b.signSecretKey })).toThrow(identityInvalid);
    // Same seed, but a foreign public key spliced into libsodium's 64-byte layout.
    const spliced = fromBase64Url(a.signSecretKey);
    spliced.set(fromBase64Url(b.signPublicKey), 32);
    expect(() => parseIdentity({ ...a, signSecretKey: toBase64Url(spliced) })).toThrow(
      identityInvalid,
    );
  });

  it('reject a box secret key that does not belong to the box public key', () => {
    const a = serializeIdentity(generateDeviceIdentity());
    const b = serializeIdentity(generateDeviceIdentity());
    expect(() => parseIdentity({ ...a, boxSecretKey: b.boxSecretKey })).toThrow(identityInvalid);
  });

  it('reject malformed input with IDENTITY_INVALID, not a crash', () => {
    const good = serializeIdentity(generateDeviceIdentity());
    for (const bad of [
      'not json',
      null,
      [],
      { ...good, version: 2 },
      { ...good, signPublicKey: 'AA' },
      { ...good, boxSecretKey: '***' },
      { ...good, signSecretKey: undefined },
    ]) {
      expect(() => parseIdentity(bad)).toThrow(identityInvalid);
    }
  });

  it('never puts secret keys in the message of an error', () => {
    const good = serializeIdentity(generateDeviceIdentity());
    try {
      parseIdentity({
        ...good,
        signPublicKey: serializeIdentity(generateDeviceIdentity()).signPublicKey,
      });
      expect.unreachable();
    } catch (error) {
      const text = JSON.stringify({
        message: (error as Error).message,
        data: (error as { data: unknown }).data,
      });
      expect(text).not.toContain(good.signSecretKey);
      expect(text).not.toContain(good.boxSecretKey);
    }
  });
});

describe('publicIdentity', () => {
  it('leaves the secret keys behind and round-trips through its own JSON form', () => {
    const identity = generateDeviceIdentity();
    const pub = publicIdentity(identity);
    expect(Object.keys(pub).sort()).toEqual(['boxPublicKey', 'deviceId', 'signPublicKey']);
    const json = serializePublicIdentity(identity);
    expect(Object.keys(json)).not.toContain('signSecretKey');
    expect(parsePublicIdentity(JSON.stringify(json))).toEqual(pub);
  });
});

describe('wipeIdentity', () => {
  it('zeroes both secret keys in place', () => {
    const identity = generateDeviceIdentity();
    wipeIdentity(identity);
    expect(identity.signSecretKey.every((b) => b === 0)).toBe(true);
    expect(identity.boxSecretKey.every((b) => b === 0)).toBe(true);
  });
});
