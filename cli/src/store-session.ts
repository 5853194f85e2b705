import { Store } from '@trail/store';
import type { GlobalOptions } from './output.js';
import { homeOf } from './context.js';

/** Opens the store for writing (taking its lock), runs `fn`, and always closes it. */
export async function withStore<T>(
  opts: GlobalOptions,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await Store.open({ home: homeOf(opts).root, redact: await previewRedactor() });
  try {
    if (store.indexFresh) await store.reindex();
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The redactor applied to previews before they enter a document. */
async function previewRedactor(): Promise<(s: string) => string> {
  try {
    const mod = (await import('@trail/redact')) as { redactText?: (s: string) => string };
    if (typeof mod.redactText === 'function') return (s) => mod.redactText!(s);
  } catch {
    // redactor not built: pass-through
  }
  return (s) => s;
}
