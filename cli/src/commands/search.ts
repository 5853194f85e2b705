import { search, SNIPPET_CLOSE, SNIPPET_OPEN } from '@trail/store/query';
import { searchResults, type SearchJson } from '@trail/api';
import { readIndex } from '../context.js';
import { secretsRedactor } from '../redact-config.js';
import { out, palette, printJson, shortTime, writeErr, type GlobalOptions } from '../output.js';

interface SearchOptions extends GlobalOptions {
  maxCount?: number;
  project?: string;
  agent?: string;
}

/** `trail search <query>`: full-text search; each hit names session, prompt and a snippet. */
export async function run(words: string[], opts: SearchOptions): Promise<void> {
  const { db, text, paths } = await readIndex(opts);
  const found = search(db, words.join(' '), {
    text,
    limit: opts.maxCount ?? 20,
    ...(opts.project ? { project: opts.project } : {}),
    ...(opts.agent ? { agent: opts.agent } : {}),
  });
  db.close();
  // a snippet can hold a recorded secret: shown as its placeholder (`trail show --full` has the text)
  const redactor = secretsRedactor(paths);
  const hits = found.map((h) => ({ ...h, snippet: redactor.redact(h.snippet) }));
  if (opts.json) {
    printJson({ query: words.join(' '), results: searchResults(hits) } satisfies Omit<
      SearchJson,
      'version'
    >);
    return;
  }
  const c = palette(1, opts);
  const mark = (s: string) =>
    c.on
      ? s.replaceAll(SNIPPET_OPEN, '\u001b[1;31m').replaceAll(SNIPPET_CLOSE, '\u001b[0m')
      : s.replaceAll(SNIPPET_OPEN, '[').replaceAll(SNIPPET_CLOSE, ']');
  if (hits.length === 0) {
    writeErr(`no matches for ${JSON.stringify(words.join(' '))}\n`);
    process.exitCode = 1;
    return;
  }
  for (const h of hits) {
    out(
      `${c.yellow(h.sessionId.slice(0, 8))} ${c.dim(shortTime(h.startedAt))} ${c.blue(h.project)} ${c.dim(`prompt ${h.prompt} · ${h.field}`)}`,
    );
    out(`    ${mark(h.snippet)}`);
  }
}
