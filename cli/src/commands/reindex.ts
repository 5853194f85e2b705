import { withStore } from '../store-session.js';
import { info, printJson, type GlobalOptions } from '../output.js';

/** `trail reindex`: rebuild the query index from the documents. */
export async function run(opts: GlobalOptions): Promise<void> {
  const t = Date.now();
  const n = await withStore(opts, (store) => store.reindex());
  if (opts.json) printJson({ sessions: n, ms: Date.now() - t });
  else
    info(
      opts,
      `reindexed ${n} session${n === 1 ? '' : 's'} in ${((Date.now() - t) / 1000).toFixed(1)}s`,
    );
}
