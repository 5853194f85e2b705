import type { FacetsJson } from '@trail/api';
import { href } from '../router.js';

const KEYS = ['project', 'agent', 'tag', 'status', 'since', 'until'] as const;

/** The session list's filters; each change rewrites the route, so filters survive a reload. */
export function Filters({
  query,
  facets,
}: {
  query: URLSearchParams;
  facets: FacetsJson | undefined;
}) {
  const set = (k: string, v: string) => {
    const q = new URLSearchParams(query);
    if (v) q.set(k, v);
    else q.delete(k);
    location.hash = href([], Object.fromEntries(q));
  };
  const active = KEYS.some((k) => query.get(k)) || query.get('hidden');
  const select = (k: string, label: string, options: { value: string; label: string }[]) => (
    <label class="filter">
      <span>{label}</span>
      <select
        value={query.get(k) ?? ''}
        onChange={(e) => set(k, e.currentTarget.value)}
        aria-label={`Filter by ${label.toLowerCase()}`}
      >
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {select(
        'project',
        'Project',
        (facets?.projects ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.sessions})` })),
      )}
      {select(
        'agent',
        'Agent',
        (facets?.agents ?? []).map((a) => ({ value: a, label: a })),
      )}
      {select(
        'tag',
        'Tag',
        (facets?.tags ?? []).map((t) => ({ value: t, label: t })),
      )}
      {select(
        'status',
        'Status',
        (facets?.statuses ?? []).map((t) => ({ value: t, label: t })),
      )}
      <label class="filter">
        <span>From</span>
        <input
          type="date"
          value={query.get('since') ?? ''}
          onChange={(e) => set('since', e.currentTarget.value)}
          aria-label="Active since"
        />
      </label>
      <label class="filter">
        <span>To</span>
        <input
          type="date"
          value={query.get('until') ?? ''}
          onChange={(e) => set('until', e.currentTarget.value)}
          aria-label="Started until"
        />
      </label>
      <label class="filter check">
        <input
          type="checkbox"
          checked={query.get('hidden') === '1'}
          onChange={(e) => set('hidden', e.currentTarget.checked ? '1' : '')}
        />
        <span>Hidden too</span>
      </label>
      {active ? (
        <a class="button ghost" href={href([], query.get('q') ? { q: query.get('q')! } : {})}>
          Clear filters
        </a>
      ) : null}
    </form>
  );
}
