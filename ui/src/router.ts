// Hash routes, so the server serves one page and deep links survive a reload:
//   #/                       sessions         #/s/<id>            a session's timeline
//   #/s/<id>/diff?prompt=N   its diff         #/blame?file=<path> blame of a file
//   #/activity?project=<id>  a project's activity
import { useEffect, useState } from 'preact/hooks';

/** The current route: its path segments and query. */
export interface Route {
  parts: string[];
  query: URLSearchParams;
}

function parse(): Route {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = hash.split('?');
  return {
    parts: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(query),
  };
}

/** The route, updated on navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const on = () => setRoute(parse());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** A link target for a route. */
export function href(
  parts: (string | number)[],
  query: Record<string, string | number | undefined> = {},
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${parts.map((p) => encodeURIComponent(String(p))).join('/')}${s ? `?${s}` : ''}`;
}

/** Navigates to a route. */
export function go(
  parts: (string | number)[],
  query: Record<string, string | number | undefined> = {},
): void {
  location.hash = href(parts, query);
}
