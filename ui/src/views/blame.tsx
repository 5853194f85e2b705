import { useEffect, useRef, useState } from 'preact/hooks';
import type { BlameJson, BlameLineJson } from '@trail/api';
import { get, qs, reveal } from '../api.js';
import { hue, when } from '../format.js';
import { go, href } from '../router.js';
import { highlightLine, languageOf } from '../highlight.js';
import { ErrorNote, RedactionNote } from '../components/notes.js';

type Answer = BlameJson & { redactions: number };

/**
 * A file as it is on disk, each line coloured by the session (hue) and prompt (shade) that
 * wrote it; human and pre-existing lines are distinct. Hover or focus shows the prompt; a
 * click opens the timeline at that tool call.
 */
export function BlameView({ query }: { query: URLSearchParams }) {
  const file = query.get('file') ?? '';
  const cwd = query.get('cwd') ?? '';
  const path = `/api/blame${qs({ file, cwd })}`;
  const [blame, setBlame] = useState<Answer>();
  const [error, setError] = useState<unknown>();
  const [revealed, setRevealed] = useState(false);
  const [hover, setHover] = useState<{ line: BlameLineJson; y: number }>();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setBlame(undefined);
    setError(undefined);
    setRevealed(false);
    if (file) get<Answer>(path).then(setBlame, setError);
  }, [path]);
  const lang = languageOf(file);
  return (
    <div class="page blame">
      <form
        class="blame-form"
        onSubmit={(e) => {
          e.preventDefault();
          go(['blame'], { file: input.current?.value.trim() ?? '' });
        }}
      >
        <label class="field grow">
          <span>File (absolute path, or relative to a session’s directory)</span>
          <input
            ref={input}
            type="text"
            defaultValue={cwd && !file.startsWith('/') ? `${cwd}/${file}` : file}
            key={file}
            aria-label="File to blame"
            placeholder="/home/me/project/src/auth.ts"
          />
        </label>
        <button type="submit" class="button">
          Blame
        </button>
      </form>
      {error ? <ErrorNote error={error} /> : null}
      {!file ? (
        <p class="dim">
          Pick a file from a session’s “Files changed” or the activity view, or type its path.
        </p>
      ) : null}
      {file && !blame && !error ? <p class="count">Reading history…</p> : null}
      {blame ? (
        <>
          <header class="blame-head">
            <h1 class="mono">{blame.file}</h1>
            <Legend lines={blame.lines} />
          </header>
          <RedactionNote
            count={blame.redactions}
            revealed={revealed}
            onReveal={() =>
              void reveal<Answer>(path).then((d) => (setBlame(d), setRevealed(true)), setError)
            }
          />
          <div class="card code-scroll" onMouseLeave={() => setHover(undefined)}>
            <table class="code blame-code" aria-label={`Blame of ${blame.file}`}>
              <tbody>
                {blame.lines.map((l, i) => (
                  <Line
                    key={l.line}
                    l={l}
                    first={i === 0 || key(blame.lines[i - 1]!) !== key(l)}
                    lang={lang}
                    onHover={(y) => setHover({ line: l, y })}
                  />
                ))}
              </tbody>
            </table>
            {hover ? <Tip line={hover.line} y={hover.y} /> : null}
          </div>
        </>
      ) : null}
    </div>
  );
}

function key(l: BlameLineJson): string {
  return `${l.kind}:${l.sessionId ?? ''}:${l.prompt ?? ''}:${l.toolCallId ?? ''}`;
}

function colour(l: BlameLineJson): Record<string, string | number> {
  if (l.kind === 'human') return { '--h': 300, '--s': '60%', '--l': '55%' };
  if (l.kind === 'before') return { '--h': 0, '--s': '0%', '--l': '60%' };
  return {
    '--h': hue(l.sessionId ?? ''),
    '--s': '65%',
    '--l': `${42 + ((l.prompt ?? 0) % 4) * 6}%`,
  };
}

function who(l: BlameLineJson): string {
  if (l.kind === 'human') return 'you';
  if (l.kind === 'before') return 'before trail';
  return `${(l.sessionId ?? '').slice(0, 8)} p${l.prompt ?? '?'} ${l.kind === 'turn' ? 'turn' : (l.tool ?? '')}`;
}

function Line({
  l,
  first,
  lang,
  onHover,
}: {
  l: BlameLineJson;
  first: boolean;
  lang: string | undefined;
  onHover: (y: number) => void;
}) {
  const agent = l.kind === 'tool' || l.kind === 'turn';
  const open = () =>
    agent &&
    l.sessionId &&
    go(['s', l.sessionId], { prompt: l.prompt ?? undefined, at: l.toolCallId ?? undefined });
  return (
    <tr
      class={`bl bl-${l.kind}${first ? ' first' : ''}`}
      style={colour(l)}
      onMouseEnter={(e) => onHover((e.currentTarget as HTMLElement).offsetTop)}
    >
      <td class="who">
        {first ? (
          agent ? (
            <a
              href={href(['s', l.sessionId ?? ''], {
                prompt: l.prompt ?? undefined,
                at: l.toolCallId ?? undefined,
              })}
              onFocus={(e) => onHover((e.currentTarget.closest('tr') as HTMLElement).offsetTop)}
              aria-label={`Line ${l.line}: written by prompt ${l.prompt ?? '?'} of session ${(l.sessionId ?? '').slice(0, 8)}; open it`}
            >
              {who(l)}
            </a>
          ) : (
            <span>{who(l)}</span>
          )
        ) : null}
      </td>
      <td class="bar" aria-hidden="true" />
      <td class="ln">{l.line}</td>
      <td class="src" onClick={open}>
        <span dangerouslySetInnerHTML={{ __html: highlightLine(l.text, lang) }} />
      </td>
    </tr>
  );
}

function Tip({ line: l, y }: { line: BlameLineJson; y: number }) {
  return (
    <div class="tip" role="tooltip" style={{ top: `${y + 22}px` }}>
      {l.kind === 'human' ? (
        <p>Changed by a person between agent turns{l.ts ? ` (seen ${when(l.ts)})` : ''}.</p>
      ) : l.kind === 'before' ? (
        <p>Older than trail’s records.</p>
      ) : (
        <>
          <p class="tip-head">
            <span class="badge">{l.agent ?? 'agent'}</span> prompt {l.prompt ?? '?'} ·{' '}
            {l.kind === 'turn' ? 'a shell command or other means in the turn' : l.tool} ·{' '}
            {l.ts ? when(l.ts) : ''}
            {l.inferred ? ' · inferred' : ''}
          </p>
          <p class="tip-prompt">{l.promptText ?? '(prompt text unavailable)'}</p>
          <p class="dim small">Click to open this point of the timeline.</p>
        </>
      )}
    </div>
  );
}

function Legend({ lines }: { lines: BlameLineJson[] }) {
  const agent = lines.filter((l) => l.kind === 'tool' || l.kind === 'turn').length;
  const human = lines.filter((l) => l.kind === 'human').length;
  const before = lines.length - agent - human;
  const pct = (n: number) => (lines.length ? Math.round((n / lines.length) * 100) : 0);
  return (
    <p class="legend">
      <span class="key agent" /> agents {pct(agent)}% <span class="key human" /> people {pct(human)}
      % <span class="key before" /> before trail {pct(before)}%
    </p>
  );
}
