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

const TOKENS = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+|[^A-Za-z0-9]+/g;

// The commonest letter pairs of English and of identifiers made of English words.
const BIGRAMS = new Set(
  (
    'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve ' +
    'co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ta ss ca el la ns ge ly ec ul us wo ' +
    'rs ct pe na ow no ai ig ol ac sh em nc ot pr ke ey ie ue ay ap pp ry ts rd ab ad am ck id im ' +
    'ip ir iv mp op pa pl po qu sa sc so sp su tr tt ui un up ut wa we wh wi ym yp yt'
  ).split(' '),
);

/**
 * True for `ProductionDatabase2024`-like runs of words: most letters sit in capitalised or
 * lower-case runs made mostly of common English letter pairs, which random strings are not.
 */
export function isWordLike(s: string): boolean {
  let inWords = 0;
  for (const m of s.matchAll(TOKENS)) {
    const t = m[0];
    if (t.length < 3 || !/^[A-Z]?[a-z]+$/.test(t)) continue;
    const lower = t.toLowerCase();
    let common = 0;
    for (let i = 0; i + 1 < lower.length; i++) if (BIGRAMS.has(lower.slice(i, i + 2))) common++;
    if (common / (lower.length - 1) >= 0.5) inWords += t.length;
  }
  return inWords / s.length >= 0.6;
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
