import { TrailError } from '@trail/model';
import { isSealed } from '../sanitizer.js';
import { code, cell, prose } from '../render/md-escape.js';
import { plural, span, utc } from '../render/format.js';
import type { PrSession, PrSummary } from './build.js';

const short = (sha: string) => sha.slice(0, 7);
const anchor = (id: string) => `trail-session-${id.slice(0, 8)}`;

function seconds(a: string, b: string): number | null {
  const ms = Date.parse(b) - Date.parse(a);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 1000) : null;
}

function testsLine(s: PrSession): string {
  return s.tests
    .map(
      (t) =>
        `${t.passed === null ? '…' : t.passed ? '✓' : '✗'} ${code(t.command)}${t.passed === false && t.exitCode !== null ? ` (exit ${t.exitCode})` : ''}`,
    )
    .join(' · ');
}

function sessionSection(s: PrSession, x: PrSummary): string[] {
  const title = s.title ? prose(s.title).replace(/\n+/g, ' ') : `${prose(s.agent)} session`;
  const when = `${utc(s.startedAt)}${seconds(s.startedAt, s.endedAt) !== null ? ` · ${span(seconds(s.startedAt, s.endedAt))}` : ''}`;
  const commits = s.commits.map((sha) =>
    `${code(short(sha))} ${prose(x.commits.find((c) => c.sha === sha)?.subject ?? '')}`.trim(),
  );
  const out = [
    `<a id="${anchor(s.id)}"></a>`,
    `#### ${title}`,
    '',
    `**${prose(s.agent)}**${s.model ? ` (${prose(s.model)})` : ''} · ${when} · session ${code(s.id.slice(0, 8))}`,
    '',
  ];
  if (commits.length) out.push(`**Commits:** ${commits.join('; ')}`, '');
  if (s.prompts.length) {
    out.push('**Prompts:**', '');
    for (const p of s.prompts) out.push(`${p.index}. ${prose(p.text).replace(/\n+/g, '\n   ')}`);
    out.push('');
  }
  if (s.files.length) {
    const files = s.files.map((f) => `${code(f.path)} (+${f.added} −${f.removed})`);
    out.push(`**Files changed:** ${files.join(', ')}`, '');
  }
  if (s.tests.length) out.push(`**Tests:** ${testsLine(s)}`, '');
  if (s.errors)
    out.push(`**Errors:** ${s.errors} (${plural(s.commandsFailed, 'failed command')})`, '');
  return out;
}

/** A pull-request summary as Markdown: commits with their sessions, then each session. */
export function renderPrSummary(x: PrSummary): string {
  if (!isSealed(x)) {
    throw new TrailError(
      'EXPORT_NOT_SEALED',
      'only a summary built by buildPrSummary (which applies the redactor) can be rendered',
    );
  }
  const linked = x.sessions.filter((s) => s.commits.length > 0);
  const others = x.sessions.filter((s) => s.commits.length === 0);
  const tests = linked.flatMap((s) => s.tests);
  const failed = tests.filter((t) => t.passed === false).length;
  const out = [
    '## Agent sessions behind this branch',
    '',
    `${plural(x.commits.length, 'commit')} on ${code(x.head.ref)} since ${code(x.base.ref)} (${code(short(x.base.sha))}), ` +
      `${plural(linked.length, 'agent session')} matched: ${plural(
        linked.reduce((n, s) => n + s.prompts.length, 0),
        'prompt',
      )}, ` +
      `${plural(new Set(linked.flatMap((s) => s.files.map((f) => f.path))).size, 'file')} changed, ` +
      `${plural(tests.length, 'test run')}${tests.length ? (failed ? ` (${failed} failed)` : ' (all passed)') : ''}.`,
    '',
  ];
  if (x.commits.length) {
    out.push('### Commits', '', '| Commit | Subject | Sessions |', '| --- | --- | --- |');
    for (const c of x.commits) {
      const sessions = c.sessions.length
        ? c.sessions.map((id) => `[${id.slice(0, 8)}](#${anchor(id)})`).join(', ')
        : '– (none matched)';
      out.push(`| ${code(short(c.sha))} | ${cell(prose(c.subject))} | ${sessions} |`);
    }
    out.push('');
  }
  if (linked.length) {
    out.push('### Sessions', '');
    for (const s of linked) out.push(...sessionSection(s, x));
  }
  if (others.length) {
    out.push(
      '### Other sessions in this repository meanwhile',
      '',
      '_No commit of the branch matched them (by time and files touched)._',
      '',
    );
    for (const s of others) out.push(...sessionSection(s, x));
  }
  const redacted = Object.values(x.redactions).reduce((a, b) => a + b, 0);
  out.push(
    '---',
    `<sub>Recorded by trail · ${redacted ? `${plural(redacted, 'value')} redacted` : 'nothing needed redacting'} · ${x.schema} v${x.version}</sub>`,
    '',
  );
  return out.join('\n');
}
