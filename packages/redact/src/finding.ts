import type { FindingKind } from './kinds.js';

/** One detected secret or piece of personal data, as a half-open range of the scanned text. */
export interface Finding {
  /** What was found, e.g. `github-token`; also the placeholder's label. */
  readonly kind: FindingKind;
  /** Index of the first character (UTF-16 code units). */
  readonly start: number;
  /** Index after the last character. */
  readonly end: number;
  /** At most the first four characters and `…`; never the whole value. */
  readonly masked: string;
}

/** Shows at most four leading characters, and never more than half of a short value. */
export function maskValue(value: string): string {
  const shown = Math.min(4, Math.floor(value.length / 2));
  let cut = shown;
  // never end on the first half of a surrogate pair
  const code = value.charCodeAt(cut - 1);
  if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut--;
  return value.slice(0, cut) + '…';
}
