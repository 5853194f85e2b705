import { stableHash, type CheckpointEvent } from '@trail/model';
import type { SpoolRecord } from '@trail/store/spool';

/**
 * The checkpoint event of a spooled `TrailCheckpoint` line (written by the hook entry point
 * or the terminal recorder: `{checkpoint, moment, root, changed[]}`), or undefined when the
 * line lacks its checkpoint or root. The id depends only on the line, so re-ingesting it
 * yields the same event.
 */
export function checkpointEvent(
  r: SpoolRecord,
  base: { ts: string; agentId?: string },
): CheckpointEvent | undefined {
  const p = (r.payload && typeof r.payload === 'object' ? r.payload : {}) as Record<
    string,
    unknown
  >;
  const id = typeof p.checkpoint === 'string' ? p.checkpoint : '';
  const root = typeof p.root === 'string' ? p.root : '';
  if (!id || !root) return undefined;
  const moment = typeof p.moment === 'string' && p.moment ? p.moment : 'unknown';
  const changed = Array.isArray(p.changed)
    ? p.changed.filter((x): x is string => typeof x === 'string')
    : [];
  return {
    kind: 'checkpoint',
    id: `c-${id.slice(0, 16)}-${moment}-${stableHash(String(r.t))}`,
    checkpointId: id,
    moment,
    root,
    changed,
    ...base,
  };
}
