import { randomBytes, toBase64Url } from '@trail/crypto';
import type { Redactor } from '@trail/redact';
import { addAsDevice, closeTeam, ensureDevice, openTeam, self, type OpenTeam } from './context.js';
import { canonicalJson } from './canonical.js';
import { TeamError } from './errors.js';
import {
  assertClean,
  isSharedSummary,
  type SharedSummary,
  type SummaryPayload,
} from './summary.js';
import { syncOpenTeam } from './sync-team.js';
import { findSummary, teamLog, type LogItem, type ShownSummary } from './view.js';
import { hostname } from 'node:os';

/** Options of the commands that publish: sync afterwards unless told not to. */
export interface PublishOptions {
  /** Upload at once (default true); otherwise the next `trail sync` does. */
  readonly sync?: boolean;
  readonly timeoutMs?: number;
}

/** A summary published. */
export interface Published {
  readonly team: string;
  readonly ref: string;
  readonly entry: string;
  readonly session: string;
  readonly bytes: number;
  readonly uploaded: boolean;
}

async function publish<T>(
  home: string,
  team: string,
  options: PublishOptions,
  write: (t: OpenTeam) => T,
): Promise<{ result: T; uploaded: boolean; t: OpenTeam }> {
  const t = await openTeam(home, team);
  try {
    self(t);
    ensureDevice(t, hostname());
    const result = write(t);
    let uploaded = false;
    if (options.sync !== false) {
      await syncOpenTeam(
        t,
        options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {},
      );
      uploaded = true;
    }
    return { result, uploaded, t };
  } finally {
    closeTeam(t);
  }
}

/**
 * Publishes a redacted summary into a team's document, signed by this device. Only a
 * {@link SharedSummary} from `buildSharedSummary` is accepted (the type says so, and a run-time
 * check refuses anything else), and every string of it is scanned with the redactor once more
 * just before signing: if anything is found, nothing is published.
 */
export async function publishSummary(
  home: string,
  team: string,
  summary: SharedSummary,
  redactor: Redactor,
  options: PublishOptions = {},
): Promise<Published> {
  if (!isSharedSummary(summary))
    throw new TeamError(
      'TEAM_REDACTION_REQUIRED',
      'only a summary made by buildSharedSummary (through the redactor) can be published',
    );
  assertClean(summary, redactor);
  const payload = JSON.parse(canonicalJson(summary)) as SummaryPayload;
  const session = payload.session.id;
  const { result, uploaded } = await publish(home, team, options, (t) => {
    const me = self(t);
    const [entry] = addAsDevice(t, [
      {
        t: 'summary',
        team: t.keys.teamId,
        at: Date.now(),
        author: me.id,
        session,
        epoch: t.keys.current,
        summary: payload,
      },
    ]);
    return { entry: entry!, ref: `${me.id.slice(0, 8)}/${session}`, name: t.keys.name };
  });
  return {
    team: result.name,
    ref: result.ref,
    entry: result.entry,
    session,
    bytes: canonicalJson(payload).length,
    uploaded,
  };
}

function resolve(t: OpenTeam, ref: string): ShownSummary {
  const found = findSummary(t.replica.index, t.keys.teamId, ref);
  if (found === undefined)
    throw new TeamError(
      'TEAM_SUMMARY_NOT_FOUND',
      `no shared summary in ${t.keys.name} matches ${JSON.stringify(ref)}`,
    );
  if (Array.isArray(found))
    throw new TeamError(
      'TEAM_SUMMARY_NOT_FOUND',
      `${found.length} shared summaries match ${JSON.stringify(ref)}: ${found
        .slice(0, 5)
        .map((x: LogItem) => x.ref)
        .join(', ')}`,
    );
  return found;
}

/** `trail unshare`: withdraws this person's summary of a session (a signed tombstone). */
export async function withdrawSummary(
  home: string,
  team: string,
  session: string,
  options: PublishOptions = {},
): Promise<{ team: string; session: string; uploaded: boolean }> {
  const { result, uploaded } = await publish(home, team, options, (t) => {
    const me = self(t);
    const mine = teamLog(t.replica.index, t.keys.teamId, { author: me.id }).summaries.filter(
      (s) => !s.withdrawn && (s.session === session || s.session.startsWith(session)),
    );
    if (mine.length !== 1)
      throw new TeamError(
        'TEAM_SUMMARY_NOT_FOUND',
        mine.length === 0
          ? `you have shared no summary of session ${JSON.stringify(session)} in ${t.keys.name}`
          : `several of your summaries match ${JSON.stringify(session)}`,
      );
    addAsDevice(t, [
      {
        t: 'withdraw',
        team: t.keys.teamId,
        at: Date.now(),
        author: me.id,
        session: mine[0]!.session,
      },
    ]);
    return { team: t.keys.name, session: mine[0]!.session };
  });
  return { ...result, uploaded };
}

/** Adds a comment to a shared summary (each comment is its own signed entry: all survive). */
export async function commentOn(
  home: string,
  team: string,
  ref: string,
  text: string,
  options: PublishOptions = {},
): Promise<{ id: string; ref: string; uploaded: boolean }> {
  const body = text.trim();
  if (body.length === 0 || body.length > 4000)
    throw new TeamError('TEAM_USAGE', 'a comment is 1 to 4,000 characters');
  const { result, uploaded } = await publish(home, team, options, (t) => {
    const me = self(t);
    const s = resolve(t, ref);
    const id = toBase64Url(randomBytes(12));
    addAsDevice(t, [
      {
        t: 'comment',
        team: t.keys.teamId,
        at: Date.now(),
        author: me.id,
        on: { author: s.author.id, session: s.session },
        id,
        text: body,
      },
    ]);
    return { id, ref: s.ref };
  });
  return { ...result, uploaded };
}

/** The review statuses `trail team review` accepts. */
export const REVIEW_STATUSES = [
  'approved',
  'changes-requested',
  'needs-discussion',
  'seen',
] as const;

/** Sets this person's review status of a shared summary (the latest per reviewer counts). */
export async function reviewSummary(
  home: string,
  team: string,
  ref: string,
  status: string,
  options: PublishOptions = {},
): Promise<{ ref: string; status: string; uploaded: boolean }> {
  if (!(REVIEW_STATUSES as readonly string[]).includes(status))
    throw new TeamError('TEAM_USAGE', `a review status is one of ${REVIEW_STATUSES.join(', ')}`);
  const { result, uploaded } = await publish(home, team, options, (t) => {
    const me = self(t);
    const s = resolve(t, ref);
    addAsDevice(t, [
      {
        t: 'review',
        team: t.keys.teamId,
        at: Date.now(),
        author: me.id,
        on: { author: s.author.id, session: s.session },
        status,
      },
    ]);
    return { ref: s.ref, status };
  });
  return { ...result, uploaded };
}
