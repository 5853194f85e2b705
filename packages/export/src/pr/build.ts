import type { Redactor } from '@trail/redact';
import { buildSessionExport, type ExportInput } from '../build.js';
import { Sanitizer } from '../sanitizer.js';
import type { ExportFile, ExportTest } from '../schema.js';
import { linkCommits, type CommitInfo } from './match.js';

/** The `schema` of a pull-request summary. */
export const PR_SUMMARY_SCHEMA = 'trail/pr-summary';

/** A commit of the branch and the sessions matched to it. */
export interface PrCommit {
  readonly sha: string;
  readonly subject: string;
  readonly time: string;
  readonly sessions: readonly string[];
}

/** A session behind the branch, at summary level. */
export interface PrSession {
  readonly id: string;
  readonly agent: string;
  readonly model: string;
  readonly title: string;
  readonly startedAt: string;
  readonly endedAt: string;
  /** Shas of the commits it was matched to (empty: active on the branch, no commit matched). */
  readonly commits: readonly string[];
  readonly prompts: readonly { readonly index: number; readonly text: string }[];
  readonly files: readonly ExportFile[];
  readonly tests: readonly ExportTest[];
  readonly commandsFailed: number;
  readonly errors: number;
}

/** The summary of the agent work behind a branch: redacted, frozen, versioned. */
export interface PrSummary {
  readonly schema: typeof PR_SUMMARY_SCHEMA;
  readonly version: 1;
  readonly base: { readonly ref: string; readonly sha: string };
  readonly head: { readonly ref: string; readonly sha: string };
  readonly commits: readonly PrCommit[];
  /** Sessions matched to a commit first (in time order), then the others active meanwhile. */
  readonly sessions: readonly PrSession[];
  readonly redactions: Readonly<Record<string, number>>;
}

/** What a PR summary is made of: the branch's commits and the sessions that may have made them. */
export interface PrInput {
  readonly root: string;
  readonly base: { readonly ref: string; readonly sha: string; readonly time: string };
  readonly head: { readonly ref: string; readonly sha: string };
  /** Oldest first. */
  readonly commits: readonly CommitInfo[];
  readonly sessions: readonly ExportInput[];
}

/** Longest prompt quoted in a PR summary. */
const PROMPT_CHARS = 300;

/**
 * Builds the summary of the sessions behind a branch's commits. Each session is first made a
 * `summary`-policy export (redacted), and the whole summary is sealed like an export.
 */
export function buildPrSummary(
  input: PrInput,
  options: { readonly redactor: Redactor },
): PrSummary {
  const san = new Sanitizer(options.redactor);
  const links = linkCommits(input.commits, input.sessions, input.root, input.base.time);
  const linkedTo = new Map<string, string[]>();
  for (const [sha, ids] of links)
    for (const id of ids) linkedTo.set(id, [...(linkedTo.get(id) ?? []), sha]);
  const sessions = input.sessions
    .map((s) => ({
      s,
      x: buildSessionExport(s, { redactor: options.redactor, policy: 'summary' }),
    }))
    .map(({ s, x }): PrSession => ({
      id: x.session.id,
      agent: x.session.agent,
      model: x.session.model,
      title: x.session.title ?? '',
      startedAt: s.summary.startedAt,
      endedAt: s.summary.endedAt,
      commits: linkedTo.get(s.summary.id) ?? [],
      prompts: (x.prompts ?? [])
        .filter((p) => p.index > 0)
        .map((p) => ({ index: p.index, text: san.text(p.text, PROMPT_CHARS) })),
      files: (x.files ?? []).filter((f) => f.op !== 'read'),
      tests: x.tests ?? [],
      commandsFailed: x.counts.commandsFailed,
      errors: x.counts.errors,
    }))
    .sort(
      (a, b) =>
        Number(b.commits.length > 0) - Number(a.commits.length > 0) ||
        a.startedAt.localeCompare(b.startedAt),
    );
  return san.sealValue({
    schema: PR_SUMMARY_SCHEMA,
    version: 1 as const,
    base: { ref: san.text(input.base.ref), sha: input.base.sha },
    head: { ref: san.text(input.head.ref), sha: input.head.sha },
    commits: input.commits.map((c) => ({
      sha: c.sha,
      subject: san.text(c.subject, 200),
      time: c.time,
      sessions: links.get(c.sha) ?? [],
    })),
    sessions,
  });
}
