import { useEffect, useState } from 'preact/hooks';
import type { DiffChange, DiffJson, SessionDetail } from '@trail/api';
import { get, qs, reveal } from '../api.js';
import { href } from '../router.js';
import { parseDiff, sideBySide, type DiffLine } from '../diff-parse.js';
import { highlightLine, languageOf } from '../highlight.js';
import { ErrorNote, RedactionNote } from '../components/notes.js';

type Answer = DiffJson & { redactions: number };
type Layout = 'unified' | 'split';

/** The changes of a session, one prompt, or one tool call: syntax-coloured, unified or side by side. */
export function DiffView({ session, query }: { session: SessionDetail; query: URLSearchParams }) {
  const prompt = query.get('prompt') ?? undefined;
  const event = query.get('event') ?? undefined;
  const path = `/api/sessions/${encodeURIComponent(session.id)}/diff${qs({ prompt, event })}`;
  const [diff, setDiff] = useState<Answer>();
  const [error, setError] = useState<unknown>();
  const [revealed, setRevealed] = useState(false);
  const [layout, setLayout] = useState<Layout>(
    () => (localStorage.getItem('trail.diff') as Layout | null) ?? 'unified',
  );
  useEffect(() => {
    setDiff(undefined);
    setRevealed(false);
    get<Answer>(path).then(setDiff, setError);
  }, [path]);
  const choose = (l: Layout) => {
    setLayout(l);
    localStorage.setItem('trail.diff', l);
  };
  if (error) return <ErrorNote error={error} />;
  if (!diff) return <p class="count">Loading changes…</p>;
  const scope = event ? 'this tool call' : prompt ? `prompt ${prompt}` : 'the whole session';
  return (
    <section class="diff" aria-label={`Changes of ${scope}`}>
      <div class="diff-bar">
        <p class="count">
          {diff.changes.length} change{diff.changes.length === 1 ? '' : 's'} in {scope}
          {event || prompt ? (
            <>
              {' · '}
              <a href={href(['s', session.id, 'diff'])}>whole session</a>
            </>
          ) : null}
        </p>
        <div class="segmented" role="group" aria-label="Diff layout">
          <button
            type="button"
            aria-pressed={layout === 'unified'}
            onClick={() => choose('unified')}
          >
            Unified
          </button>
          <button type="button" aria-pressed={layout === 'split'} onClick={() => choose('split')}>
            Side by side
          </button>
        </div>
      </div>
      <RedactionNote
        count={diff.redactions}
        revealed={revealed}
        onReveal={() =>
          void reveal<Answer>(path).then((d) => (setDiff(d), setRevealed(true)), setError)
        }
      />
      {diff.changes.length === 0 ? <p class="dim">No file changes recorded here.</p> : null}
      {diff.changes.map((c, i) => (
        <FileDiff
          key={`${c.eventId ?? 'turn'}:${c.path}:${i}`}
          change={c}
          session={session}
          layout={layout}
        />
      ))}
    </section>
  );
}

function FileDiff({
  change: c,
  session,
  layout,
}: {
  change: DiffChange;
  session: SessionDetail;
  layout: Layout;
}) {
  const lines = c.patchText ? parseDiff(c.patchText).slice(0, 5000) : [];
  const lang = languageOf(c.path);
  return (
    <article class="card file-diff" aria-label={`Diff of ${c.path}`}>
      <header>
        <span class="mono path">{c.path}</span>
        <span class="add">+{c.added}</span> <span class="del">−{c.removed}</span>
        <span class="dim small">
          {c.op} · prompt {c.prompt} ·{' '}
          {c.tool === 'turn' ? 'a shell command or other means' : c.tool}
        </span>
        <span class="spacer" />
        <a class="small" href={href(['blame'], { file: c.path, cwd: session.cwd })}>
          blame
        </a>
        {c.eventId ? (
          <a class="small" href={href(['s', session.id], { at: c.eventId })}>
            in timeline
          </a>
        ) : null}
      </header>
      {!c.patchText ? (
        <p class="dim pad">No patch was recorded for this change.</p>
      ) : (
        <div class="code-scroll">
          <table class={`code ${layout}`}>
            <tbody>
              {layout === 'unified'
                ? lines.map((l, i) => <Unified key={i} l={l} lang={lang} />)
                : sideBySide(lines).map(([a, b], i) => <Split key={i} a={a} b={b} lang={lang} />)}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

function Unified({ l, lang }: { l: DiffLine; lang: string | undefined }) {
  if (l.kind === 'hunk')
    return (
      <tr class="hunk">
        <td colSpan={3}>{l.text}</td>
      </tr>
    );
  return (
    <tr class={l.kind}>
      <td class="ln">{l.old ?? ''}</td>
      <td class="ln">{l.new ?? ''}</td>
      <td class="src">
        <span class="sign" aria-hidden="true">
          {l.kind === 'add' ? '+' : l.kind === 'del' ? '−' : ' '}
        </span>
        <span dangerouslySetInnerHTML={{ __html: highlightLine(l.text, lang) }} />
      </td>
    </tr>
  );
}

function Split({
  a,
  b,
  lang,
}: {
  a: DiffLine | undefined;
  b: DiffLine | undefined;
  lang: string | undefined;
}) {
  if (a?.kind === 'hunk')
    return (
      <tr class="hunk">
        <td colSpan={4}>{a.text}</td>
      </tr>
    );
  const cell = (l: DiffLine | undefined, side: 'old' | 'new') => [
    <td key={`${side}n`} class={`ln ${l ? l.kind : 'empty'}`}>
      {l?.[side] ?? ''}
    </td>,
    <td key={`${side}s`} class={`src ${l ? l.kind : 'empty'}`}>
      {l ? <span dangerouslySetInnerHTML={{ __html: highlightLine(l.text, lang) }} /> : null}
    </td>,
  ];
  return (
    <tr>
      {cell(a, 'old')}
      {cell(b, 'new')}
    </tr>
  );
}
