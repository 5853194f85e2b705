import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { runStorageAdapterTests } from '@automerge/automerge-repo/helpers/tests/storage-adapter-tests.js';
import { AtomicFsStorageAdapter } from './fs-storage.js';

describe('AtomicFsStorageAdapter', () => {
  runStorageAdapterTests(() => {
    const dir = mkdtempSync(join(tmpdir(), 'trail-storage-'));
    return Promise.resolve({
      adapter: new AtomicFsStorageAdapter(dir),
      teardown: () => rmSync(dir, { recursive: true, force: true }),
    });
  });
});
