import { existsSync } from 'node:fs';
import { TrailError } from '@trail/model';
import { claudeProjectsRoot, importClaude, type ImportSummary } from '@trail/capture';
import { withStore } from '../store-session.js';
import { info, printJson, type GlobalOptions } from '../output.js';
import { progressBar } from '../progress.js';

interface ImportOptions extends GlobalOptions {
  from?: string;
  force?: boolean;
}

const AGENTS = ['claude'] as const;

/** `trail import [agent]`: backfill history from transcripts on disk. */
export async function run(agent: string | undefined, opts: ImportOptions): Promise<void> {
  if (agent !== undefined && !(AGENTS as readonly string[]).includes(agent) && agent !== 'claude-code') {
    throw new TrailError('USAGE', `unknown agent ${JSON.stringify(agent)}; one of: ${AGENTS.join(', ')}`);
  }
  const targets: { agent: string; root: string }[] = [];
  if (agent === undefined || agent === 'claude' || agent === 'claude-code') {
    const root = opts.from ?? claudeProjectsRoot(process.env);
    if (agent !== undefined || existsSync(root)) targets.push({ agent: 'claude-code', root });
  }
  if (targets.length === 0) {
    info(opts, 'no agent history found on this machine (looked for Claude Code in ' + claudeProjectsRoot(process.env) + ')');
    if (opts.json) printJson({ imports: [] });
    return;
  }
  const summaries: ImportSummary[] = [];
  await withStore(opts, async (store) => {
    for (const t of targets) {
      if (agent === undefined) info(opts, `found ${t.agent} history in ${t.root}`);
      const bar = opts.json || opts.quiet ? undefined : progressBar(`importing ${t.agent}`);
      try {
        summaries.push(await importClaude(store, t.root, { ...(opts.force ? { force: true } : {}), ...(bar ? { onProgress: bar.update } : {}) }));
      } finally {
        bar?.stop();
      }
    }
  });
  if (opts.json) {
    printJson({ imports: summaries });
    return;
  }
  for (const s of summaries) {
    for (const p of s.problems) process.stderr.write(`${p.file}:${p.line}: ${p.reason}\n`);
    const mb = (s.bytes / 1e6).toFixed(1);
    info(
      opts,
      `${s.agent}: ${s.sessions} sessions (${s.newSessions} new), ${s.events} new events from ${s.files} files (${mb} MB${s.unchanged ? `, ${s.unchanged} unchanged` : ''}); ${s.problems.length} skipped line${s.problems.length === 1 ? '' : 's'}`,
    );
  }
}
