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

// The 245 commonest letter pairs of English text (and so of identifiers made of words).
const BIGRAMS = new Set(
  (
    'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ' +
    've co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec ' +
    'pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ' +
    'ul ni ts mo ow pa im mi ai sh ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab ' +
    'gh ty op wo sa ay ex ke fr oo av ag if ap gr od bo sp rd do uc bu ei ov by rm ep tt oc fa ' +
    'ef cu rn sc gi da yo cr cl du ga qu ue ff ba ey ls va um pp ua up lu go ht ru ug ds lt pi ' +
    'rc rr eg au ck ew mu br bi pt ak pu ui rg ib tl ny ki rk ys ob mm fu ph og ms ye ud mb ip ' +
    'ub oi rl gu dr hr cc tw ft wn nu af hu nn eo vo rv nf xp gn sm fl iz ok nl my gl aw ju oa ' +
    'eq sy sl ps jo'
  ).split(' '),
);

/**
 * True for `ProductionDatabase2024`-like runs of words: most letters sit in capitalised or
 * lower-case runs made of common English letter pairs, which random strings are not.
 */
export function isWordLike(s: string): boolean {
  let inWords = 0;
  for (const m of s.matchAll(TOKENS)) {
    const t = m[0];
    if (t.length < 3 || !/^[A-Z]?[a-z]+$/.test(t)) continue;
    const lower = t.toLowerCase();
    let common = 0;
    for (let i = 0; i + 1 < lower.length; i++) if (BIGRAMS.has(lower.slice(i, i + 2))) common++;
    if (common / (lower.length - 1) >= 0.7) inWords += t.length;
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
