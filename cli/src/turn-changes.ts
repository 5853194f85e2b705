import type { IndexedEvent } from '@trail/store/query';
import { relativeTo } from '@trail/model';

/** A file change a turn made outside any edit tool, found by comparing its checkpoints. */
export interface TurnChange {
  prompt: number;
  path: string;
  op: 'create' | 'modify' | 'delete';
  added: number;
  removed: number;
  patchText: string;
}

/**
 * For each prompt with a start and an end checkpoint, the files that differ between them and
 * that no edit tool of that prompt touched: shell commands, formatters, generators.
 */
export async function turnChanges(
  events: readonly IndexedEvent[],
  checkpointsDir: string,
  cwd: string,
  only?: number,
): Promise<TurnChange[]> {
  const byPrompt = new Map<
    number,
    { start?: IndexedEvent; end?: IndexedEvent; edited: Set<string> }
  >();
  for (const e of events) {
    if (e.agentId) continue;
    // a prompt's start checkpoint is taken just before the prompt itself is recorded
    const prompt = e.kind === 'checkpoint' && e.subtype === 'start' ? e.promptNo + 1 : e.promptNo;
    if (only !== undefined && prompt !== only) continue;
    const p = byPrompt.get(prompt) ?? { edited: new Set<string>() };
    byPrompt.set(prompt, p);
    if (e.kind === 'checkpoint' && e.subtype === 'start') p.start = e;
    if (e.kind === 'checkpoint' && e.subtype === 'end') p.end = e;
    for (const c of e.changes ?? []) p.edited.add(c.path);
  }
  const wanted = [...byPrompt.entries()].filter(
    ([, p]) =>
      p.start?.checkpointId &&
      p.end?.checkpointId &&
      p.start.root &&
      (p.end.changed?.length ?? 1) > 0,
  );
  if (wanted.length === 0) return [];
  const { checkpointDiff } = await import('@trail/history');
  const out: TurnChange[] = [];
  for (const [prompt, p] of wanted) {
    const root = p.start!.root!;
    const edited = new Set([...p.edited].map((f) => relativeTo(root, f)));
    for (const d of checkpointDiff(
      checkpointsDir,
      root,
      p.start!.checkpointId!,
      p.end!.checkpointId!,
    )) {
      if (edited.has(d.path)) continue;
      out.push({
        prompt,
        path: cwd ? relativeTo(cwd, `${root}/${d.path}`) : d.path,
        op: d.op,
        added: d.added,
        removed: d.removed,
        patchText: d.patch,
      });
    }
  }
  return out;
}
