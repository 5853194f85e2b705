export { resolveHome, storePaths, type StorePaths } from './home.js';
export { acquireWriteLock, type WriteLock } from './lock.js';
export {
  MemoryBlobStore,
  encodeBlob,
  decodeBlob,
  type BlobStore,
  type BlobHasher,
} from './blobs.js';
export { FsBlobStore } from './fs-blobs.js';
export { AtomicFsStorageAdapter } from './fs-storage.js';
export { openJournal, type ChangeJournal } from './journal.js';
export { documentIdFrom, urlOf } from './automerge.js';
export { docIdBytes, type StoreKeys } from './keys.js';
export { Store, STORE_FORMAT, writeMeta, type OpenOptions, type SessionWrite } from './store.js';
export { openStoreFiles, type StoreFiles } from './store-files.js';
export { resolveProject, type ResolvedProject } from './project-resolve.js';
export { countEvents, sessionGenesis } from './session-writer.js';
export { sessionDocId, sessionGeneration, libraryDocId, libraryGeneration } from './generation.js';
export { loadStored, persist, persistBackend, type LoadedDoc } from './doc-io.js';
export { genesis } from './automerge.js';
export { blobsOf } from './to-doc.js';
export { entryOf, upsertEntry, libraryGenesis } from './library.js';
export { immutableDeep } from './immutable.js';
export { toPlain } from './immutable.js';
export { str } from './automerge.js';
export * from './spool.js';
export * from './query/index.js';
