import { describe, expect, it } from 'vitest';
import { chooseRelay, normalizeRelayUrl } from './config.js';

describe('relay URLs', () => {
  it('accept ws:// and wss:// URLs and host:port', () => {
    expect(normalizeRelayUrl('wss://relay.example/')).toBe('wss://relay.example');
    expect(normalizeRelayUrl('192.168.1.20:7711')).toBe('ws://192.168.1.20:7711');
  });

  it('refuse other schemes and credentials', () => {
    expect(() => normalizeRelayUrl('https://relay.example')).toThrow(
      expect.objectContaining({ code: 'SYNC_BAD_RELAY_URL' }),
    );
    expect(() => normalizeRelayUrl('wss://user:pw@relay.example')).toThrow(
      expect.objectContaining({ code: 'SYNC_BAD_RELAY_URL' }),
    );
  });

  it('come from the flag, then TRAIL_RELAY, then the remembered one', () => {
    const config = { relayIds: {}, deviceName: 'x', relayUrl: 'ws://remembered:1' };
    expect(chooseRelay('ws://flag:1', { TRAIL_RELAY: 'ws://env:1' }, config)).toBe('ws://flag:1');
    expect(chooseRelay(undefined, { TRAIL_RELAY: 'ws://env:1' }, config)).toBe('ws://env:1');
    expect(chooseRelay(undefined, {}, config)).toBe('ws://remembered:1');
    expect(() => chooseRelay(undefined, {}, { relayIds: {}, deviceName: 'x' })).toThrow(
      expect.objectContaining({ code: 'SYNC_NO_RELAY' }),
    );
  });
});
