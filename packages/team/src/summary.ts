import { buildSessionExport, type ExportInput, type SessionExport } from '@trail/export';
import type { Redactor } from '@trail/redact';
import { TeamError } from './errors.js';

/** What a team may receive: `summary` (the default) or `trace` (adds redacted diffs and outputs). */
export type SharePolicy = 'summary' | 'trace';

/** The policies `trail share` accepts. */
export const SHARE_POLICIES: readonly SharePolicy[] = ['summary', 'trace'];

/** Most files, commands and prompts one shared summary lists (the team document stays lean). */
export const SUMMARY_LIMITS = { files: 200, commands: 200, prompts: 100 } as const;

/**
 * A shared session summary as it enters a team document: counts, redacted prompt previews and
 * outcomes, files touched with their diffstat, commands with their exit status. Never raw code,
 * outputs or transcripts; with `trace`, per-prompt steps carry the redactor's cut diffs and outputs.
 */
export interface SummaryPayload {
  readonly schema: 'trail/team-summary';
  readonly version: 1;
  readonly policy: SharePolicy;
  readonly session: SessionExport['session'];
  readonly counts: SessionExport['counts'];
  readonly files: readonly {
    readonly path: string;
    readonly op: string;
    readonly added: number;
    readonly removed: number;
  }[];
  readonly commands: readonly {
    readonly prompt: number;
    readonly command: string;
    readonly exitCode: number | null;
    readonly status: string;
    readonly test: boolean;
  }[];
  readonly prompts: readonly {
    readonly index: number;
    readonly ts: string;
    readonly text: string;
    readonly outcome: string | null;
    readonly errors: readonly string[];
    /** Trace only. */
    readonly steps?: readonly unknown[];
  }[];
  /** Placeholders by kind (`aws-key: 1`). */
  readonly redactions: Readonly<Record<string, number>>;
}

declare const redacted: unique symbol;

/**
 * A summary that came out of {@link buildSharedSummary}: the only thing `publishSummary` takes.
 * The brand makes a hand-made object a type error; a registry of minted objects makes a cast
 * one a run-time error.
 */
export type SharedSummary = SummaryPayload & { readonly [redacted]: true };

const minted = new WeakSet<object>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Every string of a value, with where it is. */
function* strings(value: unknown, at = '$'): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value))
    for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      yield [`${at}.${k}#key`, k];
      yield* strings(v, `${at}.${k}`);
    }
}

/**
 * Scans every string of a summary with the redactor; TEAM_REDACTION_REQUIRED naming the first
 * place where it still finds something (the kind, never the text).
 */
export function assertClean(summary: unknown, redactor: Redactor): void {
  for (const [at, text] of strings(summary)) {
    const found = redactor.scan(text);
    if (found.length > 0) {
      throw new TeamError(
        'TEAM_REDACTION_REQUIRED',
        `the summary still holds ${found[0]!.kind} at ${at}: refusing to publish it`,
        { at, kind: found[0]!.kind },
      );
    }
  }
}

/**
 * Runs a session through the redactor with a team policy and keeps what a team may see. This is
 * the only constructor of {@link SharedSummary}: the export builder redacts every string and
 * cuts it to the policy's limits, and the result is scanned again before it is minted.
 */
export function buildSharedSummary(
  input: ExportInput,
  options: { readonly policy?: SharePolicy; readonly redactor: Redactor },
): SharedSummary {
  const policy = options.policy ?? 'summary';
  if (!SHARE_POLICIES.includes(policy)) {
    throw new TeamError(
      'TEAM_USAGE',
      `a team summary uses --policy summary or trace, not ${policy}`,
    );
  }
  const x = buildSessionExport(input, { redactor: options.redactor, policy });
  const payload: SummaryPayload = {
    schema: 'trail/team-summary',
    version: 1,
    policy,
    session: x.session,
    counts: x.counts,
    files: (x.files ?? []).slice(0, SUMMARY_LIMITS.files).map((f) => ({
      path: f.path,
      op: f.op,
      added: f.added,
      removed: f.removed,
    })),
    commands: (x.commands ?? []).slice(0, SUMMARY_LIMITS.commands).map((c) => ({
      prompt: c.prompt,
      command: c.command,
      exitCode: c.exitCode,
      status: c.status,
      test: c.test,
    })),
    prompts: (x.prompts ?? []).slice(0, SUMMARY_LIMITS.prompts).map((p) => ({
      index: p.index,
      ts: p.ts,
      text: p.text,
      outcome: p.outcome,
      errors: p.errors,
      ...(policy === 'trace' ? { steps: p.steps } : {}),
    })),
    redactions: x.redactions,
  };
  // Plain JSON from here: what is signed is exactly what readers re-derive.
  const plain = JSON.parse(JSON.stringify(payload)) as SummaryPayload;
  assertClean(plain, options.redactor);
  const summary = deepFreeze(plain) as SharedSummary;
  minted.add(summary);
  return summary;
}

/** Whether `value` was made by {@link buildSharedSummary} in this process. */
export function isSharedSummary(value: unknown): value is SharedSummary {
  return typeof value === 'object' && value !== null && minted.has(value);
}
