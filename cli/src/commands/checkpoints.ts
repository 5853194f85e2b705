import { latestSessionIn, listCheckpoints } from '@trail/history';
import { readIndex } from '../context.js';
import { out, palette, printJson, shortTime, type GlobalOptions } from '../output.js';

/** `trail checkpoints [session]`: the working-tree snapshots a session took, in order. */
export async function run(session: string | undefined, opts: GlobalOptions): Promise<void> {
  const { db } = await readIndex(opts);
  let list;
  try {
    list = listCheckpoints(db, session ?? latestSessionIn(db, process.cwd()));
  } finally {
    db.close();
  }
  if (opts.json) {
    printJson({ session: list.sessionId, checkpoints: list.checkpoints });
    return;
  }
  if (!opts.quiet) process.stderr.write(`session ${list.sessionId}\n`);
  if (list.checkpoints.length === 0) {
    if (!opts.quiet)
      process.stderr.write(
        'no checkpoints: the session was imported from a transcript, or recorded before checkpoints were on\n',
      );
    return;
  }
  const c = palette(process.stdout, opts);
  for (const cp of list.checkpoints) {
    const prompt = cp.prompt === null ? ''.padEnd(4) : `p${cp.prompt}`.padEnd(4);
    const text = cp.moment === 'start' && cp.promptText ? ` ${JSON.stringify(cp.promptText)}` : '';
    const n = cp.changed.length;
    const files =
      n === 0
        ? c.dim('no changes')
        : `${n}${cp.truncated ? '+' : ''} file${n === 1 ? '' : 's'}: ${cp.changed.slice(0, 3).join(', ')}${n > 3 ? ', …' : ''}`;
    out(
      `${c.yellow(cp.checkpoint.slice(0, 12))} ${shortTime(cp.ts)} ${cp.moment.padEnd(12)} ${prompt} ${files}${c.dim(text)}`,
    );
  }
}
