import { assertSealed } from '../sanitizer.js';
import type { ExportFile, ExportPrompt, ExportStep, SessionExport } from '../schema.js';
import {
  commandResult,
  headline,
  opWord,
  plural,
  redactionNote,
  span,
  titleOf,
  utc,
} from './format.js';
import { escapeHtml as esc, highlightDiff } from './highlight.js';
import { CSP, SCRIPT, STYLE } from './html-assets.js';

const lines = (n: { added: number; removed: number }) =>
  `<span class="add">+${n.added}</span> <span class="del">−${n.removed}</span>`;

function resultSpan(st: { exitCode: number | null; status: string }): string {
  const r = commandResult({ exitCode: st.exitCode, status: st.status as 'ok' });
  return `<span class="res ${r.startsWith('✓') ? 'good' : 'bad'}">${esc(r)}</span>`;
}

function filesTable(files: readonly ExportFile[]): string {
  const rows = files.map(
    (f) =>
      `<tr><td><code>${esc(f.path)}</code></td><td>${opWord(f.op)}</td><td class="num">${f.op === 'read' ? '' : lines(f)}</td></tr>`,
  );
  return `<table><thead><tr><th>File</th><th>Change</th><th class="num">Lines</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function stepItem(st: ExportStep): string {
  const who = st.agent ? ` <span class="sub">subagent ${esc(st.agent.slice(0, 12))}</span>` : '';
  const time = `<time datetime="${esc(st.ts)}">${esc(utc(st.ts).slice(11, 16))}</time> `;
  if (st.kind !== 'tool') {
    return st.kind === 'assistant'
      ? `<li class="say">${time}${esc(st.text)}${who}</li>`
      : `<li class="error">${time}<strong>error</strong> ${esc(st.text)}${who}</li>`;
  }
  const showResult = st.exitCode !== null || st.status !== 'ok';
  const parts = [
    `${time}<span class="tool">${esc(st.tool)}</span> <code>${esc(st.label)}</code>${showResult ? ' ' + resultSpan(st) : ''}${who}`,
  ];
  for (const c of st.changes) {
    parts.push(`<div class="sub">${opWord(c.op)} <code>${esc(c.path)}</code> ${lines(c)}</div>`);
    if (c.patch) {
      parts.push(
        `<details open><summary>diff ${esc(c.path)}</summary><pre class="diff">${highlightDiff(c.patch, c.path)}</pre></details>`,
      );
    }
  }
  if (st.output)
    parts.push(`<details><summary>output</summary><pre>${esc(st.output)}</pre></details>`);
  return `<li class="${esc(st.status)}">${parts.join('')}</li>`;
}

function turn(p: ExportPrompt): string {
  const head = p.index === 0 ? 'Before the first prompt' : `Prompt ${p.index}`;
  const out = [
    `<article class="turn" id="p${p.index}"><h2>${head} <time datetime="${esc(p.ts)}">${esc(utc(p.ts))}</time></h2>`,
  ];
  if (p.text) out.push(`<blockquote class="prompt">${esc(p.text)}</blockquote>`);
  if (p.steps.length) out.push(`<ol class="steps">${p.steps.map(stepItem).join('')}</ol>`);
  if (p.outcome) out.push(`<div class="outcome"><strong>Outcome</strong> ${esc(p.outcome)}</div>`);
  out.push('</article>');
  return out.join('');
}

function chips(x: SessionExport): string {
  const c = x.counts;
  const chip = (t: string, bad = false) =>
    `<span class="chip${bad ? ' bad' : ''}">${esc(t)}</span>`;
  return [
    chip(plural(c.prompts, 'prompt')),
    chip(plural(c.toolCalls, 'tool call')),
    chip(`${plural(c.filesChanged, 'file')} changed +${c.linesAdded} −${c.linesRemoved}`),
    chip(
      plural(c.commands, 'command') + (c.commandsFailed ? `, ${c.commandsFailed} failed` : ''),
      c.commandsFailed > 0,
    ),
    ...(c.tests
      ? [
          chip(
            `${plural(c.tests, 'test run')}${c.testsFailed ? `, ${c.testsFailed} failed` : ', all passed'}`,
            c.testsFailed > 0,
          ),
        ]
      : []),
    ...(c.errors ? [chip(plural(c.errors, 'error'), true)] : []),
    chip(
      `${c.tokens.input.toLocaleString('en-US')} / ${c.tokens.output.toLocaleString('en-US')} tokens`,
    ),
  ].join('');
}

/** The export as one self-contained HTML page: inline style and script, no external request. */
export function renderHtml(x: SessionExport): string {
  assertSealed(x);
  const s = x.session;
  const title = titleOf(x);
  const meta = [
    esc(s.agent),
    s.model && esc(s.model),
    s.project &&
      `project <code>${esc(s.project)}</code>${s.branch ? ` on <code>${esc(s.branch)}</code>` : ''}`,
    `${esc(utc(s.startedAt))}${s.durationSeconds !== null ? ` · ${esc(span(s.durationSeconds))}` : ''}`,
    `session <code>${esc(s.id.slice(0, 8))}</code>`,
  ].filter(Boolean);
  const body: string[] = [
    `<header><h1>${esc(title)}</h1><div class="meta">${meta.join(' · ')}</div>`,
    `<div class="chips" title="${esc(headline(x))}">${chips(x)}</div>`,
  ];
  if (x.prompts?.length) {
    const links = x.prompts.map(
      (p) => `<a href="#p${p.index}">${p.index === 0 ? 'before' : `prompt ${p.index}`}</a>`,
    );
    body.push(`<nav class="toc">${links.join('')}</nav>`);
  }
  body.push('</header><main>');
  if (x.files?.length)
    body.push(`<section id="files"><h2>Files</h2>${filesTable(x.files)}</section>`);
  if (x.tests?.length) {
    const items = x.tests.map(
      (t) =>
        `<li>${t.passed === null ? '…' : t.passed ? '<span class="res good">✓</span>' : resultSpan({ exitCode: t.exitCode, status: 'error' })} <code>${esc(t.command)}</code></li>`,
    );
    body.push(`<section id="tests"><h2>Tests</h2><ul>${items.join('')}</ul></section>`);
  }
  if (x.prompts?.length) {
    const tools =
      x.policy === 'trace'
        ? '<span class="tools"><button data-details="open">expand all</button> <button data-details="close">collapse all</button></span>'
        : '';
    body.push(`<section id="timeline">${tools}${x.prompts.map(turn).join('')}</section>`);
  }
  body.push(
    `</main><footer>Recorded by trail · policy <strong>${x.policy}</strong> · ${esc(redactionNote(x))} · schema ${esc(x.schema)} v${x.version}</footer>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style></head>`,
    `<body><div class="page">${body.join('\n')}</div>`,
    `<script>${SCRIPT}</script></body></html>`,
    '',
  ].join('\n');
}
