import { TrailError } from '@trail/model';
import { diffChanges, relativeHeaders, type DiffJson } from '@trail/api';
import { findSession, sessionEvents } from '@trail/store/query';
import { readIndex } from '../context.js';
import { turnChanges } from '../turn-changes.js';
import { out, palette, printJson, type GlobalOptions } from '../output.js';

interface DiffOptions extends GlobalOptions {
  prompt?: number;
  stat?: boolean;
}

/** `trail diff <session> [--prompt N]`: the patches the session (or one prompt) made, in order. */
export async function run(id: string, opts: DiffOptions): Promise<void> {
  const { db, text, paths } = await readIndex(opts);
  const s = findSession(db, id);
  const events = sessionEvents(db, s.id);
  db.close();
  if (opts.prompt !== undefined && opts.prompt > s.counts.prompts) {
    throw new TrailError(
      'PROMPT_NOT_FOUND',
      `session ${s.id.slice(0, 8)} has ${s.counts.prompts} prompts; there is no prompt ${opts.prompt}`,
      { prompt: opts.prompt },
    );
  }
  // what shell commands changed, from the checkpoints around each turn
  const shell = await turnChanges(events, paths.checkpoints, s.cwd, opts.prompt);
  const all = diffChanges(
    s,
    events,
    text,
    shell,
    opts.prompt === undefined ? {} : { prompt: opts.prompt },
  );
  if (opts.json) {
    printJson({ session: s.id, prompt: opts.prompt ?? null, changes: all } satisfies Omit<
      DiffJson,
      'version'
    >);
    return;
  }
  if (opts.stat) {
    const per = new Map<string, { added: number; removed: number }>();
    for (const ch of all) {
      const cur = per.get(ch.path) ?? { added: 0, removed: 0 };
      cur.added += ch.added;
      cur.removed += ch.removed;
      per.set(ch.path, cur);
    }
    const c = palette(process.stdout, opts);
    const width = Math.max(0, ...[...per.keys()].map((p) => p.length));
    let a = 0;
    let r = 0;
    for (const [p, n] of per) {
      a += n.added;
      r += n.removed;
      out(
        ` ${p.padEnd(width)} | ${String(n.added + n.removed).padStart(5)} ${c.green('+'.repeat(Math.min(n.added, 40)))}${c.red('-'.repeat(Math.min(n.removed, 40)))}`,
      );
    }
    out(
      ` ${per.size} file${per.size === 1 ? '' : 's'} changed, ${a} insertions(+), ${r} deletions(-)`,
    );
    return;
  }
  const c = palette(process.stdout, opts);
  for (const ch of all) {
    const patch = ch.patchText;
    if (!patch) {
      process.stderr.write(
        `trail: no patch recorded for ${ch.path} (${ch.op}, +${ch.added} -${ch.removed})\n`,
      );
      continue;
    }
    const body = patch.endsWith('\n') ? patch.slice(0, -1) : patch;
    for (const l of body.split('\n')) {
      out(
        l.startsWith('+++') || l.startsWith('---')
          ? c.bold(l)
          : l.startsWith('+')
            ? c.green(l)
            : l.startsWith('-')
              ? c.red(l)
              : l.startsWith('@@')
                ? c.cyan(l)
                : l,
      );
    }
  }
}

/** Rewrites `--- a/<abs>` / `+++ b/<abs>` headers to paths relative to the session's directory. */
export { relativeHeaders };
