import { applyStep, initialState } from '../blame/engine.js';
import { renamesBetween } from '../read/objects.js';
import { findPrivateRepo } from '../snapshot/repo.js';
import { fileSteps, type HistorySource, type Timed } from './file-steps.js';

/** How many renames deep blame follows a file's history. */
const MAX_DEPTH = 4;

/**
 * A file's history as steps, following renames the checkpoints show: where the file
 * appears at a checkpoint and git finds it renamed from another path since the previous
 * checkpoint (a `mv`, with or without edits), the other file's attributions as they stood
 * just before are taken over, so moving a file does not make its lines new.
 */
export function historySteps(
  src: HistorySource,
  depth = 0,
): { steps: Timed[]; sessions: string[] } {
  const { steps, sessions } = fileSteps(src);
  const out: Timed[] = [];
  let exists: boolean | undefined;
  let previous: string | undefined;
  for (const t of steps) {
    const { step } = t;
    if (step.kind === 'observe' && step.checkpoint) {
      if (exists === false && step.content !== null && previous && depth < MAX_DEPTH) {
        const adopted = adopt(src, previous, step.checkpoint, t.ts, depth);
        if (adopted) {
          out.push(adopted.step);
          for (const s of adopted.sessions) if (!sessions.includes(s)) sessions.push(s);
        }
      }
      previous = step.checkpoint;
    }
    out.push(t);
    if (step.kind === 'observe') exists = step.content !== null;
    else if (step.kind === 'edit' && (step.after !== undefined || step.before !== undefined))
      exists = step.after !== null;
  }
  return { steps: out, sessions };
}

/** The attributions of the path this file was renamed from, as they stood before `ts`. */
function adopt(
  src: HistorySource,
  from: string,
  to: string,
  ts: string,
  depth: number,
): { step: Timed; sessions: string[] } | undefined {
  const repo = findPrivateRepo(src.checkpointsDir, src.root);
  if (!repo || from === to) return undefined;
  const old = renamesBetween(repo.target, from, to).get(src.rel);
  if (old === undefined) return undefined;
  const prior = historySteps({ ...src, rel: old, absolutes: [`${src.root}/${old}`] }, depth + 1);
  const s = initialState();
  for (const t of prior.steps) if (t.ts < ts) applyStep(s, t.step);
  if (!s.known) return undefined;
  return {
    step: { ts, step: { kind: 'adopt', text: s.text(), attrs: s.attrs } },
    sessions: prior.sessions,
  };
}
