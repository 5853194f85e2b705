import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionSummary, SessionsPage } from '@trail/api';
import { get } from '../api.js';
import { duration, plural, when } from '../format.js';
import { href } from '../router.js';
import { Tags } from './tags.js';

const PAGE = 200;

/** Server-side paging for the virtual list: pages are fetched as rows come into view. */
export function useSessionPages(filterQs: string) {
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<unknown>();
  const [, bump] = useState(0);
  const pages = useRef(new Map<number, SessionSummary[] | 'loading'>());
  const load = (p: number) => {
    if (pages.current.has(p)) return;
    pages.current.set(p, 'loading');
    const sep = filterQs ? '&' : '?';
    const current = pages.current;
    get<SessionsPage>(`/api/sessions${filterQs}${sep}offset=${p * PAGE}&limit=${PAGE}`).then(
      (r) => {
        if (current !== pages.current) return; // the filters changed meanwhile
        current.set(p, r.sessions);
        setTotal(r.total);
        bump((n) => n + 1);
      },
      (e: unknown) => setError(e),
    );
  };
  useEffect(() => {
    pages.current = new Map();
    setTotal(undefined);
    setError(undefined);
    load(0);
  }, [filterQs]);
  return {
    total,
    error,
    row: (i: number): SessionSummary | undefined => {
      const page = pages.current.get(Math.floor(i / PAGE));
      return page === 'loading' ? undefined : page?.[i % PAGE];
    },
    need: (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) load(p);
    },
  };
}

/** One session in the list: title, agent, project, time, duration, counts, tags. */
export function SessionRow({
  s,
  index,
  top,
  height,
  selected,
}: {
  s: SessionSummary | undefined;
  index: number;
  top: number;
  height: number;
  selected: boolean;
}) {
  const style = { transform: `translateY(${top}px)`, height: `${height}px` };
  if (!s)
    return <div class="row placeholder" style={style} id={`row-${index}`} aria-hidden="true" />;
  const n = s.counts;
  return (
    <a
      class={`row${selected ? ' selected' : ''}`}
      style={style}
      href={href(['s', s.id])}
      id={`row-${index}`}
      role="option"
      aria-selected={selected}
      aria-label={`${s.title || 'untitled session'}, ${s.agent}, ${s.projectName}, ${when(s.startedAt)}`}
    >
      <span class="row-main">
        <span class="row-title">{s.title || <em>(untitled)</em>}</span>
        <Tags tags={s.tags} status={s.status} />
      </span>
      <span class="meta">
        <span class="badge">{s.agent}</span>
        <span>{s.projectName}</span>
        <span>{when(s.startedAt)}</span>
        {s.endedAt ? <span>{duration(s.startedAt, s.endedAt)}</span> : null}
        <span>{plural(n.prompts, 'prompt')}</span>
        <span>{plural(n.toolCalls, 'tool call')}</span>
        <span>{plural(n.filesChanged, 'file')}</span>
        {n.errors ? <span class="bad">{plural(n.errors, 'error')}</span> : null}
        <span class="mono dim">{s.id.slice(0, 8)}</span>
      </span>
    </a>
  );
}
