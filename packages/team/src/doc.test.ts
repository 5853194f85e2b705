import * as A from '@automerge/automerge';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ready } from '@trail/crypto';
import { addEntries, changesSince, checkChange, emptyDoc, headsOf } from './doc.js';
import { signEntry } from './entries.js';
import { TeamReplica } from './replica.js';
import { add, certify, found, person, summary } from './test-support/team.js';
import { teamLog } from './view.js';

beforeAll(async () => {
  await ready();
});
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function home(): string {
  const d = mkdtempSync(join(tmpdir(), 'trail-team-unit-'));
  dirs.push(d);
  return d;
}

describe('the team document', () => {
  it('merges concurrent comments from several members: all survive, in every order', () => {
    const [alice, bob, carol] = [person('alice'), person('bob'), person('carol')];
    const { teamId, entries } = found(alice);
    const base = [
      ...entries,
      add(teamId, alice, bob, 3),
      add(teamId, alice, carol, 4),
      certify(teamId, bob, 5),
      certify(teamId, carol, 6),
      summary(teamId, alice, 's1', 7),
    ];
    const comment = (p: typeof bob, text: string, at: number) =>
      signEntry(p.device, {
        t: 'comment',
        team: teamId,
        at,
        author: p.member.deviceId,
        on: { author: alice.member.deviceId, session: 's1' },
        id: `${p.name}-${at}`,
        text,
      });
    // Three replicas start from the same history, then each member comments offline.
    const replicas = [home(), home(), home()].map((h) => TeamReplica.open(h, teamId));
    replicas[0]!.add(base);
    const history = changesSince(replicas[0]!.doc, []);
    replicas[1]!.receive(history);
    replicas[2]!.receive(history);
    replicas[0]!.add([comment(alice, 'a', 10)]);
    replicas[1]!.add([comment(bob, 'b', 10)]);
    replicas[2]!.add([comment(carol, 'c', 10), comment(carol, 'c2', 11)]);
    const all = replicas.map((r) => A.getAllChanges(r.doc));
    // Exchange in different orders.
    replicas[0]!.receive([...all[2]!, ...all[1]!]);
    replicas[1]!.receive([...all[0]!].reverse());
    replicas[1]!.receive(all[2]!);
    replicas[2]!.receive([...all[1]!, ...all[0]!]);
    const views = replicas.map((r) => {
      const log = teamLog(r.index, teamId);
      return {
        heads: headsOf(r.doc).sort(),
        summaries: log.summaries.map((s) => [s.session, s.comments]),
        ignored: log.ignored.total,
      };
    });
    expect(views[0]).toEqual({ heads: views[0]!.heads, summaries: [['s1', 4]], ignored: 0 });
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
    for (const r of replicas) r.close();
  });

  it('refuses a change that deletes or overwrites an entry, and keeps the entry', () => {
    const alice = person('alice');
    const { teamId, entries } = found(alice);
    let doc = addEntries(emptyDoc(), entries);
    const id = entries[0]!.id;
    const deleting = A.change(A.clone(doc), (d) => {
      delete d[id];
    });
    expect(checkChange(A.getLastLocalChange(deleting)!)).toMatchObject({ ok: false });
    const overwriting = A.change(A.clone(doc), (d) => {
      d[id] = new Uint8Array([1]);
    });
    expect(checkChange(A.getLastLocalChange(overwriting)!)).toEqual({
      ok: false,
      reason: 'it overwrites an existing entry',
    });
    const nested = A.change(A.clone(doc), (d) => {
      (d as unknown as Record<string, unknown>)['x'] = { y: 1 };
    });
    expect(checkChange(A.getLastLocalChange(nested)!)).toMatchObject({ ok: false });
    doc = addEntries(doc, [summary(teamId, alice, 's', 9)]);
    expect(checkChange(A.getLastLocalChange(doc)!)).toMatchObject({ ok: true });

    const r = TeamReplica.open(home(), teamId);
    r.add(entries);
    const received = r.receive([A.getLastLocalChange(deleting)!]);
    expect(received.refused).toHaveLength(1);
    expect(r.doc[id]).toBeInstanceOf(Uint8Array);
    r.close();
  });
});
