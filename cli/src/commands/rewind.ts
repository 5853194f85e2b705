import { rewind, type RewindResult } from '@trail/history';
import { readIndex } from '../context.js';
import { out, palette, printJson, type GlobalOptions } from '../output.js';

interface RewindOptions extends GlobalOptions {
  files?: string[];
  dryRun?: boolean;
  force?: boolean;
}

const VERB = { create: 'create', modify: 'restore', delete: 'delete' } as const;

/** `trail rewind <checkpoint | session[:prompt]>`: restores the working tree, undoably. */
export async function run(target: string, opts: RewindOptions): Promise<void> {
  const { db, paths, text } = await readIndex(opts);
  let r: RewindResult;
  try {
    r = rewind({
      db,
      blobText: text,
      checkpointsDir: paths.checkpoints,
      storeHome: paths.root,
      target,
      ...(opts.files ? { files: opts.files } : {}),
      ...(opts.dryRun ? { dryRun: true } : {}),
      ...(opts.force ? { force: true } : {}),
    });
  } finally {
    db.close();
  }
  if (opts.json) {
    printJson({ rewind: r });
    return;
  }
  const c = palette(process.stdout, opts);
  const t = r.target;
  const what = t.checkpoint
    ? `checkpoint ${t.checkpoint.slice(0, 12)}${t.sessionId ? ` (session ${t.sessionId.slice(0, 8)}${t.prompt ? `, ${t.moment === 'start' ? 'start' : 'end'} of prompt ${t.prompt}` : ''})` : ''}`
    : `session ${t.sessionId?.slice(0, 8) ?? ''} before prompt ${t.prompt ?? 1}, from its recorded changes (no checkpoints)`;
  const msg = (s: string) => !opts.quiet && process.stderr.write(s + '\n');
  if (r.changes.length === 0) msg(`${r.root} already matches ${what}; nothing to do`);
  else msg(`${r.dryRun ? 'would rewind' : 'rewound'} ${r.root} to ${what}:`);
  for (const ch of r.changes) {
    const colour = ch.op === 'delete' ? c.red : ch.op === 'create' ? c.green : c.yellow;
    out(
      `${colour(`${r.dryRun ? 'would ' : ''}${VERB[ch.op]}`.padEnd(r.dryRun ? 13 : 7))} ${ch.path}${r.unsafe.includes(ch.path) ? c.red('  (changed since the latest checkpoint)') : ''}`,
    );
  }
  for (const u of r.unrestorable) msg(`${c.red('cannot restore')} ${u.path}: ${u.reason}`);
  if (r.dryRun && r.unsafe.length > 0)
    msg(
      `without --force this rewind would refuse: ${r.unsafe.join(', ')} changed since the latest checkpoint`,
    );
  if (r.undo) out(`to undo this rewind: ${c.bold(r.undo)}`);
}
