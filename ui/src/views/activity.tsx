import { useEffect, useState } from 'preact/hooks';
import type { ActivityJson, FacetsJson, LineShare } from '@trail/api';
import { get } from '../api.js';
import { go, href } from '../router.js';
import { ErrorNote } from '../components/notes.js';

const DAYS = 56;

/** Per project: sessions per day, the files agents change most, and who wrote the current lines. */
export function ActivityView({ query }: { query: URLSearchParams }) {
  const [facets, setFacets] = useState<FacetsJson>();
  const [activity, setActivity] = useState<ActivityJson>();
  const [error, setError] = useState<unknown>();
  const project = query.get('project') ?? facets?.projects[0]?.id ?? '';
  useEffect(() => void get<FacetsJson>('/api/facets').then(setFacets, setError), []);
  useEffect(() => {
    if (!project) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      get<ActivityJson>(`/api/activity?project=${encodeURIComponent(project)}`).then((a) => {
        if (stop) return;
        setActivity(a);
        if (a.lines.state === 'pending') timer = setTimeout(load, 700);
      }, setError);
    };
    load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [project]);
  if (error) return <ErrorNote error={error} />;
  if (facets && facets.projects.length === 0) return <p class="dim">No sessions recorded yet.</p>;
  return (
    <div class="page activity">
      <label class="field">
        <span>Project</span>
        <select
          value={project}
          onChange={(e) => go(['activity'], { project: e.currentTarget.value })}
          aria-label="Project"
        >
          {(facets?.projects ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.sessions})
            </option>
          ))}
        </select>
      </label>
      {!activity ? (
        <p class="count">Loading activity…</p>
      ) : (
        <div class="grid">
          <section class="card wide" aria-label="Sessions per day">
            <h2>
              Sessions per day{' '}
              <span class="dim small">
                last {DAYS} days · {activity.sessions} in all
              </span>
            </h2>
            <Days days={activity.days} project={activity.project} />
          </section>
          <section class="card" aria-label="Share of current lines">
            <h2>Who wrote the current lines</h2>
            <Share s={activity.lines} />
          </section>
          <section class="card" aria-label="Files agents change most">
            <h2>Files agents change most</h2>
            {activity.files.length === 0 ? <p class="dim">No recorded changes.</p> : null}
            <ol class="top-files">
              {activity.files.map((f) => (
                <li key={f.path}>
                  <a
                    class="mono"
                    href={href(['blame'], { file: f.path, cwd: activity.root ?? '' })}
                  >
                    {f.path}
                  </a>
                  <span class="dim small">
                    {f.changes} edits in {f.sessions} session{f.sessions === 1 ? '' : 's'} ·{' '}
                    <span class="add">+{f.added}</span> <span class="del">−{f.removed}</span>
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </div>
  );
}

function Days({ days, project }: { days: ActivityJson['days']; project: string }) {
  const by = new Map(days.map((d) => [d.day, d.sessions]));
  const end = days.length ? new Date(`${days[days.length - 1]!.day}T12:00:00Z`) : new Date();
  const cells = Array.from({ length: DAYS }, (_, i) => {
    const d = new Date(end.getTime() - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { day: d, n: by.get(d) ?? 0 };
  });
  const max = Math.max(1, ...cells.map((c) => c.n));
  return (
    <div class="days">
      {cells.map((c) => (
        <a
          key={c.day}
          class="day"
          href={href([], { project, since: c.day, until: c.day })}
          title={`${c.day}: ${c.n} session${c.n === 1 ? '' : 's'}`}
          aria-label={`${c.day}: ${c.n} sessions`}
          style={{ '--v': c.n / max }}
        >
          <span class="bar" />
        </a>
      ))}
      <span class="axis dim small">{cells[0]!.day}</span>
      <span class="axis end dim small">{cells[cells.length - 1]!.day}</span>
    </div>
  );
}

function Share({ s }: { s: LineShare }) {
  if (s.state === 'pending')
    return (
      <p class="dim" aria-live="polite">
        Blaming the files agents changed…
      </p>
    );
  if (s.state === 'unavailable') return <p class="dim">Unavailable: {s.reason}</p>;
  const people = s.human + s.before + s.untouched;
  const total = s.agent + people || 1;
  const pct = (n: number) => `${((n / total) * 100).toFixed(1)}%`;
  return (
    <>
      <div
        class="share"
        role="img"
        aria-label={`agents ${pct(s.agent)}, people ${pct(s.human)}, before trail or untouched ${pct(s.before + s.untouched)}`}
      >
        <span class="agent" style={{ width: pct(s.agent) }} />
        <span class="human" style={{ width: pct(s.human) }} />
        <span class="before" style={{ width: pct(s.before + s.untouched) }} />
      </div>
      <p class="legend">
        <span class="key agent" /> agents {pct(s.agent)} <span class="key human" /> people{' '}
        {pct(s.human)} <span class="key before" /> before trail {pct(s.before + s.untouched)}
      </p>
      <p class="dim small">
        {s.agent.toLocaleString()} of {total.toLocaleString()} lines; {s.files} file
        {s.files === 1 ? '' : 's'} agents changed were blamed, the other tracked files (
        {s.untouched.toLocaleString()} lines) count as written before trail or by people.
      </p>
    </>
  );
}
