import { useState } from 'preact/hooks';
import type { ExportJson } from '@trail/api';
import { post } from '../api.js';

/** Produces the same sanitized file as `trail export`, and downloads it. */
export function ExportButton({ session }: { session: string }) {
  const [message, setMessage] = useState<string>();
  const [policy, setPolicy] = useState('summary');
  const run = async (format: string) => {
    setMessage(undefined);
    try {
      const r = await post<ExportJson>(
        `/api/sessions/${encodeURIComponent(session)}/export?format=${format}&policy=${policy}`,
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
      <select
        value={policy}
        onChange={(e) => setPolicy(e.currentTarget.value)}
        aria-label="Export policy"
        title="What the export keeps: summary (prompts, files, commands, outcomes) or trace (adds redacted diffs and outputs)"
      >
        <option value="summary">summary</option>
        <option value="trace">trace</option>
        <option value="metadata">metadata</option>
      </select>
      <button
        type="button"
        class="button"
        onClick={() => void run('md')}
        title="A sanitized Markdown trace, as `trail export --format md` writes it"
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
