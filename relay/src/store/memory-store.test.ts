import { MemoryMailboxStore } from './memory-store.js';
import { runMailboxStoreTests } from './mailbox-store.contract.js';

runMailboxStoreTests(async () => Promise.resolve({ store: new MemoryMailboxStore() }), '(memory)');
