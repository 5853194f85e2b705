import type { CommentEntry, EntryRejection, ReviewEntry, SummaryEntry } from './entries.js';
import type { EntryRow, SummaryBrief, TeamIndex } from './index-db.js';
import { judgeContent, replayMembership, type Member, type Membership } from './membership.js';
import type { SummaryPayload } from './summary.js';

const MEMBERSHIP_TYPES = ['genesis', 'add', 'invite', 'remove', 'leave', 'device'] as const;

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

const key = (author: string, session: string) => `${author}\n${session}`;

function refOf(author: string, session: string): string {
  return `${author.slice(0, 8)}/${session}`;
}

/** Judges content rows against the membership, counting the ones ignored. */
function judged(
  m: Membership,
  rows: readonly EntryRow[],
  count: (reason: EntryRejection) => void,
): EntryRow[] {
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

/** A content row's `team` field is checked on indexing (`wellFormed`); the rest here. */
function matchMember(m: Membership, who: string): Member[] {
  const all = [...m.members.values()];
  const byName = all.filter((x) => x.name === who);
  if (byName.length > 0) return byName;
  return who.length >= 4 ? all.filter((x) => x.id.startsWith(who)) : [];
}

/** Latest valid summary per author and session, with withdrawals, comments and reviews. */
function collect(index: TeamIndex, m: Membership, count: (r: EntryRejection) => void) {
  const summaries = new Map<string, EntryRow>();
  for (const r of judged(m, index.rows('summary'), count))
    summaries.set(key(r.author!, r.session!), r);
  const withdrawn = new Map<string, number>();
  for (const r of judged(m, index.rows('withdraw'), count)) {
    const k = key(r.author!, r.session!);
    withdrawn.set(k, Math.max(withdrawn.get(k) ?? 0, r.at));
  }
  const comments = new Map<string, EntryRow[]>();
  for (const r of judged(m, index.rows('comment'), count)) {
    const k = key(r.on_author!, r.on_session!);
    comments.set(k, [...(comments.get(k) ?? []), r]);
  }
  const reviews = new Map<string, Map<string, EntryRow>>();
  for (const r of judged(m, index.rows('review'), count)) {
    const k = key(r.on_author!, r.on_session!);
    const per = reviews.get(k) ?? new Map<string, EntryRow>();
    per.set(r.author!, r);
    reviews.set(k, per);
  }
  return { summaries, withdrawn, comments, reviews };
}

function ignoredOf(index: TeamIndex, m: Membership, counted: Map<string, number>): Ignored {
  const byReason = new Map(counted);
  for (const r of [...index.refused(), ...m.rejected])
    byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
  let total = 0;
  for (const n of byReason.values()) total += n;
  return { total, byReason: Object.fromEntries([...byReason].sort()) };
}

/** `team log`: everyone's shared summaries, newest first, with what was ignored. */
export function teamLog(index: TeamIndex, teamId: string, filter: LogFilter = {}): TeamLog {
  const m = membershipOf(index, teamId);
  const counted = new Map<string, number>();
  const count = (r: EntryRejection) => counted.set(r, (counted.get(r) ?? 0) + 1);
  const { summaries, withdrawn, comments, reviews } = collect(index, m, count);
  const authors =
    filter.author !== undefined
      ? new Set(matchMember(m, filter.author).map((x) => x.id))
      : undefined;
  const items: LogItem[] = [];
  for (const [k, r] of summaries) {
    const isWithdrawn = (withdrawn.get(k) ?? -1) >= r.at;
    if (isWithdrawn && filter.withdrawn === false) continue;
    if (authors !== undefined && !authors.has(r.author!)) continue;
    if (filter.project !== undefined && r.project !== filter.project) continue;
    if (filter.since !== undefined && r.at < filter.since) continue;
    const brief = JSON.parse(r.brief ?? '{}') as SummaryBrief;
    const member = m.members.get(r.author!);
    items.push({
      ref: refOf(r.author!, r.session!),
      entry: r.id,
      author: { id: r.author!, name: member?.name ?? '' },
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
  return { teamId, name: m.name ?? '', summaries: items, ignored: ignoredOf(index, m, counted) };
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
  const log = teamLog(index, teamId);
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
  const counted = () => undefined;
  const { comments, reviews } = collect(index, m, counted);
  const k = key(item.author.id, item.session);
  const entry = index.body(item.entry) as SummaryEntry;
  return {
    ref: item.ref,
    author: item.author,
    session: item.session,
    sharedAt: item.sharedAt,
    withdrawn: item.withdrawn,
    summary: entry.summary,
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
