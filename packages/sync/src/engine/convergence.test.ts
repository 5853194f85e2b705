import * as A from '@automerge/automerge';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import {
  deriveSubkey,
  generateDeviceIdentity,
  keyedHash,
  ready,
  toHex,
  writeKeyFile,
  asSymmetricKey,
  type DeviceIdentity,
} from '@trail/crypto';
import { encodeBlob, openStoreFiles } from '@trail/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../bundle/body.js';
import { openBundle, sealBundle } from '../bundle/seal.js';
import { applyBundle } from '../incoming/apply.js';
import { PartStaging } from '../incoming/parts.js';
import { issueCert } from '../keys/device-cert.js';
import { deviceTag, epochKeys, type EpochKeys } from '../keys/epoch-keys.js';
import { Roster } from '../state/roster.js';
import { SyncState } from '../state/sync-state.js';
import { loadChunks, readChunks } from '../storage-chunks.js';

const DOC_ID = '3ConvergenceDoc111111111';
const secret = randomBytes(32);
const blobKey = () => deriveSubkey(asSymmetricKey(secret), 'blob-ids', 1);
let keys: EpochKeys;
let devices: DeviceIdentity[];
const dirs: string[] = [];

beforeAll(async () => {
  await ready();
  keys = epochKeys(1, randomBytes(32));
  devices = [generateDeviceIdentity(), generateDeviceIdentity(), generateDeviceIdentity()];
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Op = { device: number; kind: 'tag' | 'status' | 'event' | 'cut'; value: string };
const op = fc.record({
  device: fc.nat(2),
  kind: fc.constantFrom('tag', 'status', 'event', 'cut'),
  value: fc.stringMatching(/^[a-z]{1,6}$/),
}) as fc.Arbitrary<Op>;

/** Three devices edit one document from a shared genesis; every edit run becomes a bundle. */
function bundlesFor(ops: Op[]): {
  bundles: { id: string; tag: string; bytes: Uint8Array }[];
  reference: A.Doc<unknown>;
  blobs: string[];
} {
  const genesis = A.save(
    A.change(A.init({ actor: '00'.repeat(16) }), { time: 0 }, (d: Record<string, unknown>) =>
      Object.assign(d, { tags: {}, events: [], status: '' }),
    ),
  );
  const docs = devices.map((_, i) =>
    A.load<Record<string, unknown>>(genesis, { actor: `0${i + 1}`.repeat(16) }),
  );
  // Each device's first upload carries the (byte-identical) genesis too, as real first uploads do.
  const marks: A.Heads[] = docs.map(() => []);
  const bundles: { id: string; tag: string; bytes: Uint8Array }[] = [];
  const blobs: string[] = [];
  const cut = (i: number) => {
    const bytes = A.saveSince(docs[i]!, marks[i]!);
    marks[i] = A.getHeads(docs[i]!);
    if (bytes.length === 0) return;
    const text = `blob from device ${i} #${bundles.length}`;
    const hash = toHex(keyedHash(blobKey(), text, 32));
    blobs.push(hash);
    const entries: Entry[] = [
      {
        kind: 'doc',
        docId: DOC_ID,
        heads: [],
        digest: createHash('sha256').update(bytes).digest('hex'),
        part: 0,
        parts: 1,
        bytes,
      },
      { kind: 'blob', hash, part: 0, parts: 1, bytes: encodeBlob(Buffer.from(text)) },
    ];
    const id = `b${bundles.length}`;
    const sender = devices[i]!;
    bundles.push({
      id,
      tag: deviceTag(keys, sender.deviceId),
      bytes: sealBundle(keys, sender, {
        bundleId: id,
        epoch: 1,
        sender: sender.deviceId,
        createdAt: 0,
        certs: [],
        entries,
      }),
    });
  };
  for (const o of ops) {
    const i = o.device;
    if (o.kind === 'cut') cut(i);
    else
      docs[i] = A.change(docs[i]!, (d: Record<string, unknown>) => {
        if (o.kind === 'tag') (d.tags as Record<string, boolean>)[o.value] = true;
        if (o.kind === 'status') d.status = o.value;
        if (o.kind === 'event') (d.events as string[]).push(o.value);
      });
  }
  devices.forEach((_, i) => cut(i));
  const reference = docs.reduce((a, b) => A.merge(A.clone(a), b));
  return { bundles, reference, blobs: [...new Set(blobs)].sort() };
}

async function replica(bundles: { id: string; tag: string; bytes: Uint8Array }[]) {
  const home = mkdtempSync(join(tmpdir(), 'trail-converge-'));
  dirs.push(home);
  await writeKeyFile(join(home, 'keys', 'space.key'), {
    version: 1,
    kind: 'trail/space-key',
    key: toHex(secret),
  });
  const store = await openStoreFiles({ home });
  const state = new SyncState(join(home, 'sync', 'state.sqlite'));
  const roster = new Roster(state.db);
  roster.trust(issueCert(devices[0]!, devices[0]!, 'one', 0));
  roster.admit(devices.slice(1).map((d, i) => issueCert(devices[0]!, d, `d${i}`, 0)));
  const target = {
    store,
    state,
    roster,
    staging: new PartStaging(join(home, 'parts')),
    relay: 'r',
    epoch: 1,
    library: { id: store.libraryId, generation: 0 },
    onBadContent: () => undefined,
    onRotation: () => Promise.resolve(),
  };
  try {
    for (const b of bundles)
      await applyBundle(target, openBundle(keys, b.id, b.tag, b.bytes), b.id);
    const doc = loadChunks(await readChunks(store.storage, DOC_ID));
    return {
      heads: doc ? [...A.getHeads(doc)].sort() : [],
      value: doc ? A.toJS(doc) : undefined,
      blobs: store.blobs.list().sort(),
    };
  } finally {
    state.close();
    await store.close();
  }
}

describe('replicas applying the same bundles', () => {
  it('converge to the same document and blobs whatever the order they receive them in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 25 }),
        fc.infiniteStream(fc.nat()),
        async (ops, random) => {
          const { bundles, reference, blobs } = bundlesFor(ops);
          const shuffled = (xs: typeof bundles) =>
            xs
              .map((b) => ({ b, k: random.next().value as number }))
              .sort((x, y) => x.k - y.k)
              .map((x) => x.b);
          const [one, two] = [await replica(shuffled(bundles)), await replica(shuffled(bundles))];
          const expected = {
            heads: [...A.getHeads(reference)].sort(),
            value: A.toJS(reference),
            blobs,
          };
          expect(one).toEqual(expected);
          expect(two).toEqual(expected);
        },
      ),
      { numRuns: 12 },
    );
  });
});
