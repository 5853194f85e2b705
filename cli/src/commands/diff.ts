import { TrailError, relativeTo } from '@trail/model';
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
    throw new TrailError('PROMPT_NOT_FOUND', `session ${s.id.slice(0, 8)} has ${s.counts.prompts} prompts; there is no prompt ${opts.prompt}`, { prompt: opts.prompt });
  }
  const changes = events
    .filter((e) => opts.prompt === undefined || e.promptNo === opts.prompt)
    .flatMap((e) => (e.changes ?? []).map((ch) => ({ ...ch, path: s.cwd ? relativeTo(s.cwd, ch.path) : ch.path, prompt: e.promptNo, tool: e.tool ?? '', eventId: e.id })));
  // what shell commands changed, from the checkpoints around each turn
  const shell = await turnChanges(events, paths.checkpoints, s.cwd, opts.prompt);
  const all = [
    ...changes.map((ch) => ({ path: ch.path, op: ch.op, added: ch.added, removed: ch.removed, prompt: ch.prompt, tool: ch.tool, eventId: ch.eventId, patchText: ch.patch ? relativeHeaders(text(ch.patch) ?? '', s.cwd) || null : null })),
    ...shell.map((t) => ({ path: t.path, op: t.op, added: t.added, removed: t.removed, prompt: t.prompt, tool: 'turn', eventId: null, patchText: t.patchText })),
  ].sort((a, b) => a.prompt - b.prompt);
  if (opts.json) {
    printJson({ session: s.id, prompt: opts.prompt ?? null, changes: all });
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
      out(` ${p.padEnd(width)} | ${String(n.added + n.removed).padStart(5)} ${c.green('+'.repeat(Math.min(n.added, 40)))}${c.red('-'.repeat(Math.min(n.removed, 40)))}`);
    }
    out(` ${per.size} file${per.size === 1 ? '' : 's'} changed, ${a} insertions(+), ${r} deletions(-)`);
    return;
  }
  const c = palette(process.stdout, opts);
  for (const ch of all) {
    const patch = ch.patchText;
    if (!patch) {
      process.stderr.write(`trail: no patch recorded for ${ch.path} (${ch.op}, +${ch.added} -${ch.removed})\n`);
      continue;
    }
    const body = patch.endsWith('\n') ? patch.slice(0, -1) : patch;
    for (const l of body.split('\n')) {
      out(l.startsWith('+++') || l.startsWith('---') ? c.bold(l) : l.startsWith('+') ? c.green(l) : l.startsWith('-') ? c.red(l) : l.startsWith('@@') ? c.cyan(l) : l);
    }
  }
}

/** Rewrites `--- a/<abs>` / `+++ b/<abs>` headers to paths relative to the session's directory. */
export function relativeHeaders(patch: string, cwd: string): string {
  if (!cwd) return patch;
  return patch.replace(/^(---|\+\+\+) (a|b)\/(.+)$/gm, (_m, sign: string, side: string, p: string) => {
    const rel = relativeTo(cwd, p.startsWith('/') || /^[a-z]:/i.test(p) ? p : '/' + p);
    return `${sign} ${side}/${rel}`;
  });
}
