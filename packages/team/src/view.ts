import type { CommentEntry, EntryRejection, ReviewEntry, SummaryEntry } from './entries.js';
import type { SummaryBrief, TeamIndex } from './index-db.js';
import { replayMembership, type Membership } from './membership.js';
import type { SummaryPayload } from './summary.js';

const MEMBERSHIP_TYPES = ['genesis', 'add', 'invite', 'remove', 'leave', 'device'] as const;
const CONTENT_TYPES = ['summary', 'withdraw', 'comment', 'review'] as const;

/** The membership of a team as its index holds it. */
export function membershipOf(index: TeamIndex, teamId: string): Membership {
  return replayMembership(teamId, index.signed(MEMBERSHIP_TYPES));
}

/** Filters of `team log`. */
export interface LogFilter {
  /** Member name or id prefix. */
  readonly author?: string;
  /** Project name. */
  readonly project?: string;
  /** Only summaries shared at or after this time (ms). */
  readonly since?: number;
  /** Include withdrawn summaries (marked). */
  readonly withdrawn?: boolean;
  /** At most this many summaries, the newest (`ignored` still counts every entry). */
  readonly limit?: number;
}

/** One shared summary as `team log` lists it. */
export interface LogItem {
  /** The summary's reference: `<author id prefix>/<session id>`; `team show` takes it. */
  readonly ref: string;
  readonly entry: string;
  readonly author: { readonly id: string; readonly name: string };
  readonly session: string;
  readonly sharedAt: string;
  readonly withdrawn: boolean;
  readonly title: string;
  readonly project: string;
  readonly agent: string;
  readonly model: string;
  readonly startedAt: string;
  readonly policy: string;
  readonly counts: Record<string, unknown>;
  readonly comments: number;
  readonly reviews: Readonly<Record<string, string>>;
}

/** Entries every reader ignored, and why. */
export interface Ignored {
  readonly total: number;
  readonly byReason: Readonly<Record<string, number>>;
}

/** What `team log` shows. */
export interface TeamLog {
  readonly teamId: string;
  readonly name: string;
  readonly summaries: LogItem[];
  readonly ignored: Ignored;
}

function refOf(author: string, session: string): string {
  return `${author.slice(0, 8)}/${session}`;
}

/** The order of `team log`: newest first, then by reference. */
const newestFirst = (a: LogItem, b: LogItem) =>
  a.sharedAt < b.sharedAt ? 1 : a.sharedAt > b.sharedAt ? -1 : a.ref < b.ref ? -1 : 1;

/**
 * The signing keys that count, as a temporary table the queries join (a read-only connection
 * may write its temporary tables): signer → member, and when the member was removed (or left)
 * and the first epoch they never had. Built from the membership replayed in JavaScript from
 * the few membership rows.
 */
function loadSigners(index: TeamIndex, m: Membership): void {
  const db = index.db;
  db.exec(`DROP TABLE IF EXISTS temp.team_signers;
    CREATE TEMP TABLE team_signers (signer TEXT PRIMARY KEY, member TEXT NOT NULL, removed_at, removed_epoch)`);
  const put = db.prepare('INSERT INTO temp.team_signers VALUES (?, ?, ?, ?)');
  for (const [signer, member] of m.signers)
    put.run(signer, member.id, member.removedAt ?? null, member.removedEpoch ?? null);
}

// `judgeContent` (membership.ts) in SQL. A content entry counts when its signer is a key of
// the member it names as author (the member key or a device they certified) and, for a member
// removed or gone, it was written no later than that and under an epoch they had.

/** Why a content row (alias `e`, its signer `s` LEFT JOINed) is ignored; NULL when it counts. */
const VERDICT = (e: string, s: string) => `CASE
  WHEN ${s}.member IS NULL THEN 'not-member'
  WHEN ${e}.author IS NULL OR ${s}.member <> ${e}.author THEN 'wrong-author'
  WHEN ${s}.removed_at IS NOT NULL AND (${e}.at > ${s}.removed_at
    OR (${s}.removed_epoch IS NOT NULL AND coalesce(${e}.epoch, 0) >= ${s}.removed_epoch)) THEN 'removed'
  END`;

/** Whether a content row (alias `e`) counts, its signer `s` joined on `s.signer = e.signer`. */
const VALID = (e: string, s: string) => `${s}.member = ${e}.author AND (${s}.removed_at IS NULL
  OR (${e}.at <= ${s}.removed_at
    AND (${s}.removed_epoch IS NULL OR coalesce(${e}.epoch, 0) < ${s}.removed_epoch)))`;

/** Content rows of one type that count (alias `x`), for the correlated subqueries below. */
const COUNTED = (t: (typeof CONTENT_TYPES)[number]) =>
  `entries x CROSS JOIN temp.team_signers xs ON xs.signer = x.signer WHERE x.t = '${t}' AND ${VALID('x', 'xs')}`;

/** A summary row `e` is withdrawn: a valid withdrawal of it at or after it (as before: ≥ -1). */
const WITHDRAWN = `coalesce((SELECT max(x.at) FROM ${COUNTED('withdraw')}
    AND x.author = e.author AND x.session = e.session), -1) >= e.at`;

/**
 * What a listed summary `e` carries beside its row, two ways. `few`: subqueries per row, for
 * a limit (touches only the rows listed). `all`: withdrawals, comments and reviews aggregated
 * once and joined (a pass over those entries instead of three index probes per summary).
 */
const EXTRAS = {
  few: {
    with: '',
    columns: `${WITHDRAWN} AS withdrawn,
      (SELECT count(*) FROM ${COUNTED('comment')}
        AND x.on_author = e.author AND x.on_session = e.session) AS comments,
      coalesce((SELECT json_group_array(json_array(x.author, x.status) ORDER BY x.at, x.id)
        FROM ${COUNTED('review')} AND x.on_author = e.author AND x.on_session = e.session), '[]') AS reviews`,
    joins: '',
    withdrawn: WITHDRAWN,
  },
  all: {
    with: `WITH
      w AS (SELECT x.author, x.session, max(x.at) AS at FROM ${COUNTED('withdraw')}
        GROUP BY x.author, x.session),
      c AS (SELECT x.on_author AS author, x.on_session AS session, count(*) AS n
        FROM ${COUNTED('comment')} GROUP BY x.on_author, x.on_session),
      r AS (SELECT x.on_author AS author, x.on_session AS session,
        json_group_array(json_array(x.author, x.status) ORDER BY x.at, x.id) AS list
        FROM ${COUNTED('review')} GROUP BY x.on_author, x.on_session)`,
    columns: `coalesce(w.at, -1) >= e.at AS withdrawn, coalesce(c.n, 0) AS comments,
      coalesce(r.list, '[]') AS reviews`,
    joins: `LEFT JOIN w ON w.author = e.author AND w.session = e.session
      LEFT JOIN c ON c.author = e.author AND c.session = e.session
      LEFT JOIN r ON r.author = e.author AND r.session = e.session`,
    withdrawn: 'coalesce(w.at, -1) >= e.at',
  },
} as const;

/**
 * The latest valid summary of each (author, session) (by time, then entry id), newest first,
 * with whether it is withdrawn, how many valid comments it has and its valid reviews (author
 * and status, oldest first). `where` narrows the summaries listed, after "latest" is decided.
 * The outer loop walks the (t, at, id) index backwards, so a limit stops it early.
 */
const LISTING = (how: keyof typeof EXTRAS, where: (withdrawn: string) => string) => {
  const x = EXTRAS[how];
  return `${x.with}
SELECT e.id, e.at, e.author, e.session, e.brief, ${x.columns}
FROM entries e CROSS JOIN temp.team_signers s ON s.signer = e.signer ${x.joins}
WHERE e.t = 'summary' AND ${VALID('e', 's')}
  AND NOT EXISTS (SELECT 1 FROM ${COUNTED('summary')} AND x.author = e.author
    AND x.session = e.session AND (x.at > e.at OR (x.at = e.at AND x.id > e.id)))
  ${where(x.withdrawn)}
ORDER BY e.at DESC`;
};

interface ListedRow {
  readonly id: string;
  readonly at: number;
  readonly author: string;
  readonly session: string;
  readonly brief: string | null;
  readonly withdrawn: number;
  readonly comments: number;
  readonly reviews: string;
}

function itemOf(m: Membership, r: ListedRow): LogItem {
  const brief = JSON.parse(r.brief ?? '{}') as SummaryBrief;
  // The latest review per reviewer, in the order of each reviewer's first review.
  const reviews = new Map<string, string>();
  if (r.reviews !== '[]')
    for (const [who, status] of JSON.parse(r.reviews) as [string, string][])
      reviews.set(who, status);
  return {
    ref: refOf(r.author, r.session),
    entry: r.id,
    author: { id: r.author, name: m.members.get(r.author)?.name ?? '' },
    session: r.session,
    sharedAt: new Date(r.at).toISOString(),
    withdrawn: r.withdrawn === 1,
    title: brief.title,
    project: brief.project,
    agent: brief.agent,
    model: brief.model,
    startedAt: brief.startedAt,
    policy: brief.policy,
    counts: brief.counts,
    comments: r.comments,
    reviews: Object.fromEntries(
      [...reviews].map(([who, status]) => [m.members.get(who)?.name ?? who, status]),
    ),
  };
}

/**
 * Runs a listing (the signers loaded) and makes its items in `team log` order. With `limit`,
 * reads rows only until it has that many and the next row is older than the last one kept,
 * so `-n 20` touches about 20 summaries whatever the team holds.
 */
function listed(
  index: TeamIndex,
  m: Membership,
  where: string | ((withdrawn: string) => string),
  params: readonly (string | number)[],
  limit?: number,
): LogItem[] {
  const items: LogItem[] = [];
  let last: number | undefined;
  const sql = LISTING(limit !== undefined ? 'few' : 'all', (w) =>
    typeof where === 'string' ? where : where(w),
  );
  for (const r of index.db.prepare(sql).iterate(...params) as Iterable<ListedRow>) {
    if (limit !== undefined && items.length >= limit && r.at !== last) break;
    last = r.at;
    items.push(itemOf(m, r));
  }
  items.sort(newestFirst);
  return limit !== undefined ? items.slice(0, limit) : items;
}

/** Content entries ignored (by reason), entries refused outright, and membership rejections. */
function ignoredOf(index: TeamIndex, m: Membership): Ignored {
  const byReason = new Map<string, number>();
  const add = (reason: string, n: number) => byReason.set(reason, (byReason.get(reason) ?? 0) + n);
  const judged = index.db
    .prepare(
      `SELECT reason, count(*) AS n FROM (
         SELECT ${VERDICT('e', 's')} AS reason
         FROM entries e LEFT JOIN temp.team_signers s ON s.signer = e.signer
         WHERE e.t IN (${CONTENT_TYPES.map((t) => `'${t}'`).join(', ')}))
       WHERE reason IS NOT NULL GROUP BY reason`,
    )
    .all() as unknown as { reason: EntryRejection; n: number }[];
  for (const r of judged) add(r.reason, r.n);
  for (const r of index.refusedCounts()) add(r.reason, r.n);
  for (const r of m.rejected) add(r.reason, 1);
  let total = 0;
  for (const n of byReason.values()) total += n;
  return { total, byReason: Object.fromEntries([...byReason].sort()) };
}

/** Members whose name is `who`, else whose id starts with it (4+ characters). */
function matchMember(m: Membership, who: string): string[] {
  const all = [...m.members.values()];
  const byName = all.filter((x) => x.name === who);
  if (byName.length > 0) return byName.map((x) => x.id);
  return who.length >= 4 ? all.filter((x) => x.id.startsWith(who)).map((x) => x.id) : [];
}

/** `team log`: everyone's shared summaries, newest first, with what was ignored. */
export function teamLog(index: TeamIndex, teamId: string, filter: LogFilter = {}): TeamLog {
  const m = membershipOf(index, teamId);
  loadSigners(index, m);
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.author !== undefined) {
    where.push('AND e.author IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(matchMember(m, filter.author)));
  }
  if (filter.project !== undefined) {
    where.push('AND e.project = ?');
    params.push(filter.project);
  }
  if (filter.since !== undefined && !Number.isNaN(filter.since)) {
    where.push('AND e.at >= ?');
    params.push(filter.since);
  }
  const notWithdrawn = filter.withdrawn === false;
  return {
    teamId,
    name: m.name ?? '',
    summaries: listed(
      index,
      m,
      (withdrawn) => `${where.join(' ')} ${notWithdrawn ? `AND NOT (${withdrawn})` : ''}`,
      params,
      filter.limit,
    ),
    ignored: ignoredOf(index, m),
  };
}

/** One shared summary in full, with its comments and reviews. */
export interface ShownSummary {
  readonly ref: string;
  readonly author: { readonly id: string; readonly name: string };
  readonly session: string;
  readonly sharedAt: string;
  readonly withdrawn: boolean;
  readonly summary: SummaryPayload;
  readonly comments: readonly {
    readonly id: string;
    readonly author: { readonly id: string; readonly name: string };
    readonly at: string;
    readonly text: string;
  }[];
  readonly reviews: readonly {
    readonly author: { readonly id: string; readonly name: string };
    readonly at: string;
    readonly status: string;
  }[];
}

/**
 * Finds a summary by reference (`<author prefix>/<session prefix>`, a session id prefix, or an
 * entry id prefix); undefined when none matches, an array when several do.
 */
export function findSummary(
  index: TeamIndex,
  teamId: string,
  ref: string,
): ShownSummary | undefined | LogItem[] {
  const m = membershipOf(index, teamId);
  loadSigners(index, m);
  const [a, s] = ref.includes('/') ? ref.split('/', 2) : [undefined, ref];
  // Prefixes in SQL: instr(x, p) = 1 (no LIKE wildcards to escape).
  const hits =
    a === undefined
      ? listed(index, m, 'AND (instr(e.session, ?) = 1 OR instr(e.id, ?) = 1)', [s, s])
      : listed(
          index,
          m,
          `AND (instr(e.author, ?) = 1 OR e.author IN (SELECT value FROM json_each(?)))
           AND instr(e.session, ?) = 1`,
          [
            a,
            JSON.stringify([...m.members.values()].filter((x) => x.name === a).map((x) => x.id)),
            s,
          ],
        );
  if (hits.length === 0) return undefined;
  const exact = hits.filter((x) => x.session === s);
  const chosen = exact.length === 1 ? exact : hits;
  if (chosen.length > 1) return chosen;
  const item = chosen[0]!;
  const nameOf = (id: string) => ({ id, name: m.members.get(id)?.name ?? '' });
  const about = (t: 'comment' | 'review') =>
    index.db
      .prepare(
        `SELECT x.id, x.author FROM ${COUNTED(t)}
         AND x.on_author = ? AND x.on_session = ? ORDER BY x.at, x.id`,
      )
      .all(item.author.id, item.session) as unknown as { id: string; author: string }[];
  // The latest review per reviewer, in the order of each reviewer's first review.
  const reviews = new Map<string, string>();
  for (const r of about('review')) reviews.set(r.author, r.id);
  const entry = index.body(item.entry) as SummaryEntry;
  return {
    ref: item.ref,
    author: item.author,
    session: item.session,
    sharedAt: item.sharedAt,
    withdrawn: item.withdrawn,
    summary: entry.summary,
    comments: about('comment').map((r) => {
      const c = index.body(r.id) as CommentEntry;
      return { id: c.id, author: nameOf(c.author), at: new Date(c.at).toISOString(), text: c.text };
    }),
    reviews: [...reviews.values()].map((id) => {
      const v = index.body(id) as ReviewEntry;
      return { author: nameOf(v.author), at: new Date(v.at).toISOString(), status: v.status };
    }),
  };
}
