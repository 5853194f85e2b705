import { useEffect, useState } from 'preact/hooks';
import type { AnnotateJson, Annotations as Ann, SessionSummary } from '@trail/api';
import { get, post } from '../api.js';
import { Tags } from './tags.js';
import { ErrorNote } from './notes.js';

const STATUSES = ['', 'wip', 'needs-review', 'reviewed', 'rejected'];

/**
 * Tags, note, review status and hidden: written through the same collaborative Automerge
 * fields as `trail annotate`, so they sync and merge across devices like any other edit.
 */
export function Annotations({
  session,
  onChange,
}: {
  session: SessionSummary;
  onChange: (a: Ann) => void;
}) {
  const [tag, setTag] = useState('');
  const [note, setNote] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<Ann>();
  useEffect(() => {
    setSaved(undefined);
    setNote(undefined);
    get<AnnotateJson>(`/api/sessions/${encodeURIComponent(session.id)}/annotations`).then(
      (r) => setSaved(r.annotations),
      () => undefined,
    );
  }, [session.id]);
  const edit = async (edits: Record<string, unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await post<AnnotateJson>(
        `/api/sessions/${encodeURIComponent(session.id)}/annotations`,
        edits,
      );
      setSaved(r.annotations);
      onChange(r.annotations);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const statuses = STATUSES.includes(session.status) ? STATUSES : [...STATUSES, session.status];
  const noteText = note ?? saved?.note ?? '';
  return (
    <section class="card annotations" aria-label="Annotations" aria-busy={busy}>
      <h2>Annotations</h2>
      <div class="tag-list" hidden={session.tags.length === 0}>
        {session.tags.map((t) => (
          <span key={t} class="tag-edit">
            <Tags tags={[t]} />
            <button
              type="button"
              class="x"
              aria-label={`Remove tag ${t}`}
              onClick={() => void edit({ removeTags: [t] })}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          const tags = tag
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean);
          if (!tags.length) return;
          setTag('');
          void edit({ addTags: tags });
        }}
      >
        <input
          type="text"
          value={tag}
          onInput={(e) => setTag(e.currentTarget.value)}
          placeholder="Add a tag"
          aria-label="New tag"
        />
        <button type="submit" class="button small" disabled={busy}>
          Add tag
        </button>
      </form>
      <label class="field">
        <span>Review status</span>
        <select
          value={session.status}
          onChange={(e) => void edit({ status: e.currentTarget.value })}
          aria-label="Review status"
        >
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s || 'none'}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Note</span>
        <textarea
          rows={3}
          value={noteText}
          onInput={(e) => setNote(e.currentTarget.value)}
          aria-label="Note"
          placeholder="What was this session about?"
        />
      </label>
      <div class="inline">
        <button
          type="button"
          class="button small"
          disabled={busy || note === undefined}
          onClick={() => void edit({ note: noteText }).then(() => setNote(undefined))}
        >
          Save note
        </button>
        <label class="check">
          <input
            type="checkbox"
            checked={session.hidden}
            onChange={(e) => void edit({ hidden: e.currentTarget.checked })}
          />
          Hidden from the list
        </label>
      </div>
      {error ? <ErrorNote error={error} /> : null}
    </section>
  );
}
