import type { InvitationId } from '@trail/protocol';
import { isRelayError } from '@trail/protocol';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytes, events, connect, testRelay, waitFor } from './test-support/harness.js';
import { device, newSpace } from './test-support/keys.js';

const invitation = () => randomBytes(16).toString('base64url') as InvitationId;

describe('pairing rendezvous', () => {
  it('lets an inviter in a space and a guest joiner exchange sealed messages, live', async () => {
    let clock = 0;
    const relay = await testRelay({}, { now: () => clock });
    const inviter = await connect(relay, device(newSpace(), 'laptop'));
    const joiner = await connect(relay);
    const id = invitation();
    expect(await joiner.invitePull(id)).toEqual([]);
    const pushed = events(joiner, 'inviteMessage');
    expect(await inviter.invitePut(id, bytes(32, 1))).toBe(1);
    await waitFor(() => pushed.length === 1, 'live invitation message');
    expect(pushed[0]).toMatchObject({ invitationId: id, seq: 1 });
    expect(await joiner.invitePut(id, bytes(48, 2))).toBe(2);
    const seen = await inviter.invitePull(id, 1);
    expect(seen.map((m) => [m.seq, m.bytes.length])).toEqual([[2, 48]]);
    clock += 1;
    expect(await inviter.inviteDelete(id)).toBe(true);
    expect(await joiner.invitePull(id)).toEqual([]);
    expect(await joiner.inviteDelete(id)).toBe(true);
  });

  it('expires invitations after their TTL', async () => {
    let clock = 0;
    const relay = await testRelay({ invitationTtlMs: 600_000 }, { now: () => clock });
    const guest = await connect(relay);
    const id = invitation();
    await guest.invitePut(id, bytes(4));
    clock += 599_999;
    expect(await guest.invitePull(id)).toHaveLength(1);
    clock += 1;
    expect(await guest.invitePull(id)).toEqual([]);
  });

  it('bounds the messages and message size of an invitation', async () => {
    const relay = await testRelay({ invitationMaxMessages: 2, invitationMaxMessageBytes: 100 });
    const guest = await connect(relay);
    const id = invitation();
    const tooBig = await guest.invitePut(id, bytes(101)).catch((e: unknown) => e);
    expect(isRelayError(tooBig, 'payload_too_large')).toBe(true);
    await guest.invitePut(id, bytes(1));
    await guest.invitePut(id, bytes(1));
    const full = await guest.invitePut(id, bytes(1)).catch((e: unknown) => e);
    expect(isRelayError(full, 'invitation_full')).toBe(true);
  });

  it('bounds the invitations held by the relay', async () => {
    const relay = await testRelay({ maxInvitations: 1 });
    const guest = await connect(relay);
    await guest.invitePut(invitation(), bytes(1));
    const refused = await guest.invitePut(invitation(), bytes(1)).catch((e: unknown) => e);
    expect(isRelayError(refused, 'rendezvous_full')).toBe(true);
    expect(relay.stats().invitations).toBe(1);
  });

  it('forgets a guest’s interest in an invitation when it disconnects', async () => {
    const relay = await testRelay();
    const id = invitation();
    const watcher = await connect(relay);
    await watcher.invitePull(id);
    await watcher.close();
    const other = await connect(relay);
    expect(await other.invitePut(id, bytes(1))).toBe(1);
    await waitFor(() => relay.stats().connections === 1, 'watcher gone');
  });
});
