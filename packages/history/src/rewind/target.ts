import type { DatabaseSync } from 'node:sqlite';
import { TrailError, isTrailError } from '@trail/model';
import { findSession } from '@trail/store/query';
import { resolveObjects } from '../read/objects.js';
import { listPrivateRepos } from '../snapshot/repo.js';
import { checkpointPrompt, loadSession, type SessionHistory } from '../timeline/sessions.js';

/** A rewind target: a checkpoint of some tree, or a point in a session that has no checkpoints. */
export type RewindTarget =
  | {
      kind: 'checkpoint';
      checkpoint: string;
      root: string;
      sessionId?: string;
      prompt?: number;
      moment?: string;
    }
  | { kind: 'recorded'; session: SessionHistory; prompt: number };

interface Row {
  [k: string]: string | number | null;
}

/**
 * Resolves what the user named: a checkpoint id (or unique prefix), `session:N` (the
 * checkpoint taken when prompt N was submitted), or a session (its first checkpoint).
 * Sessions without checkpoints (imported from transcripts) resolve to their recorded
 * changes. A prefix matching both a checkpoint and a session is ambiguous.
 */
export function resolveTarget(
  db: DatabaseSync,
  checkpointsDir: string,
  spec: string,
): RewindTarget {
  const m = /^(.+):(\d+)$/.exec(spec);
  if (m) return atPrompt(db, m[1]!, Number(m[2]));
  const checkpoints = /^[0-9a-f]{4,40}$/i.test(spec)
    ? findCheckpoints(db, checkpointsDir, spec.toLowerCase())
    : [];
  let session: SessionHistory | undefined;
  try {
    session = loadSession(db, findSession(db, spec).id);
  } catch (e) {
    if (!isTrailError(e, 'SESSION_NOT_FOUND')) {
      if (checkpoints.length === 0) throw e;
    }
  }
  if (session && checkpoints.length > 0) {
    throw new TrailError(
      'CHECKPOINT_AMBIGUOUS',
      `${JSON.stringify(spec)} names both session ${session.info.id} and checkpoint ${checkpoints[0]!.checkpoint}; give more characters`,
      { spec },
    );
  }
  if (checkpoints.length > 1) {
    throw new TrailError(
      'CHECKPOINT_AMBIGUOUS',
      `${JSON.stringify(spec)} matches several checkpoints: ${checkpoints.map((c) => c.checkpoint.slice(0, 12)).join(', ')}`,
      {
        spec,
        matches: checkpoints.map((c) => c.checkpoint),
      },
    );
  }
  if (checkpoints[0]) return checkpoints[0];
  if (!session)
    throw new TrailError(
      'CHECKPOINT_NOT_FOUND',
      `no checkpoint or session matches ${JSON.stringify(spec)}`,
      { spec },
    );
  const first = session.events.findIndex(
    (e) => e.kind === 'checkpoint' && e.checkpointId && e.root,
  );
  if (first < 0) return { kind: 'recorded', session, prompt: 1 };
  return fromEvent(session, first);
}

function atPrompt(db: DatabaseSync, sessionSpec: string, prompt: number): RewindTarget {
  const session = loadSession(db, findSession(db, sessionSpec).id)!;
  const count = Math.max(0, ...session.events.map((e) => e.promptNo));
  if (prompt < 1 || prompt > count) {
    throw new TrailError(
      'PROMPT_NOT_FOUND',
      `session ${session.info.id.slice(0, 8)} has ${count} prompt${count === 1 ? '' : 's'}; there is no prompt ${prompt}`,
      { prompt },
    );
  }
  const checkpoints = session.events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.kind === 'checkpoint' && e.checkpointId && e.root);
  if (checkpoints.length === 0) return { kind: 'recorded', session, prompt };
  const hit = checkpoints.find(
    ({ e, i }) => e.subtype === 'start' && checkpointPrompt(session.events, i) === prompt,
  );
  if (!hit) {
    throw new TrailError(
      'CHECKPOINT_NOT_FOUND',
      `session ${session.info.id.slice(0, 8)} has no checkpoint taken when prompt ${prompt} was submitted; see \`trail checkpoints ${session.info.id.slice(0, 8)}\``,
      {
        prompt,
      },
    );
  }
  return fromEvent(session, hit.i);
}

function fromEvent(session: SessionHistory, i: number): RewindTarget {
  const e = session.events[i]!;
  return {
    kind: 'checkpoint',
    checkpoint: String(e.checkpointId),
    root: String(e.root),
    sessionId: session.info.id,
    prompt: checkpointPrompt(session.events, i),
    moment: String(e.subtype ?? ''),
  };
}

/** Checkpoints whose id starts with a prefix: recorded in sessions, or only in a private repository (a rewind's own). */
function findCheckpoints(
  db: DatabaseSync,
  checkpointsDir: string,
  prefix: string,
): Extract<RewindTarget, { kind: 'checkpoint' }>[] {
  const rows = db
    .prepare(
      "SELECT session_id, seq, checkpoint, root FROM checkpoints WHERE checkpoint LIKE ? ESCAPE '\\'",
    )
    .all(prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%') as Row[];
  const found = new Map<string, Extract<RewindTarget, { kind: 'checkpoint' }>>();
  for (const r of rows) {
    const d = { checkpointId: String(r.checkpoint), root: String(r.root ?? '') };
    if (found.has(d.checkpointId)) continue;
    const session = loadSession(db, String(r.session_id));
    const i = session?.events.findIndex((e) => e.seq === Number(r.seq)) ?? -1;
    found.set(
      d.checkpointId,
      session && i >= 0
        ? (fromEvent(session, i) as Extract<RewindTarget, { kind: 'checkpoint' }>)
        : { kind: 'checkpoint', checkpoint: d.checkpointId, root: d.root },
    );
  }
  if (found.size > 0) return [...found.values()];
  for (const repo of listPrivateRepos(checkpointsDir)) {
    const [info] = resolveObjects(repo.target, [`${prefix}^{commit}`]);
    if (info) found.set(info.oid, { kind: 'checkpoint', checkpoint: info.oid, root: repo.root });
  }
  return [...found.values()];
}
