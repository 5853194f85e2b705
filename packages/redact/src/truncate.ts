/** Says how much was cut; counted within the limit. */
export type TruncationMarker = (omittedChars: number) => string;

/** The default marker: `… [1234 more chars]`. */
export const defaultMarker: TruncationMarker = (n) => `… [${n} more chars]`;

const PLACEHOLDER_AT = /^(?:\[REDACTED:[a-z0-9][a-z0-9-]*\]|\[USER\])/;

function safeCut(text: string, cut: number): number {
  const code = text.charCodeAt(cut - 1);
  if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut--;
  // never leave half a placeholder such as `[REDACTED:git`
  const open = text.lastIndexOf('[', cut - 1);
  if (open !== -1 && cut - open < 64) {
    const m = PLACEHOLDER_AT.exec(text.slice(open, open + 64));
    if (m && open + m[0].length > cut) cut = open;
  }
  return cut;
}

/**
 * Cuts `text` to at most `maxChars` characters, marker included. Never splits a surrogate pair
 * or a redaction placeholder. Redact first, then truncate: a secret cut in half no longer
 * matches its pattern.
 */
export function truncate(
  text: string,
  maxChars: number,
  marker: TruncationMarker = defaultMarker,
): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 0) return '';
  let omitted = text.length - maxChars;
  for (let attempt = 0; attempt < 4; attempt++) {
    const mark = marker(omitted);
    const room = maxChars - mark.length;
    if (room < 1) break;
    const cut = safeCut(text, room);
    if (text.length - cut === omitted) return text.slice(0, cut) + mark;
    omitted = text.length - cut;
  }
  // the marker does not fit (or would not settle): a plain cut with an ellipsis
  return text.slice(0, safeCut(text, maxChars - 1)) + '…';
}
