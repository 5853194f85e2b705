import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '@trail/crypto';
import { entryId, openEntry, signEntry, type SignedEntry } from './entries.js';
import { judgeContent, replayMembership } from './membership.js';
import { add, certify, found, person, summary } from './test-support/team.js';

beforeAll(async () => {
  await ready();
});

function opened(entries: readonly { id: string; bytes: Uint8Array }[]): SignedEntry[] {
  return entries.map((e) => {
    const r = openEntry(e.id, e.bytes);
    if (!r.ok) throw new Error(r.reason);
    return r.signed;
  });
}

describe('the membership log', () => {
  it('starts from the genesis entry whose hash is the team id, with its founder as admin', () => {
    const alice = person('alice');
    const { teamId, entries } = found(alice);
    const m = replayMembership(teamId, opened(entries));
    expect(m.name).toBe('acme');
    expect([...m.members.values()].map((x) => [x.name, x.role, x.devices.size])).toEqual([
      ['alice', 'admin', 1],
    ]);
    // Another genesis (another team's, or a forged one) founds nothing here.
    const other = found(person('mallory'), 'acme');
    const m2 = replayMembership(teamId, opened([...entries, ...other.entries]));
    expect(m2.rejected.map((r) => r.reason)).toContain('duplicate-genesis');
    expect([...m2.members.keys()]).toEqual([alice.member.deviceId]);
  });

  it('lets only an admin add or remove members', () => {
    const [alice, bob, carol] = [person('alice'), person('bob'), person('carol')];
    const { teamId, entries } = found(alice);
    const byBob = add(teamId, bob, carol, 10); // bob is no member, let alone an admin
    const m = replayMembership(teamId, opened([...entries, add(teamId, alice, bob, 5), byBob]));
    expect([...m.members.values()].map((x) => x.name).sort()).toEqual(['alice', 'bob']);
    expect(m.rejected).toEqual([{ id: byBob.id, reason: 'not-admin' }]);
    const removal = signEntry(bob.member, {
      t: 'remove',
      team: teamId,
      at: 20,
      by: bob.member.deviceId,
      member: alice.member.deviceId,
      epoch: 2,
      keys: {},
    });
    const m2 = replayMembership(teamId, opened([...entries, add(teamId, alice, bob, 5), removal]));
    expect(m2.members.get(alice.member.deviceId)!.removedAt).toBeUndefined();
    expect(m2.rejected.map((r) => r.reason)).toEqual(['not-admin']);
  });

  it('accepts one join per invitation, before it expires, signed with the invitation key', () => {
    const [alice, bob, carol, invitation] = [
      person('alice'),
      person('bob'),
      person('carol'),
      person('invite'),
    ];
    const { teamId, entries } = found(alice);
    const invite = signEntry(alice.member, {
      t: 'invite',
      team: teamId,
      at: 3,
      by: alice.member.deviceId,
      invite: Buffer.from(invitation.member.signPublicKey).toString('base64url'),
      expires: 100,
      role: 'member',
    });
    const join = (p: typeof bob, at: number) =>
      signEntry(invitation.member, {
        t: 'add',
        team: teamId,
        at,
        member: {
          id: p.member.deviceId,
          name: p.name,
          sign: Buffer.from(p.member.signPublicKey).toString('base64url'),
          box: Buffer.from(p.member.boxPublicKey).toString('base64url'),
        },
        role: 'member',
        invite: Buffer.from(invitation.member.signPublicKey).toString('base64url'),
      });
    const m = replayMembership(
      teamId,
      opened([...entries, invite, join(bob, 10), join(carol, 11)]),
    );
    expect([...m.members.values()].map((x) => x.name).sort()).toEqual(['alice', 'bob']);
    const late = replayMembership(teamId, opened([...entries, invite, join(carol, 101)]));
    expect([...late.members.values()].map((x) => x.name)).toEqual(['alice']);
  });
});

describe('signed content', () => {
  it('counts a summary only when signed by a device its author certified', () => {
    const [alice, bob, mallory] = [person('alice'), person('bob'), person('mallory')];
    const { teamId, entries } = found(alice);
    const m = replayMembership(
      teamId,
      opened([...entries, add(teamId, alice, bob, 5), certify(teamId, bob, 6)]),
    );
    const facts = (s: { id: string; bytes: Uint8Array }) => {
      const e = opened([s])[0]!;
      return {
        team: teamId,
        at: e.entry.at,
        signer: e.signer,
        author: (e.entry as { author: string }).author,
        epoch: 1,
      };
    };
    expect(judgeContent(m, facts(summary(teamId, bob, 's1', 10)))).toBeUndefined();
    // Claims another author: Bob's device signs a summary "by Alice".
    expect(judgeContent(m, facts(summary(teamId, alice, 's2', 10, bob.device)))).toBe(
      'wrong-author',
    );
    // Signed by a non-member.
    expect(judgeContent(m, facts(summary(teamId, mallory, 's3', 10)))).toBe('not-member');
    expect(judgeContent(m, facts(summary(teamId, alice, 's4', 10, mallory.device)))).toBe(
      'not-member',
    );
  });

  it('ignores what a removed member writes afterwards, and keeps what it wrote before', () => {
    const [alice, bob] = [person('alice'), person('bob')];
    const { teamId, entries } = found(alice);
    const removal = signEntry(alice.member, {
      t: 'remove',
      team: teamId,
      at: 50,
      by: alice.member.deviceId,
      member: bob.member.deviceId,
      epoch: 2,
      keys: {},
    });
    const m = replayMembership(
      teamId,
      opened([...entries, add(teamId, alice, bob, 5), certify(teamId, bob, 6), removal]),
    );
    const judge = (at: number, epoch: number) =>
      judgeContent(m, {
        team: teamId,
        at,
        signer: Buffer.from(bob.device.signPublicKey).toString('base64url'),
        author: bob.member.deviceId,
        epoch,
      });
    expect(judge(40, 1)).toBeUndefined();
    expect(judge(60, 1)).toBe('removed');
    expect(judge(40, 2)).toBe('removed');
    expect(m.rotations).toEqual([
      expect.objectContaining({ epoch: 2, removed: bob.member.deviceId }),
    ]);
  });

  it('refuses altered, unsigned and misnamed entries when opening them', () => {
    const alice = person('alice');
    const { teamId } = found(alice);
    const s = summary(teamId, alice, 's1', 10);
    const altered = Uint8Array.from(s.bytes);
    altered[altered.length - 2] = altered[altered.length - 2]! ^ 1;
    expect(openEntry(s.id, altered)).toEqual({ ok: false, reason: 'bad-id' });
    expect(openEntry(entryId(altered), altered)).toEqual({ ok: false, reason: 'bad-signature' });
    const unsigned = new TextEncoder().encode('{"t":"summary"}');
    expect(openEntry(entryId(unsigned), unsigned)).toEqual({ ok: false, reason: 'unsigned' });
    expect(openEntry('00', 'not bytes')).toEqual({ ok: false, reason: 'unsigned' });
    expect(openEntry(s.id, s.bytes)).toMatchObject({ ok: true });
  });
});
