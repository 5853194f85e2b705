import { assertSealed } from '../sanitizer.js';
import type { ExportFile, ExportPrompt, ExportStep, SessionExport } from '../schema.js';
import { code, cell, fenced, prose, quote, summaryText } from './md-escape.js';
import { commandResult, headline, opWord, redactionNote, span, titleOf, utc } from './format.js';

/** GitHub refuses pull-request descriptions longer than this. */
export const GITHUB_BODY_LIMIT = 65_536;

function meta(x: SessionExport): string {
  const s = x.session;
  const who = `**${prose(s.agent || 'agent')}**${s.model ? ` (${prose(s.model)}${s.agentVersion ? `, v${prose(s.agentVersion)}` : ''})` : ''}`;
  const where = s.project
    ? ` · project ${code(s.project)}${s.branch ? ` on ${code(s.branch)}` : ''}`
    : '';
  const when = ` · ${utc(s.startedAt)}${s.durationSeconds !== null ? ` · ${span(s.durationSeconds)}` : ''}`;
  return `${who}${where}${when} · session ${code(s.id.slice(0, 8))}`;
}

function fileLine(f: ExportFile): string {
  return `| ${cell(code(f.path))} | ${opWord(f.op)} | +${f.added} −${f.removed} |`;
}

function filesSection(files: readonly ExportFile[]): string[] {
  const changed = files.filter((f) => f.op !== 'read');
  const read = files.filter((f) => f.op === 'read');
  const out: string[] = [];
  if (changed.length) {
    out.push('### Files changed', '', '| File | Change | Lines |', '| --- | --- | --- |');
    out.push(...changed.map(fileLine), '');
  }
  if (read.length) out.push(`**Read:** ${read.map((f) => code(f.path)).join(', ')}`, '');
  return out;
}

function details(summary: string, body: string, info: string): string[] {
  return [
    '<details>',
    `<summary>${summaryText(summary)}</summary>`,
    '',
    fenced(body, info),
    '',
    '</details>',
    '',
  ];
}

function step(st: ExportStep, trace: boolean): string[] {
  const who = st.agent ? ` _(subagent ${prose(st.agent.slice(0, 12))})_` : '';
  if (st.kind !== 'tool') {
    return st.kind === 'assistant'
      ? [`- _agent${who}:_ ${prose(st.text).replace(/\n+/g, ' ')}`]
      : [`- **error**${who}: ${prose(st.text).replace(/\n+/g, ' ')}`];
  }
  const result = st.exitCode !== null || st.status !== 'ok' ? ` ${commandResult(st)}` : '';
  const out = [`- **${prose(st.tool)}** ${code(st.label)}${result}${who}`];
  for (const c of st.changes) {
    out.push(`  - ${opWord(c.op)} ${code(c.path)} (+${c.added} −${c.removed})`);
  }
  if (!trace) return out;
  const nested: string[] = [];
  if (st.output) nested.push(...details(`output of ${st.tool}`, st.output, 'text'));
  for (const c of st.changes)
    if (c.patch) nested.push(...details(`diff ${c.path}`, c.patch, 'diff'));
  if (nested.length) out.push('', ...nested);
  return out;
}

function promptSection(p: ExportPrompt, trace: boolean): string[] {
  const head = p.index === 0 ? 'Before the first prompt' : `Prompt ${p.index}`;
  const out = [`#### ${head} · ${utc(p.ts)}`, ''];
  if (p.text) out.push(quote(p.text), '');
  if (trace) {
    for (const st of p.steps) out.push(...step(st, true));
    if (p.steps.length) out.push('');
  } else {
    for (const f of p.files.filter((x) => x.op !== 'read')) {
      out.push(`- ${opWord(f.op)} ${code(f.path)} (+${f.added} −${f.removed})`);
    }
    const read = p.files.filter((x) => x.op === 'read');
    if (read.length) out.push(`- read ${read.map((f) => code(f.path)).join(', ')}`);
    for (const c of p.commands) out.push(`- ran ${code(c.command)} ${commandResult(c)}`);
    for (const e of p.errors) out.push(`- **error:** ${prose(e).replace(/\n/g, ' ')}`);
    if (p.files.length || p.commands.length || p.errors.length) out.push('');
  }
  // under trace the outcome is already there, as the turn's last message
  if (p.outcome && !trace) out.push(`**Outcome:** ${prose(p.outcome).replace(/\n+/g, ' ')}`, '');
  return out;
}

function countsTable(x: SessionExport): string[] {
  const c = x.counts;
  const rows: [string, number][] = [
    ['Prompts', c.prompts],
    ['Tool calls', c.toolCalls],
    ['Commands (failed)', c.commands],
    ['Files read', c.filesRead],
    ['Files changed', c.filesChanged],
    ['Lines added', c.linesAdded],
    ['Lines removed', c.linesRemoved],
    ['Test runs', c.tests],
    ['Errors', c.errors],
    ['Subagents', c.subagents],
    ['Tokens in / out', c.tokens.input],
  ];
  return [
    '| | |',
    '| --- | ---: |',
    ...rows.map(([k, v]) =>
      k === 'Commands (failed)'
        ? `| ${k} | ${v} (${c.commandsFailed}) |`
        : k === 'Tokens in / out'
          ? `| ${k} | ${v.toLocaleString('en-US')} / ${c.tokens.output.toLocaleString('en-US')} |`
          : `| ${k} | ${v.toLocaleString('en-US')} |`,
    ),
    '',
  ];
}

/** The export as Markdown fit for a pull-request description. */
export function renderMarkdown(x: SessionExport): string {
  assertSealed(x);
  const trace = x.policy === 'trace';
  const out = [`## Agent session: ${prose(titleOf(x)).replace(/\n+/g, ' ')}`, '', meta(x), ''];
  if (x.policy === 'metadata') out.push(...countsTable(x));
  else out.push(headline(x), '');
  if (x.files) out.push(...filesSection(x.files));
  if (x.tests?.length) {
    out.push('### Tests', '');
    for (const t of x.tests) {
      const mark = t.passed === null ? '…' : t.passed ? '✓' : '✗';
      const why = t.passed === false && t.exitCode !== null ? ` — exit ${t.exitCode}` : '';
      out.push(`- ${mark} ${code(t.command)}${why}${t.prompt ? ` (prompt ${t.prompt})` : ''}`);
    }
    out.push('');
  }
  if (x.prompts?.length) {
    out.push(`### Prompts (${x.counts.prompts})`, '');
    for (const p of x.prompts) out.push(...promptSection(p, trace));
  }
  out.push(
    '---',
    `<sub>Recorded by trail · policy <b>${x.policy}</b> · ${prose(redactionNote(x))} · schema ${x.schema} v${x.version}</sub>`,
    '',
  );
  return out.join('\n');
}
