import type { CapturedSession } from '@trail/model';
import { obj, str, text, tsMs } from './json.js';
import type { RawRecord } from './records.js';
import type { ThreadStatus } from './thread.js';

/** What the metadata records of a session say: titles and the current leaf. */
export interface SessionNotes {
  customTitle?: string;
  aiTitle?: string;
  /** The last `last-prompt` that names a leaf, and where it was read. */
  leaf?: { uuid: string; seq: number };
}

/** Folds a metadata record (custom-title, ai-title, last-prompt) into the notes. */
export function noteMetadata(notes: SessionNotes, rec: RawRecord): void {
  const o = rec.o;
  if (rec.type === 'custom-title') {
    const t = text(o.customTitle)?.trim();
    if (t) notes.customTitle = t;
  } else if (rec.type === 'ai-title') {
    const t = text(o.aiTitle)?.trim();
    if (t) notes.aiTitle = t;
  } else if (rec.type === 'last-prompt') {
    const leaf = text(o.leafUuid);
    if (leaf !== undefined) notes.leaf = { uuid: leaf, seq: rec.seq };
  }
}

/**
 * The session title: `/rename` (custom-title) over the AI title over a `summary` whose
 * leaf is in this session (preferring one on the current chain; summaries naming other
 * sessions' leaves are ignored), else none.
 */
export function titleOf(
  notes: SessionNotes,
  summaries: readonly RawRecord[],
  status: ReadonlyMap<string, ThreadStatus>,
): string | undefined {
  if (notes.customTitle) return notes.customTitle;
  if (notes.aiTitle) return notes.aiTitle;
  let onChain: string | undefined;
  let anywhere: string | undefined;
  for (const s of summaries) {
    const leaf = text(s.o.leafUuid);
    const t = text(s.o.summary)?.trim();
    if (leaf === undefined || !t || !status.has(leaf)) continue;
    anywhere = t;
    if (status.get(leaf) === 'chain') onChain = t;
  }
  return onChain ?? anywhere;
}

/** The model that produced most of the given responses (`<synthetic>` ignored; ties: first seen). */
export function mainModel(models: ReadonlyMap<string, string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const m of models.values())
    if (m !== undefined && m !== '<synthetic>') counts.set(m, (counts.get(m) ?? 0) + 1);
  let best: string | undefined;
  let bestN = 0;
  for (const [m, n] of counts) {
    if (n > bestN) {
      best = m;
      bestN = n;
    }
  }
  return best;
}

/** The envelope fields a session takes from its records. */
export type Envelope = Pick<CapturedSession, 'cwd' | 'gitBranch' | 'agentVersion'>;

/**
 * The first `cwd` (the directory the session started in; later records may follow a `cd`)
 * and the last non-empty `gitBranch` and `version` (a resumed session can change both).
 */
export function envelopeOf(main: readonly RawRecord[]): Envelope {
  const out: Envelope = {};
  for (const r of main) {
    const cwd = text(r.o.cwd);
    if (cwd !== undefined && out.cwd === undefined) out.cwd = cwd;
    const branch = text(r.o.gitBranch);
    if (branch !== undefined) out.gitBranch = branch;
    const version = text(r.o.version);
    if (version !== undefined) out.agentVersion = version;
  }
  return out;
}

/** The earliest and latest timestamps of the given records. */
export function timeRangeOf(
  records: Iterable<RawRecord>,
): Pick<CapturedSession, 'startedAt' | 'endedAt'> {
  let min: [number, string] | undefined;
  let max: [number, string] | undefined;
  for (const r of records) {
    const ts = r.ts ?? str(obj(r.o.snapshot).timestamp);
    const ms = tsMs(ts);
    if (ms === undefined || ts === undefined) continue;
    if (!min || ms < min[0]) min = [ms, ts];
    if (!max || ms > max[0]) max = [ms, ts];
  }
  return { ...(min ? { startedAt: min[1] } : {}), ...(max ? { endedAt: max[1] } : {}) };
}
