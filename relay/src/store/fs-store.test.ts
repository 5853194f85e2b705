import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsMailboxStore } from './fs-store.js';
import { runMailboxStoreTests } from './mailbox-store.contract.js';

runMailboxStoreTests(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'trail-relay-store-'));
  let store = await FsMailboxStore.open({ dir });
  return {
    store,
    reopen: async () => {
      await store.close();
      store = await FsMailboxStore.open({ dir });
      return store;
    },
    teardown: () => rm(dir, { recursive: true, force: true }),
  };
}, '(filesystem)');
