import type { DeviceTag } from '@trail/protocol';
import { describe, expect, it } from 'vitest';
import { bytes, events, connect, testRelay, waitFor } from './test-support/harness.js';
import { device, newSpace } from './test-support/keys.js';

describe('live forwarding and presence', () => {
  it('forwards bytes to every other connected device of the space without storing them', async () => {
    const relay = await testRelay();
    const space = newSpace();
    const laptop = await connect(relay, device(space, 'laptop'));
    const desktop = await connect(relay, device(space, 'desktop'));
    const phone = await connect(relay, device(space, 'phone'));
    const atDesktop = events(desktop, 'forwarded');
    const atPhone = events(phone, 'forwarded');
    const atLaptop = events(laptop, 'forwarded');
    expect(laptop.forward(bytes(100, 9))).toBe(true);
    await waitFor(() => atDesktop.length === 1 && atPhone.length === 1, 'forwards');
    expect(atDesktop[0]!.from).toBe('laptop');
    expect([...atPhone[0]!.bytes]).toEqual([...bytes(100, 9)]);
    expect(atLaptop).toEqual([]);
    expect((await laptop.pull()).bundles).toEqual([]);
  });

  it('forwards to one device when a target is named', async () => {
    const relay = await testRelay();
    const space = newSpace();
    const laptop = await connect(relay, device(space, 'laptop'));
    const desktop = await connect(relay, device(space, 'desktop'));
    const phone = await connect(relay, device(space, 'phone'));
    const atDesktop = events(desktop, 'forwarded');
    const atPhone = events(phone, 'forwarded');
    laptop.forward(bytes(1, 1), 'phone' as DeviceTag);
    laptop.forward(bytes(1, 2));
    await waitFor(() => atPhone.length === 2 && atDesktop.length === 1, 'forwards');
    expect(atPhone.map((f) => f.bytes[0])).toEqual([1, 2]);
    expect(atDesktop.map((f) => f.bytes[0])).toEqual([2]);
  });

  it('lists online devices in welcome and announces devices joining and leaving', async () => {
    const relay = await testRelay();
    const space = newSpace();
    const laptop = await connect(relay, device(space, 'laptop'));
    const presence = events(laptop, 'presence');
    const desktop = await connect(relay, device(space, 'desktop'));
    expect(desktop.welcome?.online).toEqual(['laptop']);
    const second = await connect(relay, device(space, 'desktop'));
    await second.close();
    await desktop.close();
    await waitFor(() => presence.length === 2, 'presence events');
    expect(presence.map((p) => [p.event, p.deviceTag])).toEqual([
      ['joined', 'desktop'],
      ['left', 'desktop'],
    ]);
  });
});
