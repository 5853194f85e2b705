import { buildPrSummary, renderPrSummary, type ExportInput } from '@trail/export';
import { resolveProject } from '@trail/store';
import { listSessions, sessionEvents } from '@trail/store/query';
import { readIndex } from '../context.js';
import { branchRange } from '../git-branch.js';
import { info, printJson, type GlobalOptions } from '../output.js';
import { outgoingRedactor } from '../redact-config.js';
import { size, writeOutput } from '../write-output.js';

interface PrSummaryOptions extends GlobalOptions {
  base?: string;
  output?: string;
  dryRun?: boolean;
}

/**
 * `trail pr-summary`: Markdown for a pull request describing the agent sessions behind the
 * current branch's commits: prompts, files, tests and their outcome, commits linked to sessions.
 */
export async function run(opts: PrSummaryOptions): Promise<void> {
  const range = branchRange(process.cwd(), opts.base);
  const project = resolveProject(range.root);
  const { db, paths, text } = await readIndex(opts);
  let sessions: ExportInput[];
  try {
    const active = listSessions(db, {
      project: project.id,
      includeHidden: true,
      ...(range.base.time ? { since: range.base.time } : {}),
    });
    sessions = active.map((summary) => ({ summary, events: sessionEvents(db, summary.id), text }));
  } finally {
    db.close();
  }
  const summary = buildPrSummary({ ...range, sessions }, { redactor: outgoingRedactor(paths) });
  if (opts.json) {
    printJson({ summary });
    return;
  }
  const body = renderPrSummary(summary);
  const to = opts.output && opts.output !== '-' ? opts.output : undefined;
  const linked = summary.sessions.filter((s) => s.commits.length > 0).length;
  const what = `${summary.commits.length} commits, ${linked} sessions matched, ${size(Buffer.byteLength(body))}`;
  if (opts.dryRun || !to) {
    process.stdout.write(body);
    if (opts.dryRun)
      info(opts, `dry run: ${to ? `would write ${to}` : 'would print'} (${what}); nothing written`);
    return;
  }
  writeOutput(to, body);
  info(opts, `wrote ${to} (${what})`);
}
