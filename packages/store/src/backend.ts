import * as A from '@automerge/automerge';
import { immutableDeep } from './immutable.js';

/** Automerge's WebAssembly handle of one document (what `A.getBackend` returns). */
export type Backend = ReturnType<typeof A.getBackend>;

/**
 * Sets `key` of the object `obj` to a plain value through the handle, with the calls and types
 * `A.change`'s proxies use: whole numbers as ints, objects hydrated in one call, and strings as
 * immutable strings (`strings: 'immutable'`, how trail records text) or, as a proxy does with
 * a bare string, collaborative Text (`strings: 'text'`, what genesis changes were made with).
 */
export function putValue(
  h: Backend,
  obj: string,
  key: string | number,
  v: unknown,
  strings: 'immutable' | 'text',
): void {
  if (v === null || typeof v === 'boolean') h.put(obj, key, v);
  else if (typeof v === 'string') {
    if (strings === 'text') h.putObject(obj, key, v);
    else h.put(obj, key, v, 'str');
  } else if (v instanceof A.ImmutableString) h.put(obj, key, v.val, 'str');
  else if (typeof v === 'number') h.put(obj, key, v, Number.isInteger(v) ? 'int' : 'f64');
  else if (typeof v === 'object')
    h.putObjectFromHydrate(obj, key, strings === 'immutable' ? immutableDeep(v) : v);
  else throw new Error(`cannot store a ${typeof v} at ${String(key)}`);
}
