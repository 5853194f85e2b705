// The SQL read path (view.ts) against the reference it replaced: the whole log judged in
// JavaScript with judgeContent, row by row. Random teams with members added, removed and gone,
// devices, forged, misattributed and late entries, ties in time; every filter, limit and
// reference lookup must give the same answer, including the ignored counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { teamIdOf } from './base58.js';
import type {
  CommentEntry,
  Entry,
  EntryRejection,
  ReviewEntry,
  SignedEntry,
  SummaryEntry,
} from './entries.js';
import { TEAM_INDEX_VERSION, TeamIndex, type EntryRow, type SummaryBrief } from './index-db.js';
import { judgeContent, type Membership } from './membership.js';
import { findSummary, membershipOf, teamLog, type LogFilter, type LogItem } from './view.js';

const dir = mkdtempSync(join(tmpdir(), 'trail-team-view-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

// ---- the reference: view.ts as it was before the SQL read path ----

const key = (author: string, session: string) => `${author}\n${session}`;

function refJudged(m: Membership, rows: readonly EntryRow[], count: (r: EntryRejection) => void) {
  return rows.filter((r) => {
    const reason = judgeContent(m, {
      team: m.teamId,
      at: r.at,
      signer: r.signer,
      author: r.author ?? '',
      ...(r.epoch !== null ? { epoch: r.epoch } : {}),
    });
    if (reason !== undefined) count(reason);
    return reason === undefined;
  });
}

function refCollect(index: TeamIndex, m: Membership, count: (r: EntryRejection) => void) {
  const summaries = new Map<string, EntryRow>();
  for (const r of refJudged(m, index.rows('summary'), count))
    summaries.set(key(r.author!, r.session!), r);
  const withdrawn = new Map<string, number>();
  for (const r of refJudged(m, index.rows('withdraw'), count)) {
    const k = key(r.author!, r.session!);
    withdrawn.set(k, Math.max(withdrawn.get(k) ?? 0, r.at));
  }
  const comments = new Map<string, EntryRow[]>();
  for (const r of refJudged(m, index.rows('comment'), count)) {
    const k = key(r.on_author!, r.on_session!);
    comments.set(k, [...(comments.get(k) ?? []), r]);
  }
  const reviews = new Map<string, Map<string, EntryRow>>();
  for (const r of refJudged(m, index.rows('review'), count)) {
    const k = key(r.on_author!, r.on_session!);
    const per = reviews.get(k) ?? new Map<string, EntryRow>();
    per.set(r.author!, r);
    reviews.set(k, per);
  }
  return { summaries, withdrawn, comments, reviews };
}

function refLog(index: TeamIndex, teamId: string, filter: LogFilter = {}) {
  const m = membershipOf(index, teamId);
  const counted = new Map<string, number>();
  const count = (r: EntryRejection) => counted.set(r, (counted.get(r) ?? 0) + 1);
  const { summaries, withdrawn, comments, reviews } = refCollect(index, m, count);
  const all = [...m.members.values()];
  const byName = filter.author !== undefined ? all.filter((x) => x.name === filter.author) : [];
  const authors =
    filter.author !== undefined
      ? new Set(
          (byName.length > 0
            ? byName
            : filter.author.length >= 4
              ? all.filter((x) => x.id.startsWith(filter.author!))
              : []
          ).map((x) => x.id),
        )
      : undefined;
  const items: LogItem[] = [];
  for (const [k, r] of summaries) {
    const isWithdrawn = (withdrawn.get(k) ?? -1) >= r.at;
    if (isWithdrawn && filter.withdrawn === false) continue;
    if (authors !== undefined && !authors.has(r.author!)) continue;
    if (filter.project !== undefined && r.project !== filter.project) continue;
    if (filter.since !== undefined && r.at < filter.since) continue;
    const brief = JSON.parse(r.brief ?? '{}') as SummaryBrief;
    items.push({
      ref: `${r.author!.slice(0, 8)}/${r.session!}`,
      entry: r.id,
      author: { id: r.author!, name: m.members.get(r.author!)?.name ?? '' },
      session: r.session!,
      sharedAt: new Date(r.at).toISOString(),
      withdrawn: isWithdrawn,
      title: brief.title,
      project: brief.project,
      agent: brief.agent,
      model: brief.model,
      startedAt: brief.startedAt,
      policy: brief.policy,
      counts: brief.counts,
      comments: comments.get(k)?.length ?? 0,
      reviews: Object.fromEntries(
        [...(reviews.get(k) ?? new Map<string, EntryRow>()).values()].map((x) => [
          m.members.get(x.author!)?.name ?? x.author!,
          (index.body(x.id) as ReviewEntry).status,
        ]),
      ),
    });
  }
  items.sort((a, b) =>
    a.sharedAt < b.sharedAt ? 1 : a.sharedAt > b.sharedAt ? -1 : a.ref < b.ref ? -1 : 1,
  );
  const byReason = new Map(counted);
  for (const r of [...index.refused(), ...m.rejected])
    byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
  let total = 0;
  for (const v of byReason.values()) total += v;
  return {
    teamId,
    name: m.name ?? '',
    summaries: filter.limit !== undefined ? items.slice(0, filter.limit) : items,
    ignored: { total, byReason: Object.fromEntries([...byReason].sort()) },
  };
}

function refFind(index: TeamIndex, teamId: string, ref: string) {
  const log = refLog(index, teamId);
  const [a, s] = ref.includes('/') ? ref.split('/', 2) : [undefined, ref];
  const hits = log.summaries.filter(
    (x) =>
      (a === undefined || x.author.id.startsWith(a) || x.author.name === a) &&
      (x.session.startsWith(s) || (a === undefined && x.entry.startsWith(s))),
  );
  if (hits.length === 0) return undefined;
  const exact = hits.filter((x) => x.session === s);
  const chosen = exact.length === 1 ? exact : hits;
  if (chosen.length > 1) return chosen;
  const item = chosen[0]!;
  const m = membershipOf(index, teamId);
  const nameOf = (id: string) => ({ id, name: m.members.get(id)?.name ?? '' });
  const { comments, reviews } = refCollect(index, m, () => undefined);
  const k = key(item.author.id, item.session);
  return {
    ref: item.ref,
    author: item.author,
    session: item.session,
    sharedAt: item.sharedAt,
    withdrawn: item.withdrawn,
    summary: (index.body(item.entry) as SummaryEntry).summary,
    comments: (comments.get(k) ?? []).map((r) => {
      const c = index.body(r.id) as CommentEntry;
      return { id: c.id, author: nameOf(c.author), at: new Date(c.at).toISOString(), text: c.text };
    }),
    reviews: [...(reviews.get(k)?.values() ?? [])].map((r) => {
      const v = index.body(r.id) as ReviewEntry;
      return { author: nameOf(v.author), at: new Date(v.at).toISOString(), status: v.status };
    }),
  };
}

// ---- random teams ----

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'mallory'] as const;
const idOf = (p: string) => `${p.padEnd(8, '0')}${p.length}`;
const keys = (p: string) => ({ id: idOf(p), name: p, sign: `K-${p}`, box: `B-${p}` });
const SESSIONS = ['s1', 's10', 'x1'];

interface Op {
  kind: 'add' | 'remove' | 'leave' | 'device' | 'content' | 'refused' | 'genesis2';
  who: number;
  by: number;
  at: number;
  type: 'summary' | 'withdraw' | 'comment' | 'review';
  signer: number;
  session: number;
  epoch: number;
  pick: number;
}

const op = fc.record<Op>({
  kind: fc.constantFrom(
    ...([
      'add',
      'add',
      'add',
      'device',
      'device',
      'remove',
      'leave',
      'refused',
      'genesis2',
    ] as const),
    ...Array.from({ length: 12 }, () => 'content' as const),
  ),
  who: fc.nat(PEOPLE.length - 1),
  by: fc.nat(PEOPLE.length + 6),
  at: fc.integer({ min: 1, max: 12 }),
  type: fc.constantFrom('summary', 'summary', 'withdraw', 'comment', 'review', 'review'),
  signer: fc.nat(12 + 2 * PEOPLE.length),
  session: fc.nat(SESSIONS.length - 1),
  epoch: fc.nat(3),
  pick: fc.nat(1000),
});

let seq = 0;
const hex = () => (++seq).toString(16).padStart(32, '0');

/** A team index from random operations (entries as if their signatures had verified). */
function build(ops: readonly Op[]): { index: TeamIndex; teamId: string } {
  const index = new TeamIndex(join(dir, `t${n++}.sqlite`));
  const genesisId = hex();
  const teamId = teamIdOf(genesisId);
  const signed: SignedEntry[] = [
    {
      id: genesisId,
      signer: 'K-alice',
      entry: { t: 'genesis', name: 'acme', at: 0, admin: keys('alice'), nonce: 'n' },
    },
  ];
  const refused: { id: string; reason: EntryRejection }[] = [];
  const put = (signer: string, entry: Entry) => signed.push({ id: hex(), signer, entry });
  for (const o of ops) {
    const who = PEOPLE[o.who]!;
    const base = { team: teamId, at: o.at };
    // Signers: mostly the author's own keys (member key, or one of two devices, which may or
    // may not be certified), else anyone's, or a key nobody certified.
    const signer =
      o.signer < 6
        ? `K-${who}`
        : o.signer < 12
          ? `D-${who}-${o.pick % 2}`
          : o.signer < 12 + PEOPLE.length
            ? `K-${PEOPLE[o.signer - 12]!}`
            : o.signer < 12 + 2 * PEOPLE.length
              ? `D-${PEOPLE[o.signer - 12 - PEOPLE.length]!}-0`
              : 'X';
    const by = o.by < 7 ? 'alice' : PEOPLE[o.by - 7]!;
    switch (o.kind) {
      case 'add':
        put(`K-${by}`, {
          ...base,
          t: 'add',
          member: keys(who),
          role: o.pick % 3 ? 'member' : 'admin',
        });
        break;
      case 'remove':
        // late, mostly: what came before counts, what comes after does not
        put(`K-${by}`, {
          ...base,
          at: o.at + 8,
          t: 'remove',
          by: idOf(by),
          member: idOf(who),
          epoch: o.epoch,
          keys: {},
        });
        break;
      case 'leave':
        put(`K-${who}`, { ...base, at: o.at + 8, t: 'leave', member: idOf(who) });
        break;
      case 'device':
        put(`K-${who}`, {
          ...base,
          t: 'device',
          member: idOf(who),
          device: { id: `dev-${who}`, sign: `D-${who}-${o.pick % 2}`, name: 'laptop' },
        });
        break;
      case 'refused':
        refused.push({ id: hex(), reason: o.pick % 2 ? 'bad-signature' : 'unsigned' });
        break;
      case 'genesis2':
        put('K-mallory', {
          t: 'genesis',
          name: 'acme',
          at: o.at,
          admin: keys('mallory'),
          nonce: 'm',
        });
        break;
      case 'content': {
        const author = idOf(who);
        const session = SESSIONS[o.session]!;
        const on = { author: idOf(PEOPLE[o.pick % 3]!), session };
        if (o.type === 'summary')
          put(signer, {
            ...base,
            t: 'summary',
            author,
            session,
            epoch: o.epoch % 3 === 0 ? 1 : 0,
            summary: {
              schema: 'trail/team-summary',
              version: 1,
              policy: 'summary',
              session: {
                id: session,
                agent: 'claude-code',
                model: 'm',
                startedAt: new Date(o.at).toISOString(),
                title: `t${o.pick}`,
                project: `p${o.pick % 3}`,
              },
              counts: { prompts: o.pick % 5 },
              files: [],
              commands: [],
              prompts: [],
            } as unknown as SummaryEntry['summary'],
          });
        else if (o.type === 'withdraw') put(signer, { ...base, t: 'withdraw', author, session });
        else if (o.type === 'comment')
          put(signer, {
            ...base,
            t: 'comment',
            author,
            on,
            id: `c${o.pick}`,
            text: `hi ${o.pick}`,
          });
        else put(signer, { ...base, t: 'review', author, on, status: `st${o.pick % 4}` });
        break;
      }
    }
  }
  index.add(signed, refused);
  return { index, teamId };
}

const filters: LogFilter[] = [
  {},
  { limit: 1 },
  { limit: 2 },
  { limit: 5 },
  { withdrawn: false },
  { withdrawn: false, limit: 2 },
  { author: 'bob' },
  { author: 'carol', limit: 1 },
  { author: idOf('dave').slice(0, 5) },
  { author: 'ali' },
  { project: 'p1' },
  { project: 'p2', limit: 3 },
  { since: 20 },
  { since: 20, limit: 1 },
  { since: Number.NaN },
];
const refs = [
  's1',
  's',
  's10',
  'x',
  'bob/s1',
  'bob/s',
  `${idOf('carol').slice(0, 4)}/s`,
  '/s1',
  'zz',
  '0000',
];

describe('team log in SQL', () => {
  const seen = { listed: 0, withdrawn: 0, reviewed: 0, commented: 0, removed: 0, wrongAuthor: 0 };
  afterAll(() => {
    // The random teams reach every case the reference distinguishes.

    for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(5);
  });

  it('lists, filters, limits, counts what it ignores and finds references as the JavaScript reference did', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 20, maxLength: 90 }), (ops) => {
        const { index, teamId } = build(ops);
        try {
          for (const f of filters)
            expect(teamLog(index, teamId, f), JSON.stringify(f)).toEqual(refLog(index, teamId, f));
          const all = refLog(index, teamId);
          const s = all.summaries;
          if (s.length > 2) seen.listed++;
          if (s.some((x) => x.withdrawn)) seen.withdrawn++;
          if (s.some((x) => Object.keys(x.reviews).length > 0)) seen.reviewed++;
          if (s.some((x) => x.comments > 0)) seen.commented++;
          if (all.ignored.byReason.removed) seen.removed++;
          if (all.ignored.byReason['wrong-author']) seen.wrongAuthor++;
          for (const r of [...refs, ...s.slice(0, 3).flatMap((x) => [x.ref, x.entry.slice(0, 6)])])
            expect(findSummary(index, teamId, r), r).toEqual(refFind(index, teamId, r));
        } finally {
          index.close();
        }
      }),
      // A fixed seed keeps the coverage check above stable; change it to explore.
      { numRuns: 120, seed: 20261122 },
    );
  });

  it('keeps the latest review per reviewer, in the order of their first review, and comments oldest first', () => {
    // alice shares s1; bob reviews, carol reviews, bob reviews again (twice at one time).
    const C = (pick: number, at: number, type: Op['type'], who = 1): Op => ({
      kind: 'content',
      who,
      by: 0,
      at,
      type,
      signer: 0,
      session: 0,
      epoch: 0,
      pick,
    });
    const ops: Op[] = [
      { ...C(0, 1, 'summary', 0) },
      {
        kind: 'add',
        who: 1,
        by: 0,
        at: 1,
        type: 'summary',
        signer: 0,
        session: 0,
        epoch: 0,
        pick: 1,
      },
      {
        kind: 'add',
        who: 2,
        by: 0,
        at: 1,
        type: 'summary',
        signer: 0,
        session: 0,
        epoch: 0,
        pick: 1,
      },
      C(3, 5, 'review'), // pick % 3 = 0: on alice's summary; status st3
      C(6, 6, 'review', 2), // carol: st2
      C(9, 7, 'review'), // bob again: st1
      C(12, 7, 'review'), // and again at the same time: st0 or st1 by entry id
      C(0, 8, 'comment', 2),
      C(3, 4, 'comment'),
    ];
    const { index, teamId } = build(ops);
    try {
      const log = teamLog(index, teamId);
      expect(log).toEqual(refLog(index, teamId));
      expect(Object.keys(log.summaries[0]!.reviews)).toEqual(['bob', 'carol']);
      expect(log.summaries[0]!.comments).toBe(2);
      const shown = findSummary(index, teamId, 's1');
      expect(shown).toEqual(refFind(index, teamId, 's1'));
      expect((shown as { comments: readonly { text: string }[] }).comments.map((c) => c.text)).toEqual([
        'hi 3',
        'hi 0',
      ]);
    } finally {
      index.close();
    }
  });

  it('opens a current index read-only and rebuilds an index of the old layout from its bodies', () => {
    const { index, teamId } = build(
      fc.sample(fc.array(op, { minLength: 40, maxLength: 40 }), { numRuns: 1, seed: 7 })[0]!,
    );
    const before = refLog(index, teamId);
    const file = index.db.location()!;
    index.setMeta('heads', 'h1');
    index.queue(new Uint8Array([1, 2, 3]));
    // Rewrite it in the version-1 layout: bodies in the entries table, no user_version.
    const db = index.db;
    db.exec(`CREATE TABLE old AS SELECT e.id, e.t, e.at, e.signer, e.author, e.session, e.on_author,
      e.on_session, e.epoch, e.project, e.brief, b.body FROM entries e JOIN bodies b ON b.id = e.id;
      DROP TABLE entries; DROP TABLE bodies; ALTER TABLE old RENAME TO entries;
      CREATE INDEX entries_t_at ON entries (t, at); PRAGMA user_version = 0;`);
    index.close();
    expect(TeamIndex.openForReading(file)).toBeUndefined();
    const upgraded = new TeamIndex(file);
    expect(upgraded.fresh).toBe(false);
    expect(upgraded.meta('heads')).toBe('h1');
    expect(upgraded.unpushed().map((c) => [...c.bytes])).toEqual([[1, 2, 3]]);
    upgraded.close();
    const reading = TeamIndex.openForReading(file)!;
    try {
      expect(
        Number(
          (reading.db.prepare('PRAGMA user_version').get() as { user_version: number })
            .user_version,
        ),
      ).toBe(TEAM_INDEX_VERSION);
      expect(teamLog(reading, teamId)).toEqual(before);
      expect(() => reading.setMeta('x', 'y')).toThrow(/readonly/);
    } finally {
      reading.close();
    }
    // An index with no bodies to re-derive from is emptied and marked for re-indexing.
    const bare = join(dir, 'bare.sqlite');
    const b = new DatabaseSync(bare);
    b.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('heads', 'h2');
      CREATE TABLE entries (id TEXT PRIMARY KEY, t TEXT);`);
    b.close();
    const rebuilt = new TeamIndex(bare);
    expect(rebuilt.fresh).toBe(true);
    expect(rebuilt.meta('heads')).toBeUndefined();
    rebuilt.close();
  });
});
