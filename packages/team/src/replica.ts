import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as A from '@automerge/automerge';
import * as Am from '@automerge/automerge';
import {
  addEntries,
  applyChanges,
  checkChange,
  emptyDoc,
  entriesOf,
  headsOf,
  loadDoc,
  saveDoc,
  type TeamDoc,
} from './doc.js';
import { openEntry, type EntryRejection, type SignedEntry } from './entries.js';
import { TeamIndex } from './index-db.js';

/** Where a team's replica lives in a store home. */
export function teamDir(home: string, teamId: string): string {
  return join(home, 'teams', teamId);
}

/** What receiving a batch of changes did. */
export interface Received {
  /** Changes applied (or already held). */
  readonly applied: number;
  /** Changes refused whole, with why (deleting or overwriting an entry, a foreign structure). */
  readonly refused: string[];
  /** New entries seen. */
  readonly entries: number;
}

function verify(entries: Iterable<[string, Uint8Array]>): {
  signed: SignedEntry[];
  refused: { id: string; reason: EntryRejection }[];
} {
  const signed: SignedEntry[] = [];
  const refused: { id: string; reason: EntryRejection }[] = [];
  for (const [id, bytes] of entries) {
    const r = openEntry(id, bytes);
    if (r.ok) signed.push(r.signed);
    else refused.push({ id, reason: r.reason });
  }
  return { signed, refused };
}

/**
 * One team's local replica: the Automerge team document (`team.automerge`) and its derived
 * index (`index.sqlite`). Every write goes to both; the index remembers the document heads it
 * reflects, so a replica whose index fell behind (a crash between the two) is re-indexed when
 * the document is next loaded.
 */
export class TeamReplica {
  #doc: A.Doc<TeamDoc> | undefined;

  private constructor(
    readonly dir: string,
    readonly index: TeamIndex,
  ) {}

  /** Opens a replica (the index only: the document loads on first use). */
  static open(home: string, teamId: string): TeamReplica {
    const dir = teamDir(home, teamId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const replica = new TeamReplica(dir, new TeamIndex(join(dir, 'index.sqlite')));
    if (replica.index.fresh && existsSync(replica.docFile)) {
      // The outbox went with the index: queue the whole history again (receivers skip duplicates).
      replica.reindex();
      for (const c of Am.getAllChanges(replica.doc)) replica.index.queue(c);
    }
    return replica;
  }

  /** The saved document's path. */
  get docFile(): string {
    return join(this.dir, 'team.automerge');
  }

  /** The document, loaded on first use; the index is brought up to it. */
  get doc(): A.Doc<TeamDoc> {
    if (this.#doc === undefined) {
      this.#doc = existsSync(this.docFile) ? loadDoc(readFileSync(this.docFile)) : emptyDoc();
      if (this.index.meta('heads') !== headsOf(this.#doc).join(',')) this.reindex();
    }
    return this.#doc;
  }

  /** Re-indexes every entry of the document. */
  reindex(): void {
    const doc =
      this.#doc ?? (existsSync(this.docFile) ? loadDoc(readFileSync(this.docFile)) : emptyDoc());
    this.#doc = doc;
    const { signed, refused } = verify(entriesOf(doc).filter(([id]) => !this.index.has(id)));
    this.index.add(signed, refused);
    this.index.setMeta('heads', headsOf(doc).join(','));
  }

  #save(doc: A.Doc<TeamDoc>): void {
    const tmp = `${this.docFile}.tmp`;
    writeFileSync(tmp, saveDoc(doc), { mode: 0o600 });
    renameSync(tmp, this.docFile);
    this.#doc = doc;
  }

  /** Adds entries this device signed. */
  add(entries: readonly { id: string; bytes: Uint8Array }[]): void {
    const next = addEntries(this.doc, entries);
    if (next === this.#doc) return;
    this.#save(next);
    const change = Am.getLastLocalChange(next);
    if (change !== undefined) this.index.queue(change);
    const { signed, refused } = verify(entries.map((e) => [e.id, e.bytes] as [string, Uint8Array]));
    this.index.add(signed, refused);
    this.index.setMeta('heads', headsOf(next).join(','));
  }

  /**
   * Vets and applies changes received from teammates: a change that deletes, overwrites or
   * builds anything but a fresh entry is refused whole; the entries of the others are verified
   * and indexed (signature failures are recorded as refused entries).
   */
  receive(changes: readonly Uint8Array[]): Received {
    const good: Uint8Array[] = [];
    const refused: string[] = [];
    const found: [string, Uint8Array][] = [];
    for (const c of changes) {
      const checked = checkChange(c);
      if (!checked.ok) {
        refused.push(checked.reason);
        continue;
      }
      good.push(c);
      found.push(...checked.entries);
    }
    const before = this.doc;
    const next = applyChanges(before, good);
    if (headsOf(next).join(',') !== headsOf(before).join(',')) this.#save(next);
    else this.#doc = next;
    const fresh = found.filter(([id]) => !this.index.has(id));
    const v = verify(fresh);
    this.index.add(v.signed, v.refused);
    this.index.setMeta('heads', headsOf(next).join(','));
    return { applied: good.length, refused, entries: fresh.length };
  }

  /** Closes the index. */
  close(): void {
    this.index.close();
  }
}
