import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobRef } from '@trail/model';
import { readObjects, resolveObjects } from '../read/objects.js';
import type { PrivateRepo } from '../snapshot/repo.js';
import type { Tip } from '../snapshot/take.js';
import type { BlobTextReader } from '../timeline/file-steps.js';
import { recordedToRel } from '../timeline/paths.js';
import type { SessionHistory } from '../timeline/sessions.js';
import { pathFilter, type PlannedChange, type RewindPlan, type Unrestorable } from './plan.js';

/** What a file should hold after the rewind (null: absent), or why that is unknown. */
type Wanted = { content: Buffer | null } | { reason: string };

/** The files a session changed from prompt `from` on, with their first recorded state. */
interface Touched {
  wanted: Wanted;
  /** The last content the session recorded for it (null: it deleted it). */
  last: string | null | undefined;
}

/**
 * Plans a rewind for a session recorded without checkpoints (imported from a transcript):
 * each file it changed from prompt `from` on goes back to the content its first such
 * change recorded as "before" (or is removed, if that change created it). Files whose
 * earlier content was never recorded, or that lie outside the tree, cannot be restored.
 * A file is unsafe when it differs from the latest checkpoint of the tree, or, with no
 * checkpoint, from what the session last recorded for it.
 */
export function planRecordedRewind(
  session: SessionHistory,
  from: number,
  root: string,
  latest: { repo: PrivateRepo; tip: Tip } | undefined,
  blobText: BlobTextReader,
  only?: readonly string[],
): RewindPlan {
  const keep = pathFilter(only);
  const touched = new Map<string, Touched>();
  const unrestorable: Unrestorable[] = [];
  const text = (r: BlobRef | undefined) => (r ? blobText(r) : undefined);
  for (const e of session.events) {
    if (e.kind !== 'tool' || e.promptNo < from) continue;
    for (const c of e.changes ?? []) {
      const rel = recordedToRel(root, session.info, c.path);
      if (rel === undefined) {
        if (!unrestorable.some((u) => u.path === c.path))
          unrestorable.push({
            path: c.path,
            reason: `outside ${root}; rewind restores files inside the working tree only`,
          });
        continue;
      }
      if (!keep(rel)) continue;
      const fromRel =
        c.fromPath !== undefined ? recordedToRel(root, session.info, c.fromPath) : undefined;
      if (fromRel !== undefined && keep(fromRel) && !touched.has(fromRel)) {
        const before = text(c.before);
        touched.set(fromRel, {
          wanted:
            before !== undefined
              ? { content: Buffer.from(before) }
              : { reason: 'renamed, and its content before was not recorded' },
          last: null,
        });
      }
      const seen = touched.get(rel);
      const after = c.op === 'delete' ? null : text(c.after);
      if (seen) {
        seen.last = after;
        continue;
      }
      const before = text(c.before);
      const wanted: Wanted =
        c.op === 'create' || c.op === 'rename'
          ? { content: null }
          : before !== undefined
            ? { content: Buffer.from(before) }
            : { reason: `its content before prompt ${from} was not recorded` };
      touched.set(rel, { wanted, last: after });
    }
  }
  const checkpointed = latest ? latestContents(latest, [...touched.keys()]) : undefined;
  const changes: PlannedChange[] = [];
  const unsafe: string[] = [];
  for (const [rel, t] of [...touched].sort(([a], [b]) => a.localeCompare(b))) {
    if ('reason' in t.wanted) {
      unrestorable.push({ path: rel, reason: t.wanted.reason });
      continue;
    }
    const abs = join(root, rel);
    const now = existsSync(abs) ? readFileSync(abs) : null;
    const want = t.wanted.content;
    if (now === null ? want === null : want !== null && now.equals(want)) continue;
    const op = now === null ? 'create' : want === null ? 'delete' : 'modify';
    changes.push({
      path: rel,
      op,
      ...(want !== null ? { kind: 'file' as const, content: want } : {}),
    });
    if (op === 'create') continue;
    const reference = checkpointed
      ? checkpointed.get(rel)
      : t.last === undefined
        ? undefined
        : t.last === null
          ? null
          : Buffer.from(t.last);
    if (reference === undefined || reference === null || !reference.equals(now!)) unsafe.push(rel);
  }
  return { root, changes, unsafe, unrestorable };
}

/** What the latest checkpoint holds for each path (null: absent). */
function latestContents(
  latest: { repo: PrivateRepo; tip: Tip },
  paths: string[],
): Map<string, Buffer | null> {
  const out = new Map<string, Buffer | null>();
  const infos = resolveObjects(
    latest.repo.target,
    paths.map((p) => `${latest.tip.commit}:${p}`),
  );
  const blobs = readObjects(
    latest.repo.target,
    infos.flatMap((i) => (i && i.type === 'blob' ? [i.oid] : [])),
  );
  paths.forEach((p, k) => {
    const info = infos[k];
    out.set(p, info && info.type === 'blob' ? (blobs.get(info.oid) ?? null) : null);
  });
  return out;
}
