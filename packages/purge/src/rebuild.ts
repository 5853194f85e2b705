import { createHash } from 'node:crypto';
import * as A from '@automerge/automerge';
import type { SessionDoc } from '@trail/model';
import { genesis, immutableDeep, sessionGenesis } from '@trail/store';

// Fields rebuilt from the genesis: written as they are, every string immutable.
const PLAIN_FIELDS = [
  'agent',
  'project',
  'cwd',
  'gitBranch',
  'title',
  'model',
  'agentVersion',
  'startedAt',
  'endedAt',
  'counts',
  'sources',
] as const;

/**
 * A new document for `generation` of a session holding exactly `content` and no history: the
 * shared, deterministic genesis of that generation and one change. The change's actor is
 * derived from the content, so two devices that purge the same session to the same content
 * produce the same change (and merge into one), while different content never reuses an
 * actor's sequence numbers.
 */
export function rebuildSessionDoc(content: SessionDoc, generation: number): A.Doc<SessionDoc> {
  const actor = createHash('sha256')
    .update(`trail-purge\u0000${generation}\u0000${JSON.stringify(content)}`)
    .digest('hex')
    .slice(0, 32);
  const base = A.load<SessionDoc>(genesis(sessionGenesis(content.id, generation)), { actor });
  return A.change(base, { message: 'purge', time: 0 }, (d) => {
    const doc = d as unknown as Record<string, unknown>;
    for (const k of PLAIN_FIELDS) {
      const v = content[k];
      if (v !== undefined && v !== null) doc[k] = immutableDeep(v);
    }
    if (content.usage) Object.assign(d.usage, content.usage);
    for (const e of content.events ?? [])
      d.events.push(immutableDeep(e) as SessionDoc['events'][number]);
    const a = content.annotations;
    if (a) {
      for (const t of Object.keys(a.tags ?? {})) d.annotations.tags[t] = true;
      // the note stays collaborative text, as `trail annotate` edits it
      if (a.note) A.updateText(d, ['annotations', 'note'], String(a.note));
      if (a.status)
        d.annotations.status = new A.ImmutableString(String(a.status)) as unknown as string;
      if (a.hidden) d.annotations.hidden = true;
    }
  });
}
