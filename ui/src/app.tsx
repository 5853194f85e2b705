import { useEffect, useRef } from 'preact/hooks';
import { href, useRoute } from './router.js';
import { SessionsView } from './views/sessions.js';
import { SessionView } from './views/session.js';
import { BlameView } from './views/blame.js';
import { ActivityView } from './views/activity.js';

/** The page: a header with navigation and search, and the view the route names. */
export function App() {
  const route = useRoute();
  const search = useRef<HTMLInputElement>(null);
  const [view] = route.parts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || isTyping(e.target)) return;
      e.preventDefault();
      search.current?.focus();
      search.current?.select();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  const q = view === undefined ? (route.query.get('q') ?? '') : '';
  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href="#/" aria-label="trail: all sessions">
          <span class="brand-mark" aria-hidden="true" />
          trail
        </a>
        <nav aria-label="Views">
          <a href="#/" aria-current={view === undefined || view === 's' ? 'page' : undefined}>
            Sessions
          </a>
          <a href="#/activity" aria-current={view === 'activity' ? 'page' : undefined}>
            Activity
          </a>
          <a href="#/blame" aria-current={view === 'blame' ? 'page' : undefined}>
            Blame
          </a>
        </nav>
        <form
          class="search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const value = search.current?.value.trim() ?? '';
            const query = new URLSearchParams(view === undefined ? route.query : undefined);
            if (value) query.set('q', value);
            else query.delete('q');
            location.hash = href([], Object.fromEntries(query));
          }}
        >
          <input
            ref={search}
            type="search"
            name="q"
            placeholder="Search prompts, commands, output…  ( / )"
            aria-label="Search sessions"
            defaultValue={q}
            key={q}
          />
        </form>
      </header>
      <main>
        {view === 's' && route.parts[1] ? (
          <SessionView id={route.parts[1]} tab={route.parts[2] ?? 'timeline'} query={route.query} />
        ) : view === 'blame' ? (
          <BlameView query={route.query} />
        ) : view === 'activity' ? (
          <ActivityView query={route.query} />
        ) : (
          <SessionsView query={route.query} />
        )}
      </main>
    </div>
  );
}

/** True when a key goes to a text field rather than to the page's shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === 'INPUT' ||
      el.tagName === 'TEXTAREA' ||
      el.tagName === 'SELECT' ||
      el.isContentEditable)
  );
}
