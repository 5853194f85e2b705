import { PREVIEW_CHARS, type PreviewRedactor, preview } from '@trail/model';
import { redactorFor } from './api.js';
import type { RedactOptions } from './options.js';

/** A one-line preview for a document: redacted first, then flattened and cut to `max`. */
export function redactPreview(
  text: string,
  max: number = PREVIEW_CHARS,
  options?: RedactOptions,
): string {
  return preview(redactorFor(options).redact(text), max);
}

/** The redactor as `@trail/model`'s `PreviewRedactor`, for code that builds previews itself. */
export function previewRedactor(options?: RedactOptions): PreviewRedactor {
  const r = redactorFor(options);
  return (text) => r.redact(text);
}
