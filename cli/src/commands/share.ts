import { buildSharedSummary, publishSummary, withdrawSummary, type SharePolicy } from '@trail/team';
import { findSession, sessionEvents } from '@trail/store/query';
import { readIndex } from '../context.js';
import { info, printJson, type GlobalOptions } from '../output.js';
import { outgoingRedactor } from '../redact-config.js';

interface ShareOptions extends GlobalOptions {
  team?: string;
  policy?: string;
  dryRun?: boolean;
  timeout?: string;
  upload?: boolean;
}

function teamOf(opts: ShareOptions): string {
  if (opts.team === undefined)
    throw Object.assign(new Error('which team? pass --team <name>'), { code: 'USAGE' });
  return opts.team;
}

function timeoutOf(opts: ShareOptions): { timeoutMs?: number; sync?: boolean } {
  const s = opts.timeout !== undefined ? Number(opts.timeout) : NaN;
  return {
    ...(Number.isFinite(s) && s > 0 ? { timeoutMs: s * 1000 } : {}),
    ...(opts.upload === false ? { sync: false } : {}),
  };
}

/**
 * `trail share <session> --team <name>`: runs the session through the redactor with the chosen
 * policy and publishes the result into the team's document (`--dry-run` prints it instead).
 */
export async function run(session: string, opts: ShareOptions): Promise<void> {
  const team = teamOf(opts);
  const policy = (opts.policy ?? 'summary') as SharePolicy;
  const { db, paths, text } = await readIndex(opts);
  const redactor = outgoingRedactor(paths);
  let summary;
  try {
    const found = findSession(db, session);
    summary = buildSharedSummary(
      { summary: found, events: sessionEvents(db, found.id), text },
      { policy, redactor },
    );
  } finally {
    db.close();
  }
  const redacted = Object.values(summary.redactions).reduce((a, b) => a + b, 0);
  if (opts.dryRun) {
    if (opts.json) printJson({ dryRun: true, team, summary });
    else process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    info(
      opts,
      `dry run: session ${summary.session.id.slice(0, 8)} as it would be shared with team ${team} (${policy} policy, ${redacted} value${redacted === 1 ? '' : 's'} redacted); nothing published`,
    );
    return;
  }
  const published = await publishSummary(paths.root, team, summary, redactor, timeoutOf(opts));
  if (opts.json) printJson({ shared: { ...published, policy, redactions: summary.redactions } });
  else
    info(
      opts,
      `shared ${published.ref} with team ${published.team} (${policy}, ${redacted} value${redacted === 1 ? '' : 's'} redacted)${published.uploaded ? '' : '; it goes up on the next trail sync'}`,
    );
}

/** `trail unshare <session> --team <name>`: withdraws a shared summary. */
export async function unshare(session: string, opts: ShareOptions): Promise<void> {
  const { homeOf } = await import('../context.js');
  const r = await withdrawSummary(homeOf(opts).root, teamOf(opts), session, timeoutOf(opts));
  if (opts.json) printJson({ withdrawn: r });
  else
    info(
      opts,
      `withdrew your summary of ${r.session.slice(0, 8)} from team ${r.team}; teammates see it withdrawn`,
    );
}
