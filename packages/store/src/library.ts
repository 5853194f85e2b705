import {
  DOC_SCHEMA,
  LIBRARY_SHARDS,
  shardOf,
  type LibraryDoc,
  type LibraryEntry,
  type SessionDoc,
} from '@trail/model';
import { str } from './automerge.js';
import { immutableDeep } from './immutable.js';

/** The genesis content of the library document: all shards present, so devices never race to create one. */
export function libraryGenesis(): Record<string, unknown> {
  const shards: Record<string, Record<string, never>> = {};
  for (let i = 0; i < LIBRARY_SHARDS; i++) shards[i.toString(16).padStart(2, '0')] = {};
  return { schema: DOC_SCHEMA, kind: 'trail/library', projects: {}, shards };
}

/** The library entry summarising a session document. */
export function entryOf(doc: SessionDoc, url: string): LibraryEntry {
  return {
    id: str(doc.id),
    url,
    agent: str(doc.agent) as LibraryEntry['agent'],
    project: str(doc.project),
    title: str(doc.title),
    startedAt: str(doc.startedAt),
    endedAt: str(doc.endedAt),
    model: str(doc.model),
    counts: { ...doc.counts },
  };
}

/** Writes (or refreshes) a session's entry in its shard; unchanged fields are not rewritten. */
export function upsertEntry(lib: LibraryDoc, e: LibraryEntry): void {
  const shard = (lib.shards[shardOf(e.id, LIBRARY_SHARDS)] ??= {});
  const cur = shard[e.id] as unknown as Record<string, unknown> | undefined;
  if (!cur) {
    shard[e.id] = immutableDeep(e) as LibraryEntry;
    return;
  }
  for (const [k, v] of Object.entries(e)) {
    if (k === 'counts') {
      if (JSON.stringify(cur.counts) !== JSON.stringify(v)) cur.counts = { ...(v as object) };
    } else if (str(cur[k]) !== v) cur[k] = immutableDeep(v);
  }
}

/** Records a project and a local path where it was seen. */
export function upsertProject(lib: LibraryDoc, id: string, name: string, path: string): void {
  const p = lib.projects[id];
  if (!p) {
    lib.projects[id] = immutableDeep({
      id,
      name,
      paths: { [path]: true },
    }) as LibraryDoc['projects'][string];
    return;
  }
  if (!p.paths[path]) p.paths[path] = true;
}

/** Every session entry in the library, in no particular order. */
export function allEntries(lib: LibraryDoc): LibraryEntry[] {
  const out: LibraryEntry[] = [];
  for (const shard of Object.values(lib.shards)) for (const e of Object.values(shard)) out.push(e);
  return out;
}
