// @trail/relay/testing: the contract suite every MailboxStore implementation must pass
// (imports vitest, so it is a separate entry point from the relay itself).
export {
  runMailboxStoreTests,
  type MailboxStoreFixture,
  type MailboxStoreSetup,
} from './store/mailbox-store.contract.js';
