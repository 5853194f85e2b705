import { join } from 'node:path';
import { diffTrees, readObjects, resolveObjects, type TreeChange } from '../read/objects.js';
import { parsePlaceholder, sha256File } from '../snapshot/large.js';
import type { PrivateRepo } from '../snapshot/repo.js';
import { gitText } from '../snapshot/git.js';
import type { Tip } from '../snapshot/take.js';
import {
  kindOfMode,
  pathFilter,
  type PlannedChange,
  type RewindPlan,
  type Unrestorable,
} from './plan.js';

/** The inputs of a rewind to a checkpoint: the tree now (staged, not recorded) and the latest checkpoint. */
export interface TreeState {
  repo: PrivateRepo;
  /** Tree id of the working tree now. */
  current: string;
  /** The latest checkpoint before now. */
  tip: Tip | undefined;
}

/**
 * Plans a rewind of a working tree to a checkpoint: every file that differs is created,
 * overwritten or deleted. A file is unsafe when the rewind would overwrite or delete it
 * and it changed since the latest checkpoint (its content is in no checkpoint), or it is
 * larger than the checkpoint limit. Large files were recorded by hash only: a rewind
 * cannot bring one back and says so.
 */
export function planTreeRewind(
  state: TreeState,
  checkpoint: string,
  only?: readonly string[],
): RewindPlan {
  const { repo } = state;
  const target = gitText(repo.target, ['rev-parse', '--verify', `${checkpoint}^{tree}`]);
  const keep = pathFilter(only);
  const diffs = diffTrees(repo.target, state.current, target).filter((d) => keep(d.path));
  const placeholders = findPlaceholders(repo, diffs);
  const dirty = state.tip
    ? new Set(diffTrees(repo.target, state.tip.tree, state.current).map((d) => d.path))
    : undefined;
  const changes: PlannedChange[] = [];
  const unrestorable: Unrestorable[] = [];
  const unsafe: string[] = [];
  for (const d of diffs) {
    const op = d.status === 'A' ? 'create' : d.status === 'D' ? 'delete' : 'modify';
    // A file too large to checkpoint now: whatever it holds, no checkpoint has it.
    const largeNow = op !== 'create' && placeholders.has(d.fromOid);
    const wanted = op === 'delete' ? undefined : placeholders.get(d.toOid);
    if (wanted) {
      if (!sameLargeFile(join(repo.root, d.path), wanted.sha256)) {
        unrestorable.push({
          path: d.path,
          reason: `larger than the checkpoint limit; recorded by hash only (sha256 ${wanted.sha256.slice(0, 12)}…, ${wanted.size} bytes)`,
        });
      }
      continue;
    }
    const kind = op === 'delete' ? undefined : kindOfMode(d.toMode);
    if (op !== 'delete' && !kind) {
      unrestorable.push({ path: d.path, reason: 'a submodule or nested repository; not restored' });
      continue;
    }
    changes.push({ path: d.path, op, ...(kind ? { kind, oid: d.toOid } : {}) });
    if (op !== 'create' && (largeNow || !dirty || dirty.has(d.path))) unsafe.push(d.path);
  }
  return { root: repo.root, changes, unsafe, unrestorable };
}

/** Placeholder blobs among the blobs on either side of the differences, by oid. */
function findPlaceholders(
  repo: PrivateRepo,
  diffs: readonly TreeChange[],
): Map<string, { size: number; sha256: string }> {
  const zero = /^0+$/;
  const oids = [
    ...new Set(diffs.flatMap((d) => [d.fromOid, d.toOid]).filter((o) => !zero.test(o))),
  ];
  const small = resolveObjects(repo.target, oids)
    .filter((info) => info !== undefined && info.type === 'blob' && info.size < 200)
    .map((info) => info!.oid);
  const out = new Map<string, { size: number; sha256: string }>();
  for (const [oid, bytes] of readObjects(repo.target, small)) {
    const p = parsePlaceholder(bytes);
    if (p) out.set(oid, p);
  }
  return out;
}

function sameLargeFile(abs: string, sha256: string): boolean {
  try {
    return sha256File(abs) === sha256;
  } catch {
    return false;
  }
}
