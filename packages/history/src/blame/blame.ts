import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { dirname, resolve } from 'node:path';
import { TrailError } from '@trail/model';
import { resolveWorkTree } from '../snapshot/root.js';
import { checkpointRoots } from '../timeline/sessions.js';
import type { BlobTextReader } from '../timeline/file-steps.js';
import { historySteps } from '../timeline/renames.js';
import { relativeInside } from '../timeline/paths.js';
import { lazyProjectId } from '../timeline/project.js';
import { applyStep, initialState } from './engine.js';
import type { Origin } from './origin.js';
import { looksBinary, splitLines } from './text.js';

/** Options of {@link blame}. */
export interface BlameOptions {
  db: DatabaseSync;
  blobText: BlobTextReader;
  /** The store's checkpoints directory. */
  checkpointsDir: string;
  /** The file, absolute or relative to `cwd`. */
  file: string;
  cwd?: string;
  /** 1-based inclusive line range. */
  range?: { start: number; end: number };
}

/** One line of the file as it is on disk, with who produced it. */
export interface BlameLine {
  /** 1-based line number now. */
  line: number;
  /** The line without its terminator. */
  text: string;
  origin: Origin;
  /** The line's number in the content its origin produced. */
  originLine: number;
}

/** A file annotated line by line. */
export interface BlameResult {
  /** Absolute path of the file. */
  file: string;
  /** The working tree it belongs to. */
  root: string;
  /** Its path relative to root. */
  path: string;
  /** Lines in the file. */
  total: number;
  lines: BlameLine[];
  /** Sessions whose records were used. */
  sessions: string[];
}

/**
 * Annotates each line of a file as it is now on disk: which tool call of which prompt
 * wrote it, which turn changed it by other means, whether a human changed it between
 * turns, or whether it predates trail's records. Throws FILE_NEVER_SEEN when no
 * checkpoint holds the file and no recorded change touched it.
 */
export function blame(o: BlameOptions): BlameResult {
  const abs = resolve(o.cwd ?? process.cwd(), o.file);
  if (!existsSync(abs))
    throw new TrailError('FILE_MISSING', `${o.file}: no such file`, { file: o.file });
  const st = statSync(abs);
  if (!st.isFile()) throw new TrailError('USAGE', `${o.file} is not a file`, { file: o.file });
  const bytes = readFileSync(abs);
  if (looksBinary(bytes))
    throw new TrailError('BLAME_BINARY', `${o.file} is a binary file; blame annotates text`, {
      file: o.file,
    });
  const real = realpathSync(abs);
  const root = rootOf(o.db, real);
  const rel = relativeInside(root, real) ?? real;
  const { steps, sessions } = historySteps({
    db: o.db,
    blobText: o.blobText,
    checkpointsDir: o.checkpointsDir,
    root,
    absolutes: [...new Set([abs, real])],
    rel,
    project: lazyProjectId(root),
  });
  const state = initialState();
  for (const t of steps) applyStep(state, t.step);
  if (!state.seen) {
    throw new TrailError(
      'FILE_NEVER_SEEN',
      `trail has no record of ${o.file}: no checkpoint holds it and no recorded agent change touched it`,
      { file: o.file, path: rel },
    );
  }
  const text = bytes.toString('utf8');
  const now: Origin = { kind: 'human', ts: st.mtime.toISOString(), inferred: false };
  applyStep(state, { kind: 'observe', content: text, gap: now, baseline: now });
  const all = splitLines(text);
  const start = o.range?.start ?? 1;
  const end = Math.min(o.range?.end ?? all.length, all.length);
  if (o.range && (start < 1 || start > Math.max(all.length, 1) || end < start)) {
    throw new TrailError(
      'USAGE',
      `-L ${o.range.start},${o.range.end}: ${o.file} has ${all.length} lines`,
      { file: o.file },
    );
  }
  const lines: BlameLine[] = [];
  for (let i = start - 1; i < end; i++) {
    const attr = state.attrs[i]!;
    lines.push({
      line: i + 1,
      text: all[i]!.replace(/\r?\n$/, ''),
      origin: attr.origin,
      originLine: attr.line,
    });
  }
  return { file: abs, root, path: rel, total: all.length, lines, sessions };
}

/** The tree a file is blamed in: the deepest checkpointed root holding it, else its git top level. */
function rootOf(db: DatabaseSync, real: string): string {
  let best: string | undefined;
  for (const r of checkpointRoots(db)) {
    if (relativeInside(r, real) !== undefined && (!best || r.length > best.length)) best = r;
  }
  return best ?? resolveWorkTree(dirname(real)).root;
}
