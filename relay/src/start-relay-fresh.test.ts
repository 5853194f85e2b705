import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay } from './start-relay.js';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('startRelay', () => {
  it('creates a data directory that does not exist yet and keeps its relay id there', async () => {
    const root = mkdtempSync(join(tmpdir(), 'trail-relay-fresh-'));
    made.push(root);
    const dataDir = join(root, 'not', 'yet', 'there');
    const relay = await startRelay({ port: 0, dataDir, log: () => undefined });
    try {
      expect(existsSync(join(dataDir, 'relay-id'))).toBe(true);
      expect(readFileSync(join(dataDir, 'relay-id'), 'utf8').trim()).toBe(relay.relayId);
    } finally {
      await relay.close();
    }
    const again = await startRelay({ port: 0, dataDir, log: () => undefined });
    expect(again.relayId).toBe(relay.relayId);
    await again.close();
  });
});
