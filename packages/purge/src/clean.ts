import { replaceDeep, type Matcher } from './matcher.js';

// Values a purge must never rewrite, whatever a pattern matches: ids, hashes, enums, times,
// document URLs, and numbers' containers.
const STRUCTURAL = new Set([
  'id',
  'hash',
  'ts',
  'kind',
  'type',
  'op',
  'status',
  'category',
  'checkpointId',
  'schema',
  'agent',
  'url',
]);
// Maps whose keys are identities (shard numbers, session ids, generations): keys kept as they are.
const KEYED_BY_ID = new Set(['shards', 'generations']);

/**
 * A copy of a document's plain content with every match replaced in string values and in map
 * keys (paths are keys too), except structural values and identity keys.
 */
export function cleanContent(
  value: unknown,
  matcher: Matcher,
  parent = '',
  grandparent = '',
): unknown {
  if (Array.isArray(value)) return value.map((v) => cleanContent(v, matcher, parent, grandparent));
  if (value && typeof value === 'object') {
    const keepKeys = KEYED_BY_ID.has(parent) || grandparent === 'shards';
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = keepKeys ? k : matcher.replace(k);
      out[key] =
        STRUCTURAL.has(k) && typeof v === 'string' ? v : cleanContent(v, matcher, k, parent);
    }
    return out;
  }
  return typeof value === 'string' ? replaceDeep(value, (s) => matcher.replace(s)) : value;
}
