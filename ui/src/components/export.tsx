import { useState } from 'preact/hooks';
import type { ExportJson } from '@trail/api';
import { post } from '../api.js';

/** Produces the same sanitized file as `trail export`, and downloads it. */
export function ExportButton({ session }: { session: string }) {
  const [message, setMessage] = useState<string>();
  const run = async (format: string) => {
    setMessage(undefined);
    try {
      const r = await post<ExportJson>(
        `/api/sessions/${encodeURIComponent(session)}/export?format=${format}`,
        {},
      );
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([r.content], { type: r.mediaType }));
      a.download = r.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div class="export">
      <button
        type="button"
        class="button"
        onClick={() => void run('md')}
        title="A sanitized Markdown trace, as `trail export --format md` writes"
      >
        Export .md
      </button>
      <button
        type="button"
        class="button ghost"
        onClick={() => void run('html')}
        title="A sanitized HTML trace, as `trail export --format html` writes"
      >
        .html
      </button>
      {message ? (
        <span class="dim small" role="status">
          {message}
        </span>
      ) : null}
    </div>
  );
}
