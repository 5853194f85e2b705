import { describe, expect, it } from 'vitest';
import { makeSession, startRelayProcess } from './sync-support.js';
import { createTeam, invite, json, member, record, teamLog, teamSync } from './team-support.js';

interface Shown {
  summary: {
    comments: { text: string; author: { name: string } }[];
    reviews: { status: string }[];
  };
}

describe('three teammates, two of them offline at different times', () => {
  it('all see the same summaries and comments once everyone has synced', async () => {
    const relay = await startRelayProcess();
    const [alice, bob, carol] = [member('alice'), member('bob'), member('carol')];
    await record(alice, [makeSession('aaaaaaaa-0000-4000-8000-000000000001')]);
    await record(bob, [makeSession('bbbbbbbb-0000-4000-8000-000000000002')]);
    await record(carol, [makeSession('cccccccc-0000-4000-8000-000000000003')]);
    createTeam(alice, 'acme', relay.url);
    invite(alice, 'acme', bob);
    invite(alice, 'acme', carol);

    // Alice shares while online; Bob is offline and shares into his replica only.
    json(alice, ['share', 'aaaaaaaa', '--team', 'acme']);
    json(bob, ['share', 'bbbbbbbb', '--team', 'acme', '--no-upload']);
    // Carol syncs, sees Alice's summary and comments on it.
    teamSync(carol, 'acme');
    expect(teamLog(carol, 'acme').summaries.map((s) => s.session)).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000001',
    ]);
    json(carol, ['team', 'comment', 'acme', 'aaaaaaaa', 'nice refactor']);
    // Now Alice goes offline; she comments and reviews without uploading. Bob comes back
    // online and comments on the same summary concurrently.
    json(alice, ['team', 'comment', 'acme', 'aaaaaaaa', 'thanks: follow-up in #12', '--no-upload']);
    json(alice, ['team', 'review', 'acme', 'aaaaaaaa', 'seen', '--no-upload']);
    teamSync(bob, 'acme');
    json(bob, ['team', 'comment', 'acme', 'aaaaaaaa', 'did the tests pass?']);
    // Carol goes offline and shares.
    json(carol, ['share', 'cccccccc', '--team', 'acme', '--no-upload']);

    for (const m of [alice, bob, carol, alice, bob, carol]) teamSync(m, 'acme');

    const views = [alice, bob, carol].map((m) => {
      const log = teamLog(m, 'acme');
      const shown = json<Shown>(m, ['team', 'show', 'acme', 'aaaaaaaa']);
      return {
        summaries: log.summaries.map((s) => `${s.author.name}:${s.session}`).sort(),
        comments: shown.summary.comments.map((c) => `${c.author.name}:${c.text}`).sort(),
        reviews: shown.summary.reviews.map((r) => r.status),
        ignored: log.ignored.total,
      };
    });
    expect(views[0]).toEqual({
      summaries: [
        'alice:aaaaaaaa-0000-4000-8000-000000000001',
        'bob:bbbbbbbb-0000-4000-8000-000000000002',
        'carol:cccccccc-0000-4000-8000-000000000003',
      ],
      comments: [
        'alice:thanks: follow-up in #12',
        'bob:did the tests pass?',
        'carol:nice refactor',
      ],
      reviews: ['seen'],
      ignored: 0,
    });
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
  });
});
