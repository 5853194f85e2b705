import { useState } from 'preact/hooks';
import type { EventJson, IndexedEvent, SessionDetail, TimelineRow } from '@trail/api';
import { get, reveal } from '../api.js';
import { when } from '../format.js';
import { href } from '../router.js';
import { ErrorNote, RedactionNote } from './notes.js';

interface Props {
  id: string;
  session: SessionDetail;
  row: TimelineRow;
  promptText: string | undefined;
  selected: boolean;
  focused: boolean;
  collapsed: boolean;
  onSelect: () => void;
  onToggleNested: () => void;
}

/** One event of the timeline, drawn by kind; its full text or output loads when expanded. */
export function EventRow(p: Props) {
  const e = p.row.event;
  const [detail, setDetail] = useState<EventJson | 'loading'>();
  const [error, setError] = useState<unknown>();
  const [revealed, setRevealed] = useState(false);
  // a prompt is shown whole already; other text only when its preview was cut short
  const cut = !!e.body && e.body.size > new TextEncoder().encode(e.preview).length + 4;
  const expandable = e.kind === 'tool' ? !!(e.body || e.output) : p.promptText === undefined && cut;
  const path = `/api/sessions/${encodeURIComponent(p.session.id)}/events/${e.seq}`;
  const toggle = () => {
    if (!expandable) return;
    if (detail) return setDetail(undefined);
    setDetail('loading');
    get<EventJson>(path).then(setDetail, (err: unknown) => {
      setDetail(undefined);
      setError(err);
    });
  };
  const label = e.kind === 'tool' ? (e.category === 'command' ? 'output' : 'result') : 'full text';
  return (
    <article
      id={p.id}
      tabIndex={-1}
      class={`ev ev-${e.kind}${e.status === 'error' ? ' ev-failed' : ''}${p.selected ? ' selected' : ''}${p.focused ? ' focused' : ''}`}
      style={{ '--depth': p.row.depth }}
      aria-label={`${kindLabel(e)} at ${when(e.ts)}`}
      onClick={p.onSelect}
      onKeyDown={(k) => {
        if (k.key === 'Enter' && k.target === k.currentTarget) toggle();
      }}
    >
      <div class="ev-gutter" aria-hidden="true">
        <span class="dot" />
      </div>
      <div class="ev-body">
        <div class="ev-head">
          <span class="ev-kind">{kindLabel(e)}</span>
          {e.agentId ? <span class="badge subtle">subagent {e.agentId.slice(0, 8)}</span> : null}
          <Status e={e} />
          <time class="dim" dateTime={e.ts}>
            {when(e.ts)}
          </time>
          {e.kind === 'prompt' && !e.agentId ? (
            <a class="small" href={href(['s', p.session.id, 'diff'], { prompt: e.promptNo })}>
              changes of this prompt
            </a>
          ) : null}
        </div>
        <Content e={e} promptText={p.promptText} />
        {e.reads?.length && e.category !== 'read' ? (
          <p class="files dim">read {e.reads.map((r) => rel(r, p.session.cwd)).join(', ')}</p>
        ) : null}
        {e.changes?.length ? (
          <p class="files">
            {e.changes.map((c) => (
              <span key={c.path} class="change">
                {c.op === 'create' ? 'created' : c.op === 'delete' ? 'deleted' : 'changed'}{' '}
                <span class="mono">{rel(c.path, p.session.cwd)}</span>{' '}
                <span class="add">+{c.added}</span> <span class="del">−{c.removed}</span>
              </span>
            ))}
            <a class="small" href={href(['s', p.session.id, 'diff'], { event: e.id })}>
              view diff
            </a>
          </p>
        ) : null}
        {e.kind === 'checkpoint' && e.changed?.length ? (
          <p class="files dim">
            {e.changed.length} changed: {e.changed.slice(0, 6).join(', ')}
            {e.changed.length > 6 ? ', …' : ''}
          </p>
        ) : null}
        <div class="ev-actions">
          {expandable ? (
            <button
              type="button"
              class="button small ghost"
              aria-expanded={!!detail}
              onClick={toggle}
            >
              {detail ? `Hide ${label}` : `Show ${label}`}
            </button>
          ) : null}
          {p.row.nested ? (
            <button
              type="button"
              class="button small ghost"
              aria-expanded={!p.collapsed}
              onClick={p.onToggleNested}
            >
              {p.collapsed
                ? `Show ${p.row.nested} subagent events`
                : `Fold ${p.row.nested} subagent events`}
            </button>
          ) : null}
        </div>
        {error ? <ErrorNote error={error} /> : null}
        {detail === 'loading' ? <p class="dim">Loading…</p> : null}
        {detail && detail !== 'loading' ? (
          <div class="ev-detail">
            <RedactionNote
              count={detail.redactions}
              revealed={revealed}
              onReveal={() =>
                void reveal<EventJson>(path).then(
                  (d) => (setDetail(d), setRevealed(true)),
                  setError,
                )
              }
            />
            {detail.event.text !== undefined && e.kind === 'tool' ? (
              <p class="caption">Input</p>
            ) : null}
            {detail.event.text !== undefined ? (
              <pre class={e.kind === 'tool' ? 'input' : 'text'}>{detail.event.text}</pre>
            ) : null}
            {detail.event.outputText !== undefined ? (
              <p class="caption">{e.category === 'command' ? 'Output' : 'Result'}</p>
            ) : null}
            {detail.event.outputText !== undefined ? (
              <pre class="output" aria-label={`${label} of ${e.tool ?? 'the tool'}`}>
                {detail.event.outputText || '(no output)'}
              </pre>
            ) : null}
          </div>
        ) : null}
      </div>
    </article>
  );
}

function Content({ e, promptText }: { e: IndexedEvent; promptText: string | undefined }) {
  if (e.kind === 'prompt') return <p class="prompt-text">{promptText ?? e.preview}</p>;
  if (e.kind === 'tool') return <p class="mono tool-line">{e.command ?? e.preview}</p>;
  if (e.kind === 'checkpoint')
    return (
      <p class="mono dim small">
        {e.checkpointId?.slice(0, 12)} {e.root ? `· ${e.root}` : ''}
      </p>
    );
  return (
    <p class={e.kind === 'reasoning' ? 'reasoning' : e.kind === 'error' ? 'bad' : ''}>
      {e.preview}
    </p>
  );
}

function Status({ e }: { e: IndexedEvent }) {
  if (e.kind !== 'tool') return null;
  if (e.category === 'command' && e.exitCode !== undefined && e.exitCode !== null)
    return e.exitCode === 0 ? (
      <span class="ok" aria-label="exit status 0">
        ✓ exit 0
      </span>
    ) : (
      <span class="bad">✗ exit {e.exitCode}</span>
    );
  if (e.status === 'error') return <span class="bad">✗ failed</span>;
  if (e.status === 'pending') return <span class="dim">running</span>;
  return null;
}

function kindLabel(e: IndexedEvent): string {
  switch (e.kind) {
    case 'prompt':
      return e.agentId ? 'Task prompt' : `Prompt ${e.promptNo}`;
    case 'assistant':
      return 'Assistant';
    case 'reasoning':
      return 'Reasoning';
    case 'tool':
      return e.tool ?? 'Tool';
    case 'error':
      return 'Error';
    case 'checkpoint':
      return `Checkpoint${e.subtype ? ` (${e.subtype})` : ''}`;
    default:
      return e.subtype ?? e.kind;
  }
}

function rel(p: string, cwd: string): string {
  return cwd && p.startsWith(cwd + '/') ? p.slice(cwd.length + 1) : p;
}
