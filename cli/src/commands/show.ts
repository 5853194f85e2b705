import { findSession, sessionDetail, sessionEvents } from '@trail/store/query';
import { addTurnChanges, fullEvent, type ShowJson } from '@trail/api';
import { readIndex } from '../context.js';
import { turnChanges } from '../turn-changes.js';
import { duration, out, palette, printJson, shortTime, type GlobalOptions } from '../output.js';

interface ShowOptions extends GlobalOptions {
  full?: boolean;
}

/** `trail show <session>`: prompts in order, and what the agent did under each. */
export async function run(id: string, opts: ShowOptions): Promise<void> {
  const { db, text, paths } = await readIndex(opts);
  const summary = findSession(db, id);
  const detail = sessionDetail(summary, sessionEvents(db, summary.id), text);
  db.close();
  // files shell commands changed, from the checkpoints around each turn
  addTurnChanges(detail, await turnChanges(detail.events, paths.checkpoints, detail.cwd));
  if (opts.json) {
    if (!opts.full) {
      printJson({ session: detail } satisfies Omit<ShowJson, 'version'>);
      return;
    }
    const events = detail.events.map((e) => fullEvent(e, text));
    printJson({ session: { ...detail, events } });
    return;
  }
  const c = palette(process.stdout, opts);
  out(c.yellow(`session ${detail.id}`));
  out(
    `Agent:   ${detail.agent}${detail.model ? ` (${detail.model})` : ''}${detail.agentVersion ? c.dim(` v${detail.agentVersion}`) : ''}`,
  );
  out(
    `Project: ${detail.projectName}${detail.cwd ? c.dim(`  ${detail.cwd}`) : ''}${detail.gitBranch ? c.dim(` on ${detail.gitBranch}`) : ''}`,
  );
  out(
    `Date:    ${shortTime(detail.startedAt)} – ${shortTime(detail.endedAt)} (${duration(detail.startedAt, detail.endedAt)})`,
  );
  if (detail.title) out(`Title:   ${detail.title}`);
  out('');
  for (const p of detail.prompts) {
    out(
      c.bold(p.index === 0 ? 'Before the first prompt' : `Prompt ${p.index}`) +
        c.dim(`  ${shortTime(p.ts)}`),
    );
    if (p.text) for (const l of p.text.split('\n')) out(`    ${l}`);
    if (opts.full) {
      for (const e of detail.events.filter((x) => x.promptNo === p.index && x.kind !== 'prompt')) {
        const who = e.agentId ? c.dim(`[${e.agentId}] `) : '';
        if (e.kind === 'assistant' && e.body)
          out(`  ${who}${c.cyan('assistant:')} ${indent(text(e.body) ?? e.preview)}`);
        else if (e.kind === 'tool') {
          const status =
            e.status === 'error'
              ? c.red(' failed')
              : e.exitCode != null && e.exitCode !== 0
                ? c.red(` exit ${e.exitCode}`)
                : '';
          out(`  ${who}${c.blue(`${e.tool}:`)} ${e.preview}${status}`);
          const o = e.output ? text(e.output) : undefined;
          if (o)
            out(
              c.dim(
                indent(
                  o.length > 4000
                    ? o.slice(0, 4000) + `\n… (${o.length - 4000} more characters)`
                    : o,
                  '      ',
                ),
              ),
            );
          for (const ch of e.changes ?? []) {
            const patch = ch.patch ? text(ch.patch) : undefined;
            if (patch) out(colourPatch(patch, c));
          }
        }
      }
    } else {
      if (p.filesRead.length) out(`  ${c.dim('read')}     ${p.filesRead.join(', ')}`);
      for (const f of p.filesChanged)
        out(
          `  ${c.dim(f.op === 'create' ? 'created' : f.op === 'delete' ? 'deleted' : 'changed')}  ${f.path} ${c.green(`+${f.added}`)} ${c.red(`-${f.removed}`)}`,
        );
      for (const cmd of p.commands) {
        const st =
          cmd.exitCode === null
            ? c.dim(cmd.status === 'pending' ? '(running)' : '(exit ?)')
            : cmd.exitCode === 0
              ? c.green('✓')
              : c.red(`✗ exit ${cmd.exitCode}`);
        out(`  ${c.dim('ran')}      ${cmd.command} ${st}`);
      }
      for (const e of p.errors) out(`  ${c.red('error')}    ${e}`);
    }
    out('');
  }
}

function indent(s: string, pad = '    '): string {
  return s.replace(/\n/g, `\n${pad}`);
}

function colourPatch(patch: string, c: ReturnType<typeof palette>): string {
  return patch
    .split('\n')
    .map(
      (l) =>
        '      ' +
        (l.startsWith('+') && !l.startsWith('+++')
          ? c.green(l)
          : l.startsWith('-') && !l.startsWith('---')
            ? c.red(l)
            : l.startsWith('@@')
              ? c.cyan(l)
              : l),
    )
    .join('\n');
}
