import { createInterface } from 'node:readline/promises';
import { TrailError } from '@trail/model';
import {
  patternMatcher,
  purge,
  redactorMatcher,
  secretMatcher,
  type Matcher,
  type PurgeReport,
} from '@trail/purge';
import { findSession } from '@trail/store/query';
import { homeOf, readIndex } from '../context.js';
import { info, out, palette, printJson, type GlobalOptions } from '../output.js';
import { secretsRedactor } from '../redact-config.js';
import { readStdin } from '../read-stdin.js';
import { withStore } from '../store-session.js';

interface PurgeOptions extends GlobalOptions {
  secret?: string;
  pattern?: string;
  dryRun?: boolean;
  yes?: boolean;
}

async function matcherFor(opts: PurgeOptions, session: string | undefined): Promise<Matcher> {
  if (opts.secret !== undefined && opts.pattern !== undefined) {
    throw new TrailError('USAGE', 'give --secret or --pattern, not both');
  }
  if (opts.secret !== undefined) {
    if (opts.secret !== '-') {
      info(
        opts,
        'trail: warning: a secret given on the command line can be seen in `ps` and your shell history; `--secret -` reads it from stdin',
      );
    }
    const value = opts.secret === '-' ? (await readStdin()).replace(/\r?\n$/, '') : opts.secret;
    // a value the redactor knows keeps its kind: `[REDACTED:github-token]`, not `purged`
    const found = secretsRedactor(homeOf(opts)).scan(value);
    const whole = found.length === 1 && found[0]!.start === 0 && found[0]!.end === value.length;
    return secretMatcher(value, whole ? found[0]!.kind : undefined);
  }
  if (opts.pattern !== undefined) return patternMatcher(opts.pattern);
  if (session === undefined)
    throw new TrailError(
      'USAGE',
      'say what to purge: a session, --secret VALUE (or - for stdin) or --pattern REGEX',
    );
  return redactorMatcher(secretsRedactor(homeOf(opts)));
}

function describe(r: PurgeReport, c: ReturnType<typeof palette>): string[] {
  const lines: string[] = [];
  for (const s of r.sessions) {
    const what: string[] = [];
    if (s.rebuilt)
      what.push(
        `document rebuilt as generation ${s.generation} (${s.newDocumentId.slice(0, 10)}… replaces ${s.oldDocumentId.slice(0, 10)}…)`,
      );
    else if (s.deletedDocuments.length)
      what.push(
        `${s.deletedDocuments.length} superseded document${s.deletedDocuments.length === 1 ? '' : 's'} deleted`,
      );
    if (s.blobs.length)
      what.push(
        `${s.blobs.length} blob${s.blobs.length === 1 ? '' : 's'} rewritten (${[...new Set(s.blobs.map((b) => b.type))].join(', ')})`,
      );
    if (!what.length) what.push('re-pointed at rewritten blobs it shares');
    lines.push(`  session ${c.yellow(s.sessionId.slice(0, 8))}  ${what.join('; ')}`);
  }
  for (const t of r.checkpoints) {
    lines.push(
      `  checkpoints of ${t.root}: ${t.paths.join(', ')}${t.commits ? ` (${t.commits} checkpoints rewritten)` : ''}; the working tree itself is yours to change`,
    );
  }
  if (r.library) {
    lines.push(
      `  library rebuilt as generation ${r.library.generation} (${r.library.newDocumentId.slice(0, 10)}… replaces ${r.library.oldDocumentId.slice(0, 10)}…): a session title or project path held it`,
    );
  }
  const n = r.deletedBlobs.length;
  lines.push(
    `  ${n} blob${n === 1 ? '' : 's'} deleted, ${r.spoolFiles.length} spool file${r.spoolFiles.length === 1 ? '' : 's'} rewritten, ${r.sessionsScanned} session${r.sessionsScanned === 1 ? '' : 's'} scanned`,
  );
  return lines;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/**
 * `trail purge (<session> | --secret VALUE | --pattern REGEX)`: removes a recorded secret for
 * good. Without `--yes` it shows what it would remove and asks (on a terminal) or stops.
 */
export async function run(session: string | undefined, opts: PurgeOptions): Promise<void> {
  let sessionId: string | undefined;
  if (session !== undefined) {
    const { db } = await readIndex(opts);
    try {
      sessionId = findSession(db, session).id;
    } finally {
      db.close();
    }
  }
  const matcher = await matcherFor(opts, sessionId);
  const scope = sessionId ? { sessions: [sessionId] } : {};
  const c = palette(process.stderr, opts);
  const interactive = process.stdin.isTTY === true && opts.secret !== '-' && !opts.json;
  const report = await withStore(opts, async (store) => {
    const { ingestSpools } = await import('@trail/capture');
    await ingestSpools(store);
    const everywhere = opts.secret !== undefined || opts.pattern !== undefined;
    const plan = await purge(store, { matcher, dryRun: true, everywhere, ...scope });
    if (opts.dryRun || !anything(plan)) return plan;
    if (!opts.yes) {
      if (!interactive) {
        for (const l of describe(plan, c)) info(opts, l);
        throw new TrailError(
          'USAGE',
          'purge deletes for good; run again with --yes (or --dry-run to only look)',
        );
      }
      process.stderr.write(
        `would purge ${matcher.description}:\n${describe(plan, c).join('\n')}\n`,
      );
      if (!(await confirm('Purge it for good? This cannot be undone. [y/N] ')))
        throw new TrailError('USAGE', 'nothing purged');
    }
    return purge(store, { matcher, everywhere, ...scope });
  });
  if (opts.json) {
    printJson({ purge: report });
  } else {
    const found = anything(report);
    out(
      found
        ? `${report.dryRun ? 'would purge' : 'purged'} ${matcher.description}:`
        : `${matcher.description}: not found; nothing to purge`,
    );
    if (found) for (const l of describe(report, c)) out(l);
  }
}

/** True when a purge found anything to remove. */
function anything(r: PurgeReport): boolean {
  return (
    r.sessions.length + r.deletedBlobs.length + r.spoolFiles.length + r.checkpoints.length > 0 ||
    r.library !== null
  );
}
