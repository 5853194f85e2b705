import { createHash } from 'node:crypto';
import * as A from '@automerge/automerge';
import {
  Repo,
  parseAutomergeUrl,
  stringifyAutomergeUrl,
  type AutomergeUrl,
  type DocHandle,
  type DocumentId,
  type BinaryDocumentId,
} from '@automerge/automerge-repo';
import { AtomicFsStorageAdapter } from './fs-storage.js';
import { putValue, type Backend } from './backend.js';

export type { Backend } from './backend.js';

export { A };

/** Opens automerge-repo over the store's nodefs directory, with no network attached. */
export function openRepo(
  dir: string,
  journal?: ConstructorParameters<typeof AtomicFsStorageAdapter>[1],
): { repo: Repo; storage: AtomicFsStorageAdapter } {
  const storage = new AtomicFsStorageAdapter(dir, journal);
  return { repo: repoOver(storage), storage };
}

/** automerge-repo over an already opened storage adapter, with no network attached. */
export function repoOver(storage: AtomicFsStorageAdapter): Repo {
  return new Repo({ storage, network: [], sharePolicy: () => Promise.resolve(false) });
}

/** The automerge document id for 16 bytes of deterministic id material. */
export function documentIdFrom(bytes: Uint8Array): DocumentId {
  // stringify accepts the binary form; parse gives back its canonical string id
  return parseAutomergeUrl(
    stringifyAutomergeUrl({ documentId: bytes.slice(0, 16) as BinaryDocumentId }),
  ).documentId;
}

/** The automerge URL of a document id. */
export function urlOf(id: DocumentId): AutomergeUrl {
  return stringifyAutomergeUrl({ documentId: id });
}

const GENESIS_ACTOR = '7472616966000000000000000000000000000000'.slice(0, 32);

/**
 * A document's first change, byte-identical on every device: same actor, no timestamp.
 * Two devices that create the same session independently therefore share its root
 * objects, and their later edits merge instead of shadowing each other.
 */
export function genesis<T extends Record<string, unknown>>(initial: T): Uint8Array {
  const h = genesisBackend(initial);
  try {
    return h.save();
  } finally {
    h.free();
  }
}

/** An empty document that genesis handles are forked from. */
let empty: Backend | undefined;

/**
 * The handle of a document holding just its {@link genesis} change, built with the calls
 * `Object.assign(d, initial)` makes inside `A.change` (so the same bytes), but without
 * materialising the document into JavaScript objects, which nothing reads.
 */
export function genesisBackend(initial: Record<string, unknown>): Backend {
  empty ??= A.getBackend(A.init({ actor: GENESIS_ACTOR }));
  // forking an empty document is ~10x cheaper than A.init, which also materialises a root
  const h = empty.fork(GENESIS_ACTOR);
  for (const [k, v] of Object.entries(initial)) putValue(h, '_root', k, v, 'text');
  h.commit('genesis', undefined);
  return h;
}

/**
 * Finds a document by id, creating it from its genesis when storage has never seen it.
 * The genesis is written straight into storage as an incremental chunk named by its hash
 * (the same name on every device), then loaded like any stored document: automerge-repo's
 * `import` with a fixed id leaves the handle empty in 2.5.
 */
export async function findOrCreate<T>(
  repo: Repo,
  storage: AtomicFsStorageAdapter,
  id: DocumentId,
  initial: () => Record<string, unknown>,
): Promise<DocHandle<T>> {
  const stored = await storage.loadRange([id]);
  if (stored.length === 0) {
    const bytes = genesis(initial());
    await storage.save(
      [id, 'incremental', createHash('sha256').update(bytes).digest('hex')],
      bytes,
    );
  }
  return repo.find<T>(id);
}

/** Plain text of an immutable or collaborative string field (or '' when absent). */
export function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : v instanceof A.ImmutableString ? v.val : JSON.stringify(v);
}

/** Wraps recorded text so Automerge stores it as one atomic value, not collaborative Text. */
export function imm(s: string): A.ImmutableString {
  return new A.ImmutableString(s);
}
