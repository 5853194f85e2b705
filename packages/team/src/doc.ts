import * as A from '@automerge/automerge';

/** The team document: one flat map, entry id → signed entry bytes. Writers only ever add keys. */
export type TeamDoc = Record<string, Uint8Array>;

const ENTRY_KEY = /^[0-9a-f]{32}$/;

/** A new, empty team document (each replica starts here; changes carry everything). */
export function emptyDoc(): A.Doc<TeamDoc> {
  return A.init<TeamDoc>();
}

/** Adds signed entries (ones already present are skipped, so a key is never written twice). */
export function addEntries(
  doc: A.Doc<TeamDoc>,
  entries: readonly { id: string; bytes: Uint8Array }[],
): A.Doc<TeamDoc> {
  const fresh = entries.filter((e) => doc[e.id] === undefined);
  if (fresh.length === 0) return doc;
  return A.change(doc, { time: 0 }, (d) => {
    for (const e of fresh) d[e.id] = e.bytes;
  });
}

/** Every entry of the document. */
export function entriesOf(doc: A.Doc<TeamDoc>): [string, Uint8Array][] {
  return Object.entries(doc).map(([k, v]) => [k, v instanceof Uint8Array ? v : new Uint8Array(0)]);
}

/** What a received change adds, or why it is refused whole. */
export type CheckedChange =
  { ok: true; hash: string; entries: [string, Uint8Array][] } | { ok: false; reason: string };

/**
 * Vets a change before it is applied: every operation must put a byte value under a fresh key
 * of the root map. A change that deletes or overwrites an entry, or builds any other structure,
 * is refused: members may add entries, never remove or alter another member's.
 */
export function checkChange(change: Uint8Array): CheckedChange {
  let decoded: A.DecodedChange;
  try {
    decoded = A.decodeChange(change);
  } catch {
    return { ok: false, reason: 'not an Automerge change' };
  }
  const entries: [string, Uint8Array][] = [];
  for (const op of decoded.ops) {
    if (op.action !== 'set' || op.obj !== '_root')
      return { ok: false, reason: `it tries to ${op.action} in the team document` };
    if (op.pred.length > 0) return { ok: false, reason: 'it overwrites an existing entry' };
    const value = op.value as unknown;
    if (typeof op.key !== 'string' || !ENTRY_KEY.test(op.key))
      return { ok: false, reason: 'it writes a key that is not an entry id' };
    if (value instanceof Uint8Array) entries.push([op.key, value]);
    else if (Array.isArray(value) && value.every((b) => typeof b === 'number'))
      entries.push([op.key, Uint8Array.from(value)]);
    else return { ok: false, reason: 'it writes a value that is not a signed entry' };
  }
  return { ok: true, hash: decoded.hash, entries };
}

/** Changes of `doc` that are not in the document at `heads` (all of them for no heads). */
export function changesSince(doc: A.Doc<TeamDoc>, heads: readonly string[]): Uint8Array[] {
  if (heads.length === 0) return A.getAllChanges(doc);
  return A.getChanges(A.view(doc, heads as A.Heads), doc);
}

/** Whether the document holds every change named by `heads`. */
export function hasHeads(doc: A.Doc<TeamDoc>, heads: readonly string[]): boolean {
  return A.hasHeads(doc, heads as A.Heads);
}

/** Length-prefixed list of changes (u32 count, then u32 length and bytes of each). */
export function encodeChanges(changes: readonly Uint8Array[]): Uint8Array {
  let size = 4;
  for (const c of changes) size += 4 + c.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, changes.length);
  let at = 4;
  for (const c of changes) {
    view.setUint32(at, c.length);
    out.set(c, at + 4);
    at += 4 + c.length;
  }
  return out;
}

/** Parses {@link encodeChanges}; undefined when the bytes are not such a list. */
export function decodeChanges(bytes: Uint8Array): Uint8Array[] | undefined {
  if (bytes.length < 4) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(0);
  const out: Uint8Array[] = [];
  let at = 4;
  for (let i = 0; i < n; i++) {
    if (at + 4 > bytes.length) return undefined;
    const len = view.getUint32(at);
    if (at + 4 + len > bytes.length) return undefined;
    out.push(bytes.slice(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return at === bytes.length ? out : undefined;
}

/** Applies vetted changes (ones whose dependencies are missing wait inside the document). */
export function applyChanges(doc: A.Doc<TeamDoc>, changes: readonly Uint8Array[]): A.Doc<TeamDoc> {
  if (changes.length === 0) return doc;
  return A.applyChanges(doc, changes as Uint8Array[])[0];
}

/** The document's heads. */
export function headsOf(doc: A.Doc<TeamDoc>): string[] {
  return [...A.getHeads(doc)];
}

/** Saves the whole document. */
export function saveDoc(doc: A.Doc<TeamDoc>): Uint8Array {
  return A.save(doc);
}

/** Loads a saved document. */
export function loadDoc(bytes: Uint8Array): A.Doc<TeamDoc> {
  return A.load<TeamDoc>(bytes);
}
