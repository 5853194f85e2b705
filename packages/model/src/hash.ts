/**
 * A fast, dependency-free 64-bit string hash (two FNV-1a lanes) as 16 hex chars.
 * For stable ids and shard keys, never for security.
 */
export function stableHash(...parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    // separator, so ("ab","c") and ("a","bc") differ
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** The library shard (two hex digits, 00–3f) a session's index entry lives in. */
export function shardOf(sessionId: string, shards = 64): string {
  const n = parseInt(stableHash(sessionId).slice(0, 8), 16) % shards;
  return n.toString(16).padStart(2, '0');
}
