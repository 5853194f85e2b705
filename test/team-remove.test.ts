import { describe, expect, it } from 'vitest';
import { makeSession, runTrail, startRelayProcess } from './sync-support.js';
import { createTeam, invite, json, member, record, teamLog, teamSync } from './team-support.js';

describe('removing a member', () => {
  it('rotates the key: the removed member keeps what it had and reads nothing shared afterwards; a late joiner reads all', async () => {
    const relay = await startRelayProcess();
    const [alice, bob, carol, dave] = [
      member('alice'),
      member('bob'),
      member('carol'),
      member('dave'),
    ];
    await record(alice, [makeSession('aaaaaaaa-0000-4000-8000-000000000001')]);
    await record(bob, [makeSession('bbbbbbbb-0000-4000-8000-000000000002')]);
    await record(carol, [makeSession('cccccccc-0000-4000-8000-000000000003')]);
    createTeam(alice, 'acme', relay.url);
    invite(alice, 'acme', bob);
    invite(alice, 'acme', carol);
    json(alice, ['share', 'aaaaaaaa', '--team', 'acme']);
    for (const m of [bob, carol]) teamSync(m, 'acme');
    expect(teamLog(carol, 'acme').summaries).toHaveLength(1);

    const removed = json<{ removed: { member: { name: string }; epoch: number } }>(alice, [
      'team',
      'remove',
      'acme',
      'carol',
      '--yes',
    ]);
    expect(removed.removed).toEqual({
      member: expect.objectContaining({ name: 'carol' }),
      epoch: 2,
    });
    // Bob picks up the rotation and shares under the new key.
    teamSync(bob, 'acme');
    json(bob, ['share', 'bbbbbbbb', '--team', 'acme']);
    teamSync(alice, 'acme');
    expect(
      teamLog(alice, 'acme')
        .summaries.map((s) => s.session)
        .sort(),
    ).toEqual(['aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002']);

    // Carol syncs: she learns she was removed, keeps the first summary, never gets the second.
    teamSync(carol, 'acme');
    expect(teamLog(carol, 'acme').summaries.map((s) => s.session)).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000001',
    ]);
    const teams = json<{ teams: { name: string; epoch: number; status: string }[] }>(carol, [
      'team',
      'list',
    ]);
    expect(teams.teams).toEqual([
      expect.objectContaining({ name: 'acme', epoch: 1, status: 'removed' }),
    ]);
    const refused = runTrail(carol.home, ['share', 'cccccccc', '--team', 'acme'], {
      allowFail: true,
    });
    expect(refused.status).toBe(15);

    // A member who joins after the rotation reads the whole history.
    invite(alice, 'acme', dave);
    expect(
      teamLog(dave, 'acme')
        .summaries.map((s) => s.session)
        .sort(),
    ).toEqual(['aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002']);
    const roster = json<{ members: { name: string; status: string }[] }>(dave, [
      'team',
      'members',
      'acme',
    ]);
    expect(roster.members.map((m) => `${m.name}:${m.status}`).sort()).toEqual([
      'alice:active',
      'bob:active',
      'carol:removed',
      'dave:active',
    ]);
  });
});
