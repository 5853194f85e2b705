import type { DatabaseSync } from 'node:sqlite';
import { TrailError } from '@trail/model';
import { findSession, listSessions } from '@trail/store/query';
import { MAX_LISTED_CHANGES } from '../snapshot/hook.js';
import { resolveWorkTree } from '../snapshot/root.js';
import { lazyProjectId } from '../timeline/project.js';
import { checkpointPrompt, loadSession } from '../timeline/sessions.js';

/** One checkpoint of a session, as `trail checkpoints` lists it. */
export interface CheckpointEntry {
  checkpoint: string;
  /** `start` (a prompt was submitted), `end` (the turn ended), `subagent-end`. */
  moment: string;
  ts: string;
  root: string;
  /** The prompt it belongs to (1-based), null before the first. */
  prompt: number | null;
  promptText: string | null;
  agentId: string | null;
  /** Paths changed since the previous checkpoint of the same tree. */
  changed: string[];
  /** True when the list of changed paths was cut at {@link MAX_LISTED_CHANGES}. */
  truncated: boolean;
}

/** The checkpoints of a session in the order they were taken. */
export function listCheckpoints(
  db: DatabaseSync,
  sessionSpec: string,
): { sessionId: string; checkpoints: CheckpointEntry[] } {
  const s = loadSession(db, findSession(db, sessionSpec).id)!;
  const checkpoints: CheckpointEntry[] = [];
  s.events.forEach((e, i) => {
    if (e.kind !== 'checkpoint' || !e.checkpointId) return;
    const prompt = checkpointPrompt(s.events, i);
    const changed = [...(e.changed ?? [])];
    checkpoints.push({
      checkpoint: e.checkpointId,
      moment: String(e.subtype ?? ''),
      ts: e.ts,
      root: String(e.root ?? ''),
      prompt: prompt > 0 ? prompt : null,
      promptText: s.prompts.get(prompt) ?? null,
      agentId: e.agentId ?? null,
      changed,
      truncated: changed.length >= MAX_LISTED_CHANGES,
    });
  });
  return { sessionId: s.info.id, checkpoints };
}

/** The latest session recorded in the working tree a directory belongs to. */
export function latestSessionIn(db: DatabaseSync, dir: string): string {
  const { root } = resolveWorkTree(dir);
  const [here] = listSessions(db, { project: root, limit: 1, includeHidden: true });
  if (here) return here.id;
  const [project] = listSessions(db, {
    project: lazyProjectId(root)(),
    limit: 1,
    includeHidden: true,
  });
  if (project) return project.id;
  throw new TrailError(
    'SESSION_NOT_FOUND',
    `no session was recorded in ${root}; name one (\`trail log\` lists them)`,
    { root },
  );
}
