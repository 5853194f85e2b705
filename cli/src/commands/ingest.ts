import { ingestSpools } from '@trail/capture';
import { withStore } from '../store-session.js';
import { hasPendingSpool, homeOf } from '../context.js';
import { info, printJson, type GlobalOptions } from '../output.js';

interface IngestOptions extends GlobalOptions {
  session?: string;
  final?: boolean;
}

/** `trail ingest`: fold spooled hook events into the store. */
export async function run(opts: IngestOptions): Promise<void> {
  // Started detached by hooks: never create a store (or resurrect a deleted one) for nothing.
  if (!hasPendingSpool(homeOf(opts))) {
    if (opts.json) printJson({ sessions: 0, events: 0, problems: [] });
    return;
  }
  const r = await withStore(opts, (store) =>
    ingestSpools(store, {
      ...(opts.session ? { sessionId: opts.session } : {}),
      ...(opts.final ? { final: true } : {}),
    }),
  );
  if (opts.json) {
    printJson({ ...r });
    return;
  }
  info(
    opts,
    `ingested ${r.sessions} session update${r.sessions === 1 ? '' : 's'}, ${r.events} new events${r.problems.length ? `, ${r.problems.length} problems` : ''}`,
  );
  for (const p of r.problems) process.stderr.write(`${p.file}:${p.line}: ${p.reason}\n`);
}
