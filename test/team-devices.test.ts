import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeSession, pairDevices, runTrail, startRelayProcess } from './sync-support.js';
import { createTeam, invite, json, member, record, teamLog } from './team-support.js';

describe("a member's second device", () => {
  it('sees the team through the personal space and shares as the same member', async () => {
    const relay = await startRelayProcess();
    const laptop = member('alice');
    const desktop = { name: 'alice', home: join(laptop.home, '..', 'desktop') };
    const bob = member('bob');
    runTrail(laptop.home, ['sync', '--relay', relay.url]);
    await pairDevices(relay.url, laptop.home, desktop.home, 'desktop');
    createTeam(laptop, 'acme', relay.url);
    invite(laptop, 'acme', bob);
    await record(laptop, [makeSession('aaaaaaaa-0000-4000-8000-000000000001')]);
    json(laptop, ['share', 'aaaaaaaa', '--team', 'acme']);

    // trail sync carries the team keys (sealed in the personal space) to the desktop.
    runTrail(laptop.home, ['sync']);
    runTrail(desktop.home, ['sync']);
    const teams = json<{ teams: { name: string; member: { name: string } }[] }>(desktop, [
      'team',
      'list',
    ]);
    expect(teams.teams).toEqual([
      expect.objectContaining({ name: 'acme', member: expect.objectContaining({ name: 'alice' }) }),
    ]);
    expect(teamLog(desktop, 'acme').summaries.map((s) => s.session)).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000001',
    ]);

    // The desktop (a device of the same member) shares; Bob sees it under Alice's name.
    await record(desktop, [makeSession('dddddddd-0000-4000-8000-000000000004')]);
    json(desktop, ['share', 'dddddddd', '--team', 'acme']);
    json(bob, ['team', 'sync', 'acme']);
    const log = teamLog(bob, 'acme');
    expect(log.summaries.map((s) => `${s.author.name}:${s.session}`).sort()).toEqual([
      'alice:aaaaaaaa-0000-4000-8000-000000000001',
      'alice:dddddddd-0000-4000-8000-000000000004',
    ]);
    expect(log.ignored.total).toBe(0);
    const roster = json<{ members: { name: string; devices: unknown[] }[] }>(bob, [
      'team',
      'members',
      'acme',
    ]);
    expect(roster.members.find((m) => m.name === 'alice')!.devices).toHaveLength(2);
  });
});
