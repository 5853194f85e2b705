/** Longest preview stored in a document. Full text lives in blobs. */
export const PREVIEW_CHARS = 200;

/** A one-line preview: whitespace collapsed, cut at `max` characters with an ellipsis. */
export function preview(text: string, max = PREVIEW_CHARS): string {
  const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const flat = head.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // never cut a surrogate pair in half
  let cut = max - 1;
  const code = flat.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return flat.slice(0, cut) + '…';
}

/** Number of lines in a text, counting a last line without a newline. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/** A redaction step for previews; the identity until a redactor is plugged in. */
export type PreviewRedactor = (text: string) => string;

/** The pass-through redactor. */
export const passThrough: PreviewRedactor = (t) => t;
