import {
  GITHUB_BODY_LIMIT,
  buildSessionExport,
  parseFormat,
  renderExport,
  type SessionExport,
} from '@trail/export';
import { parsePolicy } from '@trail/redact';
import { findSession, sessionEvents } from '@trail/store/query';
import { readIndex } from '../context.js';
import { info, type GlobalOptions } from '../output.js';
import { outgoingRedactor } from '../redact-config.js';
import { size, writeOutput } from '../write-output.js';

interface ExportOptions extends GlobalOptions {
  format?: string;
  policy?: string;
  output?: string;
  dryRun?: boolean;
}

/** What `trail export` wrote (or would write): the rendered body and how it was made. */
export interface ExportResult {
  readonly body: string;
  readonly export: SessionExport;
}

/** Builds and renders the export of one session; writes nothing. */
export async function exportSession(session: string, opts: ExportOptions): Promise<ExportResult> {
  const format = parseFormat(opts.format ?? 'md');
  const policy = parsePolicy(opts.policy ?? 'summary');
  const { db, paths, text } = await readIndex(opts);
  try {
    const summary = findSession(db, session);
    const events = sessionEvents(db, summary.id);
    const x = buildSessionExport(
      { summary, events, text },
      { redactor: outgoingRedactor(paths), policy },
    );
    return { body: renderExport(x, format), export: x };
  } finally {
    db.close();
  }
}

function redactedNote(x: SessionExport): string {
  const n = Object.values(x.redactions).reduce((a, b) => a + b, 0);
  return n === 0 ? 'nothing redacted' : `${n} value${n === 1 ? '' : 's'} redacted`;
}

/** `trail export <session>`: a redacted trace for a reviewer, as Markdown, HTML or JSON. */
export async function run(session: string, opts: ExportOptions): Promise<void> {
  const { body, export: x } = await exportSession(session, opts);
  const bytes = Buffer.byteLength(body);
  const to = opts.output && opts.output !== '-' ? opts.output : undefined;
  const what = `${x.policy} export of session ${x.session.id.slice(0, 8)}, ${size(bytes)}, ${redactedNote(x)}`;
  if (parseFormat(opts.format ?? 'md') === 'md' && body.length > GITHUB_BODY_LIMIT) {
    info(
      opts,
      `trail: note: ${body.length} characters is more than a GitHub pull-request description takes (${GITHUB_BODY_LIMIT}); try --policy summary or --format html`,
    );
  }
  if (opts.dryRun) {
    process.stdout.write(body);
    info(opts, `dry run: ${to ? `would write ${to}` : 'would print'} (${what}); nothing written`);
    return;
  }
  if (!to) {
    process.stdout.write(body);
    return;
  }
  writeOutput(to, body);
  info(opts, `wrote ${to} (${what})`);
}
