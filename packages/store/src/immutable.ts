import * as A from '@automerge/automerge';

/**
 * Deep copy of a plain value with every string wrapped as an ImmutableString: recorded
 * text is atomic in trail's documents (collaborative Text costs ~8× the operations).
 */
export function immutableDeep(v: unknown): unknown {
  if (typeof v === 'string') return new A.ImmutableString(v);
  if (Array.isArray(v)) return v.map(immutableDeep);
  if (
    v &&
    typeof v === 'object' &&
    !(v instanceof Uint8Array) &&
    !(v instanceof A.ImmutableString)
  ) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = immutableDeep(x);
    return out;
  }
  return v;
}

/** A plain JSON copy of (part of) a document: immutable strings become strings. */
export function toPlain<T>(v: unknown): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
