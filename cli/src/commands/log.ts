import { listSessions } from '@trail/store/query';
import type { LogJson } from '@trail/api';
import { readIndex } from '../context.js';
import {
  duration,
  out,
  palette,
  parseWhen,
  printJson,
  shortTime,
  writeErr,
  type GlobalOptions,
} from '../output.js';

interface LogOptions extends GlobalOptions {
  maxCount?: number;
  project?: string;
  agent?: string;
  since?: string;
  until?: string;
  tag?: string;
  all?: boolean;
  oneline?: boolean;
}

/** `trail log`: sessions newest first. */
export async function run(opts: LogOptions): Promise<void> {
  const { db } = await readIndex(opts, { blobs: false });
  const sessions = listSessions(db, {
    ...(opts.maxCount ? { limit: opts.maxCount } : {}),
    ...(opts.project ? { project: opts.project } : {}),
    ...(opts.agent ? { agent: opts.agent } : {}),
    ...(opts.since ? { since: parseWhen(opts.since) } : {}),
    ...(opts.until ? { until: parseWhen(opts.until) } : {}),
    ...(opts.tag ? { tag: opts.tag } : {}),
    ...(opts.all ? { includeHidden: true } : {}),
  });
  db.close();
  if (opts.json) {
    printJson({ sessions } satisfies Omit<LogJson, 'version'>);
    return;
  }
  const c = palette(1, opts);
  if (sessions.length === 0) {
    writeErr(
      'no sessions recorded yet: run `trail init` to record Claude Code sessions, or `trail import` to backfill\n',
    );
    return;
  }
  for (const s of sessions) {
    const n = s.counts;
    if (opts.oneline) {
      out(
        `${c.yellow(s.id.slice(0, 8))} ${shortTime(s.startedAt)} ${c.cyan(s.agent)} ${c.blue(s.projectName)} ${s.title}`,
      );
      continue;
    }
    out(
      c.yellow(`session ${s.id}`) +
        (s.tags.length ? ` ${c.magenta(`(${s.tags.join(', ')})`)}` : ''),
    );
    out(`Agent:   ${s.agent}${s.model ? ` (${s.model})` : ''}`);
    out(`Project: ${s.projectName}${s.cwd ? c.dim(`  ${s.cwd}`) : ''}`);
    out(
      `Date:    ${shortTime(s.startedAt)}${s.endedAt ? ` – ${shortTime(s.endedAt)} (${duration(s.startedAt, s.endedAt)})` : ''}`,
    );
    out(
      `Counts:  ${n.prompts} prompts, ${n.toolCalls} tool calls, ${n.filesChanged} files changed, ${n.commands} commands${n.errors ? `, ${c.red(`${n.errors} errors`)}` : ''}`,
    );
    out('');
    out(`    ${s.title || c.dim('(untitled)')}`);
    out('');
  }
}
