import { hue } from '../format.js';

/** Tag chips (coloured by name) and the review status. */
export function Tags({ tags, status }: { tags: string[]; status?: string }) {
  if (!tags.length && !status) return null;
  return (
    <span class="tags">
      {status ? (
        <span class={`status status-${status.replace(/[^a-z-]/gi, '')}`}>{status}</span>
      ) : null}
      {tags.map((t) => (
        <span key={t} class="tag" style={{ '--h': hue(t) }}>
          {t}
        </span>
      ))}
    </span>
  );
}
