import { useEffect, useState } from 'preact/hooks';
import type { ShowJson } from '@trail/api';
import { get } from '../api.js';
import { duration, plural, when } from '../format.js';
import { href } from '../router.js';
import { Annotations } from '../components/annotations.js';
import { ErrorNote } from '../components/notes.js';
import { ExportButton } from '../components/export.js';
import { Timeline } from './timeline.js';
import { DiffView } from './diff.js';

type Detail = ShowJson & { redactions: number };

/** One session: its header, annotations, and the timeline or its changes. */
export function SessionView({
  id,
  tab,
  query,
}: {
  id: string;
  tab: string;
  query: URLSearchParams;
}) {
  const [show, setShow] = useState<Detail>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setError(undefined);
    get<Detail>(`/api/sessions/${encodeURIComponent(id)}`).then(setShow, setError);
  }, [id]);
  if (error) return <ErrorNote error={error} />;
  if (!show) return <p class="count">Loading session…</p>;
  const s = show.session;
  const n = s.counts;
  const tabs = [
    ['timeline', 'Timeline'],
    ['diff', `Changes (${s.filesChanged.length})`],
  ] as const;
  return (
    <div class="page session">
      <header class="session-head">
        <a class="back" href="#/" aria-label="Back to all sessions">
          ← Sessions
        </a>
        <h1>{s.title || '(untitled session)'}</h1>
        <p class="meta">
          <span class="badge">{s.agent}</span>
          {s.model ? <span>{s.model}</span> : null}
          <a href={href(['activity'], { project: s.project })}>{s.projectName}</a>
          {s.gitBranch ? <span class="mono">{s.gitBranch}</span> : null}
          <span>{when(s.startedAt)}</span>
          {s.endedAt ? <span>{duration(s.startedAt, s.endedAt)}</span> : null}
          <span>{plural(n.prompts, 'prompt')}</span>
          <span>{plural(n.toolCalls, 'tool call')}</span>
          <span>{plural(n.commands, 'command')}</span>
          {n.errors ? <span class="bad">{plural(n.errors, 'error')}</span> : null}
          <span class="mono dim">{s.id}</span>
        </p>
        <div class="session-tools">
          <nav class="tabs" aria-label="Session views">
            {tabs.map(([k, label]) => (
              <a key={k} href={href(['s', s.id, k])} aria-current={tab === k ? 'page' : undefined}>
                {label}
              </a>
            ))}
          </nav>
          <ExportButton session={s.id} />
        </div>
      </header>
      <div class="session-body">
        <div class="session-main">
          {tab === 'diff' ? (
            <DiffView session={s} query={query} />
          ) : (
            <Timeline
              key={`${query.get('at') ?? ''}:${query.get('prompt') ?? ''}:${query.get('seq') ?? ''}`}
              session={s}
              focus={{
                at: query.get('at') ?? undefined,
                prompt: query.get('prompt') ?? undefined,
                seq: query.get('seq') ?? undefined,
              }}
            />
          )}
        </div>
        <aside class="session-side" aria-label="Annotations and files">
          <Annotations
            session={s}
            onChange={(a) =>
              setShow({
                ...show,
                session: {
                  ...s,
                  tags: Object.keys(a.tags).sort(),
                  status: a.status,
                  hidden: a.hidden,
                },
              })
            }
          />
          <section class="card files-card">
            <h2>Files changed</h2>
            {s.filesChanged.length === 0 ? <p class="dim">None.</p> : null}
            <ul>
              {s.filesChanged.map((f) => (
                <li key={f.path}>
                  <a href={href(['blame'], { file: f.path, cwd: s.cwd })} title={`Blame ${f.path}`}>
                    {f.path}
                  </a>{' '}
                  <span class="add">+{f.added}</span> <span class="del">−{f.removed}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}
