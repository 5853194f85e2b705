import { useEffect, useRef, useState } from 'preact/hooks';
import type { FacetsJson, SearchPage } from '@trail/api';
import { get, qs } from '../api.js';
import { go, href } from '../router.js';
import { isTyping } from '../app.js';
import { Filters } from '../components/filters.js';
import { SessionRow, useSessionPages } from '../components/session-list.js';
import { useVirtualizer } from '../components/virtual.js';
import { ErrorNote } from '../components/notes.js';

const ROW = 72;

/** All sessions, newest first, filtered; or, with a query, the hits of full-text search. */
export function SessionsView({ query }: { query: URLSearchParams }) {
  const [facets, setFacets] = useState<FacetsJson>();
  useEffect(() => void get<FacetsJson>('/api/facets').then(setFacets, () => undefined), []);
  const q = query.get('q') ?? '';
  return (
    <div class="page sessions">
      <Filters query={query} facets={facets} />
      {q ? <SearchResults query={query} /> : <SessionList query={query} />}
    </div>
  );
}

function SessionList({ query }: { query: URLSearchParams }) {
  const filter = ['project', 'agent', 'tag', 'status', 'since', 'until', 'hidden'].map(
    (k) => [k, query.get(k) ?? undefined] as const,
  );
  const key = qs(Object.fromEntries(filter));
  const { total, row, need, error } = useSessionPages(key);
  const scroller = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState(0);
  const v = useVirtualizer({
    count: total ?? 0,
    estimateSize: () => ROW,
    getScrollElement: () => scroller.current,
    overscan: 12,
  });
  const items = v.getVirtualItems();
  useEffect(() => {
    if (items.length) need(items[0]!.index, items[items.length - 1]!.index);
  });
  useEffect(() => setSelected(0), [key]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey || !total) return;
      if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        const next = Math.max(0, Math.min(total - 1, selected + (e.key === 'j' ? 1 : -1)));
        setSelected(next);
        v.scrollToIndex(next, { align: 'auto' });
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLAnchorElement)) {
        const s = row(selected);
        if (s) go(['s', s.id]);
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });
  if (error) return <ErrorNote error={error} />;
  return (
    <section class="list-wrap" aria-label="Sessions">
      <p class="count" aria-live="polite">
        {total === undefined
          ? 'Loading…'
          : total === 0
            ? 'No sessions match.'
            : `${total.toLocaleString()} session${total === 1 ? '' : 's'}`}
        <span class="hint"> · j/k to move, Enter to open, / to search</span>
      </p>
      <div
        class="scroller"
        ref={scroller}
        role="listbox"
        aria-label="Sessions, newest first"
        tabIndex={0}
        aria-activedescendant={`row-${selected}`}
      >
        <div style={{ height: `${v.getTotalSize()}px`, position: 'relative' }}>
          {items.map((it) => (
            <SessionRow
              key={it.index}
              index={it.index}
              s={row(it.index)}
              top={it.start}
              height={ROW}
              selected={it.index === selected}
            />
          ))}
        </div>
      </div>
    </section>
  );
}

function SearchResults({ query }: { query: URLSearchParams }) {
  const [page, setPage] = useState<SearchPage>();
  const [error, setError] = useState<unknown>();
  const key = qs({
    q: query.get('q'),
    project: query.get('project'),
    agent: query.get('agent'),
    limit: 200,
  });
  useEffect(() => {
    setPage(undefined);
    setError(undefined);
    get<SearchPage>(`/api/search${key}`).then(setPage, setError);
  }, [key]);
  if (error) return <ErrorNote error={error} />;
  if (!page) return <p class="count">Searching…</p>;
  return (
    <section class="list-wrap" aria-label="Search results">
      <p class="count" aria-live="polite">
        {page.results.length === 0
          ? `No matches for “${page.query}”.`
          : `${page.results.length} match${page.results.length === 1 ? '' : 'es'} for “${page.query}”`}
        {page.redactions > 0 ? (
          <span class="hint">
            {' '}
            · {page.redactions} secret{page.redactions === 1 ? '' : 's'} hidden in snippets
          </span>
        ) : null}
      </p>
      <ol class="hits">
        {page.results.map((h) => (
          <li key={`${h.sessionId}:${h.seq}:${h.field}`}>
            <a class="hit" href={href(['s', h.sessionId], { seq: h.seq })}>
              <span class="hit-title">{h.title || '(untitled)'}</span>
              <span class="meta">
                <span class="badge">{h.agent}</span> {h.project} · prompt {h.prompt} · {h.field}
              </span>
              <span class="snippet">{marked(h.snippet)}</span>
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A snippet with its `[match]` spans as <mark>. */
function marked(snippet: string) {
  return snippet
    .split(/(\[[^\][]*\])/)
    .map((part, i) => (i % 2 === 1 ? <mark key={i}>{part.slice(1, -1)}</mark> : part));
}
