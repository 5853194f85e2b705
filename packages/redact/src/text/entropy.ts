/** Shannon entropy of `s` in bits per character (UTF-16 code units). */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const HEX = /^[0-9a-fA-F]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const NUMERIC = /^[\d.:+_/-]+$/;
const DOTTED_NAME = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+){2,}$/;
const TOKEN_CHARS = /^[A-Za-z0-9+/=_.~!@#$%^&*-]+$/;

/** True for hexadecimal digests, git SHAs and UUIDs: identifiers, not secrets. */
export function isHashOrUuid(s: string): boolean {
  return HEX.test(s) || UUID.test(s);
}

/** True for `ProductionDatabase2024`-like runs of words: few changes between character classes. */
function isWordLike(s: string): boolean {
  let changes = 0;
  let prev = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const cls = c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : c >= 48 && c <= 57 ? 3 : 4;
    // lower→upper, letter↔digit and symbols start a new run; upper→lower does not (`Word`)
    if (i > 0 && cls !== prev && !(prev === 2 && cls === 1)) changes++;
    prev = cls;
  }
  return s.length / (changes + 1) >= 5;
}

/**
 * True when `s` looks like a random token: long enough, mixed character classes, high entropy,
 * and neither a hash, a UUID, a number, a dotted name nor a run of words.
 */
export function looksRandom(s: string): boolean {
  if (s.length < 16 || s.length > 1024 || !TOKEN_CHARS.test(s)) return false;
  if (isHashOrUuid(s) || NUMERIC.test(s) || DOTTED_NAME.test(s) || isWordLike(s)) return false;
  const classes = (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/[0-9]/.test(s) ? 1 : 0);
  if (classes < 2) return false;
  return shannonEntropy(s) >= Math.min(3.5, Math.log2(s.length) - 0.6);
}
