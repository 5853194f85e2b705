import * as A from '@automerge/automerge';
import { join } from 'node:path';
import { generateDeviceIdentity, ready } from '@trail/crypto';
import { loadOrCreateDevice } from '@trail/sync';
import { describe, expect, it } from 'vitest';
import { signEntry, type SummaryEntry } from '../packages/team/src/entries.js';
import { listTeamKeys, type TeamKeys } from '../packages/team/src/keys.js';
import { TeamReplica } from '../packages/team/src/replica.js';
import { TeamLinks, emptyStats, pushTeam, putChanges } from '../packages/team/src/transport.js';
import { makeSession, runTrail, startRelayProcess } from './sync-support.js';
import { createTeam, invite, json, member, record, teamLog, teamSync } from './team-support.js';
import { tempDir } from './helpers.js';

/** Uploads what a replica queued, as `device`, with `keys`. */
async function upload(
  keys: TeamKeys,
  device: Parameters<typeof pushTeam>[1],
  replica: TeamReplica,
) {
  const links = new TeamLinks({ url: keys.relayUrl, device, deadline: Date.now() + 30_000 });
  try {
    await pushTeam(keys, device, replica, links, emptyStats());
  } finally {
    await links.close();
  }
}

describe('forged entries', () => {
  it('are ignored by every reader and reported: non-member, another author, altered, unsigned, deleted', async () => {
    await ready();
    const relay = await startRelayProcess();
    const [alice, bob] = [member('alice'), member('bob')];
    await record(alice, [makeSession('aaaaaaaa-0000-4000-8000-000000000001')]);
    const teamId = createTeam(alice, 'acme', relay.url);
    invite(alice, 'acme', bob);
    json(alice, ['share', 'aaaaaaaa', '--team', 'acme']);
    teamSync(bob, 'acme');
    const [bobKeys] = await listTeamKeys(bob.home);
    const aliceId = teamLog(bob, 'acme').summaries[0]!.author.id;

    // Bob's replica holds Alice's genuine summary entry.
    const bobReplica = TeamReplica.open(bob.home, teamId);
    const genuineId = bobReplica.index.rows('summary')[0]!.id;
    const genuine = bobReplica.index.body(genuineId) as SummaryEntry;
    const bobDevice = await loadOrCreateDevice(join(bob.home, 'keys', 'device.key'));

    // 1. A member claims another author: Bob signs a summary that says Alice wrote it.
    const claimed = signEntry(bobDevice, { ...genuine, session: 'forged-1', at: Date.now() });
    // 2. An altered entry: Alice's signed bytes with one byte of the payload changed.
    const altered = Uint8Array.from(bobReplica.doc[genuineId]!);
    altered[altered.length - 3] = altered[altered.length - 3]! ^ 1;
    // 3. An unsigned entry: the payload without an envelope.
    const unsigned = new TextEncoder().encode(JSON.stringify({ ...genuine, session: 'forged-2' }));
    const { entryId } = await import('../packages/team/src/entries.js');
    bobReplica.add([
      claimed,
      { id: entryId(altered), bytes: altered },
      { id: entryId(unsigned), bytes: unsigned },
    ]);
    await upload(bobKeys!, bobDevice, bobReplica);
    // 4. A member tries to delete Alice's summary from the document.
    const deleting = A.change(bobReplica.doc, (d) => {
      delete d[genuineId];
    });
    const links = new TeamLinks({
      url: relay.url,
      device: bobDevice,
      deadline: Date.now() + 30_000,
    });
    await putChanges(
      bobKeys!,
      bobKeys!.current,
      bobDevice,
      links,
      [{ bytes: A.getLastLocalChange(deleting)! }],
      emptyStats(),
    );
    await links.close();
    bobReplica.close();

    // 5. A non-member who got hold of the team key signs with a key no member certified.
    const mallory = join(tempDir('trail-team-mallory-'), 'home');
    const malloryKeys: TeamKeys = {
      ...bobKeys!,
      member: generateDeviceIdentity(),
      memberName: 'mallory',
    };
    const malloryDevice = generateDeviceIdentity();
    const malloryReplica = TeamReplica.open(mallory, teamId);
    malloryReplica.add([
      signEntry(malloryDevice, {
        ...genuine,
        author: malloryKeys.member.deviceId,
        session: 'forged-3',
        at: Date.now(),
      }),
      signEntry(malloryDevice, { ...genuine, session: 'forged-4', at: Date.now() }),
    ]);
    await upload(malloryKeys, malloryDevice, malloryReplica);
    malloryReplica.close();

    // Alice syncs: the deletion is refused (exit 11), the rest is ignored and reported.
    const synced = runTrail(alice.home, ['team', 'sync', 'acme', '--json'], { allowFail: true });
    expect(synced.status).toBe(11);
    expect(synced.stderr).toContain('refused');
    const log = runTrail(alice.home, ['team', 'log', 'acme', '--json']);
    const parsed = JSON.parse(log.stdout) as ReturnType<typeof teamLog>;
    expect(
      parsed.summaries.map(
        (s) => `${s.author.id === aliceId ? 'alice' : s.author.id}:${s.session}`,
      ),
    ).toEqual(['alice:aaaaaaaa-0000-4000-8000-000000000001']);
    expect(parsed.ignored.byReason).toEqual({
      'bad-signature': 1,
      'not-member': 2,
      unsigned: 1,
      'wrong-author': 1,
    });
    expect(log.stderr).toMatch(/warning: 5 entries of team acme ignored/);
    // Bob's own view agrees: he cannot make his forgeries count even on his own device.
    expect(teamLog(bob, 'acme').summaries.map((s) => s.session)).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000001',
    ]);
  });
});
