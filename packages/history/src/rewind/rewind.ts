import { existsSync, realpathSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { basename, dirname, join, resolve } from 'node:path';
import { TrailError } from '@trail/model';
import { resolveObjects } from '../read/objects.js';
import { findPrivateRepo } from '../snapshot/repo.js';
import { resolveWorkTree } from '../snapshot/root.js';
import { stageOnly, takeSnapshot } from '../snapshot/take.js';
import type { BlobTextReader } from '../timeline/file-steps.js';
import { relativeInside } from '../timeline/paths.js';
import { applyChanges } from './apply.js';
import type { FileOp, RewindPlan, Unrestorable } from './plan.js';
import { planRecordedRewind } from './recorded-plan.js';
import { resolveTarget, type RewindTarget } from './target.js';
import { planTreeRewind } from './tree-plan.js';

/** Options of {@link rewind}. */
export interface RewindOptions {
  db: DatabaseSync;
  blobText: BlobTextReader;
  checkpointsDir: string;
  /** The store home (excluded from snapshots when inside the tree). */
  storeHome: string;
  /** A checkpoint id or prefix, `session:N`, or a session. */
  target: string;
  /** Only these paths (files or directories, relative to `cwd`). */
  files?: readonly string[];
  cwd?: string;
  dryRun?: boolean;
  force?: boolean;
  maxBytes?: number;
}

/** What a rewind did (or, with dryRun, would do). */
export interface RewindResult {
  target: {
    checkpoint?: string;
    sessionId?: string;
    prompt?: number;
    moment?: string;
    recorded: boolean;
  };
  root: string;
  changes: { path: string; op: FileOp }[];
  /** Files it overwrote or deleted although no checkpoint had their content (only with force; listed by dry runs). */
  unsafe: string[];
  unrestorable: Unrestorable[];
  dryRun: boolean;
  /** The checkpoint of the state before the rewind; rewinding to it undoes the rewind. */
  saved?: string;
  /** The one command that undoes the rewind. */
  undo?: string;
}

/**
 * Restores a working tree to a checkpoint (or, for a session without checkpoints, to the
 * content its recorded changes started from). Before writing anything it saves the
 * current state as a checkpoint, so the rewind can be undone; it refuses, unless forced,
 * to overwrite or delete a file whose content no checkpoint has.
 */
export function rewind(o: RewindOptions): RewindResult {
  const target = resolveTarget(o.db, o.checkpointsDir, o.target);
  const root = rootOf(target, o.checkpointsDir);
  const tree = resolveWorkTree(root);
  const only = o.files?.map((f) => toRel(root, resolve(o.cwd ?? process.cwd(), f), f));
  const snap = {
    checkpointsDir: o.checkpointsDir,
    tree,
    storeHome: o.storeHome,
    ...(o.maxBytes !== undefined ? { maxBytes: o.maxBytes } : {}),
  };
  const now = stageOnly(snap);
  const plan: RewindPlan =
    target.kind === 'checkpoint'
      ? planTreeRewind({ repo: now.repo, current: now.tree, tip: now.tip }, target.checkpoint, only)
      : planRecordedRewind(
          target.session,
          target.prompt,
          root,
          now.tip ? { repo: now.repo, tip: now.tip } : undefined,
          o.blobText,
          only,
        );
  const result: RewindResult = {
    target: describe(target),
    root,
    changes: plan.changes.map((c) => ({ path: c.path, op: c.op })),
    unsafe: plan.unsafe,
    unrestorable: plan.unrestorable,
    dryRun: o.dryRun === true,
  };
  if (o.dryRun || plan.changes.length === 0) return result;
  if (plan.unsafe.length > 0 && !o.force) {
    throw new TrailError(
      'REWIND_UNSAFE',
      `not rewinding: ${list(plan.unsafe)} changed since the latest checkpoint and would be overwritten or deleted. ` +
        'Save that work elsewhere, or run again with --force (the current state is checkpointed first, so the rewind can be undone).',
      { files: plan.unsafe },
    );
  }
  const saved = takeSnapshot({ ...snap, note: { moment: 'before-rewind', rewind: o.target } });
  applyChanges(root, plan.changes, now.repo.target);
  takeSnapshot({ ...snap, note: { moment: 'after-rewind', undo: saved.checkpoint } });
  return { ...result, saved: saved.checkpoint, undo: `trail rewind ${saved.checkpoint}` };
}

function describe(t: RewindTarget): RewindResult['target'] {
  if (t.kind === 'recorded')
    return { sessionId: t.session.info.id, prompt: t.prompt, recorded: true };
  return {
    checkpoint: t.checkpoint,
    ...(t.sessionId ? { sessionId: t.sessionId } : {}),
    ...(t.prompt !== undefined ? { prompt: t.prompt } : {}),
    ...(t.moment ? { moment: t.moment } : {}),
    recorded: false,
  };
}

/** The working tree a target restores, checked to exist here with its checkpoint. */
function rootOf(t: RewindTarget, checkpointsDir: string): string {
  if (t.kind === 'recorded') {
    const cwd = t.session.info.localCwd;
    if (!cwd) {
      throw new TrailError(
        'REWIND_NO_TREE',
        `session ${t.session.info.id.slice(0, 8)} ran in ${t.session.info.cwd || 'an unknown directory'}, which does not exist on this machine`,
        { cwd: t.session.info.cwd },
      );
    }
    return resolveWorkTree(cwd).root;
  }
  if (!existsSync(t.root))
    throw new TrailError(
      'REWIND_NO_TREE',
      `checkpoint ${t.checkpoint.slice(0, 12)} is of ${t.root}, which does not exist on this machine`,
      { root: t.root },
    );
  const repo = findPrivateRepo(checkpointsDir, t.root);
  if (!repo || !resolveObjects(repo.target, [`${t.checkpoint}^{commit}`])[0]) {
    throw new TrailError(
      'CHECKPOINT_NOT_FOUND',
      `checkpoint ${t.checkpoint.slice(0, 12)} is not in this machine's store (taken on another device?)`,
      { checkpoint: t.checkpoint },
    );
  }
  return t.root;
}

/** A path the user gave, relative to the tree (through symlinks, even if it no longer exists). */
function toRel(root: string, abs: string, given: string): string {
  let real = abs;
  const rest: string[] = [];
  while (!existsSync(real) && dirname(real) !== real) {
    rest.unshift(basename(real));
    real = dirname(real);
  }
  const full = join(realpathSync(real), ...rest);
  if (full === root) return '.';
  const rel = relativeInside(root, full);
  if (rel === undefined)
    throw new TrailError('USAGE', `${given} is outside ${root}, the tree this rewind restores`, {
      file: given,
    });
  return rel;
}

function list(paths: readonly string[]): string {
  const shown = paths.slice(0, 8).join(', ');
  return paths.length > 8 ? `${shown} and ${paths.length - 8} more` : shown;
}
