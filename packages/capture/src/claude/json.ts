/** A parsed JSON object. */
export type Obj = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value when it is a string. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The value when it is a non-empty string. */
export function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The value when it is a finite number. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The value when it is an array, else an empty array. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The value when it is an object, else an empty object. */
export function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

/**
 * True for an object whose keys are exactly "0".."n-1" holding one-character strings: a
 * string that was spread into an object (`{...'text'}`), seen once in a real transcript.
 */
export function isCharIndexed(v: unknown): boolean {
  if (!isObj(v)) return false;
  const keys = Object.keys(v);
  if (keys.length === 0) return false;
  return keys.every((k, i) => k === String(i) && typeof v[k] === 'string' && v[k].length <= 2);
}

/** Milliseconds since the epoch of an ISO timestamp, or undefined. */
export function tsMs(ts: string | undefined): number | undefined {
  if (ts === undefined) return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}
