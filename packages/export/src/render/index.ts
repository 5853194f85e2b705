import { TrailError } from '@trail/model';
import { assertSealed } from '../sanitizer.js';
import type { SessionExport } from '../schema.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { closestFormat } from './closest.js';

/** Every export format. */
export const EXPORT_FORMATS = ['md', 'html', 'json'] as const;

/** An export format: Markdown, one self-contained HTML page, or the versioned JSON. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The export as the versioned JSON of docs/export-schema.md (two-space indent, final newline). */
export function renderJson(x: SessionExport): string {
  assertSealed(x);
  return JSON.stringify(x, null, 2) + '\n';
}

/** Parses `--format` (`markdown` is accepted for `md`); throws `EXPORT_UNKNOWN_FORMAT`. */
export function parseFormat(value: string): ExportFormat {
  const v = value.toLowerCase();
  if (v === 'markdown') return 'md';
  if ((EXPORT_FORMATS as readonly string[]).includes(v)) return v as ExportFormat;
  const hint = closestFormat(v, EXPORT_FORMATS);
  throw new TrailError(
    'EXPORT_UNKNOWN_FORMAT',
    `unknown format "${value}"${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of ${EXPORT_FORMATS.join(', ')}`,
    { value },
  );
}

/** Renders a sealed export in `format`. */
export function renderExport(x: SessionExport, format: ExportFormat): string {
  switch (format) {
    case 'md':
      return renderMarkdown(x);
    case 'html':
      return renderHtml(x);
    case 'json':
      return renderJson(x);
  }
}
