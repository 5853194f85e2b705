import { describe, expect, it } from 'vitest';
import { authChallengeMessage, AUTH_DOMAIN, type AuthChallengeInput } from './auth-message.js';
import type { DeviceTag, RelayId, RoutingId } from './ids.js';

const base: AuthChallengeInput = {
  protocolVersion: 1,
  relayId: 'relay-1' as RelayId,
  nonce: new Uint8Array(32).fill(1),
  routingId: 'R'.repeat(43) as RoutingId,
  deviceTag: 'dev' as DeviceTag,
  authPublicKey: new Uint8Array(32).fill(2),
};

describe('authChallengeMessage', () => {
  it('starts with the domain separation string and a zero byte', () => {
    const message = authChallengeMessage(base);
    const domain = new TextDecoder().decode(message.subarray(0, AUTH_DOMAIN.length));
    expect(domain).toBe(AUTH_DOMAIN);
    expect(message[AUTH_DOMAIN.length]).toBe(0);
  });

  it('changes when any bound field changes', () => {
    const reference = authChallengeMessage(base);
    const variants: AuthChallengeInput[] = [
      { ...base, protocolVersion: 2 },
      { ...base, relayId: 'relay-2' as RelayId },
      { ...base, nonce: new Uint8Array(32).fill(9) },
      { ...base, routingId: 'S'.repeat(43) as RoutingId },
      { ...base, deviceTag: 'dew' as DeviceTag },
      { ...base, authPublicKey: new Uint8Array(32).fill(3) },
    ];
    for (const variant of variants) expect(authChallengeMessage(variant)).not.toEqual(reference);
  });

  it('cannot be made equal by moving characters between the relay id and device tag', () => {
    const a = authChallengeMessage({
      ...base,
      relayId: 'ab' as RelayId,
      deviceTag: 'cd' as DeviceTag,
    });
    const b = authChallengeMessage({
      ...base,
      relayId: 'abc' as RelayId,
      deviceTag: 'd' as DeviceTag,
    });
    expect(a).not.toEqual(b);
  });
});
