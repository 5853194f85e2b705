import type { BundleId, Cursor, SpaceCredentials } from '@trail/protocol';
import {
  authChallengeMessage,
  decodeRelayFrame,
  encodeClientFrame,
  START_CURSOR,
} from '@trail/protocol';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { events, connect, testRelay, waitFor } from './test-support/harness.js';
import { FuzzSource, prng } from './test-support/fuzz-frames.js';
import { device, newSpace } from './test-support/keys.js';

const TARGET_FRAMES = 100_000;
const WORKERS = 8;
const FRAMES_PER_CONNECTION = 150;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function resources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo())
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

function atMost(now: Map<string, number>, baseline: Map<string, number>): boolean {
  return [...now].every(([kind, count]) => count <= (baseline.get(kind) ?? 0));
}

interface Tally {
  sent: number;
  connections: number;
  undecodable: number;
}

/** One hostile connection: maybe a valid handshake, then a burst of hostile frames, then an abrupt or polite exit. */
async function hostileConnection(
  url: string,
  fuzz: FuzzSource,
  space: SpaceCredentials,
  tally: Tally,
): Promise<void> {
  const ws = new WebSocket(url, { maxPayload: 64 << 20 });
  ws.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  const received: Uint8Array[] = [];
  let challenge: ((bytes: Uint8Array) => void) | undefined;
  ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data);
    try {
      decodeRelayFrame(bytes);
    } catch {
      tally.undecodable++;
    }
    if (challenge !== undefined) challenge(bytes);
    else if (received.length < 4) received.push(bytes);
  });
  if (
    !(await Promise.race([
      new Promise<boolean>((r) => ws.once('open', () => r(true))),
      closed.then(() => false),
    ]))
  )
    return;
  tally.connections++;
  const send = (data: Uint8Array | string) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(data);
    tally.sent++;
  };

  const kind = fuzz.int(10);
  if (kind < 7) {
    // Authenticated, then frames that decode (or have unknown types): the relay must answer each.
    const { routingId, authPublicKey, deviceTag } = space;
    const frames: Uint8Array[] = [];
    const gotChallenge = new Promise<Uint8Array>((resolve) => (challenge = resolve));
    send(
      encodeClientFrame({
        type: 'hello',
        protocolVersion: 1,
        minProtocolVersion: 1,
        space: { routingId, authPublicKey, deviceTag },
      }),
    );
    const first = await Promise.race([gotChallenge, closed.then(() => undefined)]);
    challenge = undefined;
    const frame = first === undefined ? undefined : decodeRelayFrame(first);
    if (frame?.type === 'challenge') {
      send(
        encodeClientFrame({
          type: 'auth',
          signature: await space.sign(authChallengeMessage({ ...frame, ...space })),
        }),
      );
    }
    for (let i = 0; i < FRAMES_PER_CONNECTION; i++) {
      frames.push(fuzz.int(3) === 0 ? fuzz.unknownType() : encodeClientFrame(fuzz.request()));
    }
    if (fuzz.int(4) === 0) frames.push(fuzz.malformed() as Uint8Array);
    for (const f of frames) send(f);
  } else {
    // Unauthenticated noise: random hellos with bad signatures, wrong-state frames, garbage.
    if (fuzz.int(2) === 0) send(encodeClientFrame(fuzz.hello()));
    for (let i = 0; i < 40; i++) {
      const pick = fuzz.int(4);
      if (pick === 0) send(encodeClientFrame({ type: 'auth', signature: fuzz.bytes(64) }));
      else if (pick === 1) send(encodeClientFrame(fuzz.request()));
      else send(fuzz.malformed());
    }
  }
  await new Promise((resolve) => setImmediate(resolve));
  if (fuzz.int(2) === 0) ws.terminate();
  else ws.close();
  await closed;
}

describe('hostile input', () => {
  it(`stays up and leaks nothing under ${TARGET_FRAMES.toLocaleString('en')} hostile frames while a good client keeps working`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    let framesRead = 0;
    const errorCodes = new Map<string, number>();
    const relay = await testRelay(
      {
        maxConnectionsPerIp: 256,
        spaceRegistrationsPerIpPerHour: 100_000,
        messagesPerSecond: 1000,
        messageBurst: 400,
        spaceQuotaBytes: 16 << 20,
      },
      {
        logLevel: 'info',
        log: (record) => {
          if (record.event === 'disconnect') framesRead += Number(record.frames);
          if (typeof record.code === 'string')
            errorCodes.set(record.code, (errorCodes.get(record.code) ?? 0) + 1);
        },
      },
    );
    const goodSpace = newSpace();
    const good = await connect(relay, device(goodSpace, 'good'));
    const peer = await connect(relay, device(goodSpace, 'peer'));
    const forwards = events(peer, 'forwarded');
    await good.put('warm-up' as BundleId, new Uint8Array(1));
    const start = (await good.pull()).cursor;

    const baselineResources = resources();
    const baselineHeap = heapUsed();

    const tally: Tally = { sent: 0, connections: 0, undecodable: 0 };
    let fuzzing = true;
    const workers = Array.from({ length: WORKERS }, async (_, w) => {
      const fuzz = new FuzzSource(prng(seed + w));
      const space = device(newSpace(), `fuzzer${w}`);
      while (framesRead < TARGET_FRAMES) await hostileConnection(relay.url, fuzz, space, tally);
    });

    const goodWork = (async () => {
      let cursor: Cursor = start;
      let round = 0;
      const stored: string[] = [];
      while (fuzzing || round < 5) {
        const payload = new Uint8Array(4096).fill(round % 256);
        await good.put(`good-${round}` as BundleId, payload);
        stored.push(`good-${round}`);
        const page = await good.pull({ after: cursor });
        for (const bundle of page.bundles)
          expect(bundle.bytes[0]).toBe(Number(bundle.bundleId.split('-')[1]) % 256);
        cursor = page.cursor;
        good.forward(Uint8Array.of(round % 256));
        round++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return stored;
    })();

    const fuzzed = Promise.all(workers).then(() => void (fuzzing = false));
    const [stored] = await Promise.all([goodWork, fuzzed]);

    expect(framesRead).toBeGreaterThanOrEqual(TARGET_FRAMES);
    expect(tally.undecodable).toBe(0);
    const all = [];
    for (let after: Cursor = START_CURSOR, more = true; more;) {
      const page = await good.pull({ after });
      all.push(...page.bundles.map((b) => b.bundleId));
      ({ cursor: after, more } = page);
    }
    expect(all).toEqual(['warm-up', ...stored]);
    await waitFor(() => forwards.length === stored.length, 'every forward delivered to the peer');

    // Still serving new clients.
    const late = await connect(relay, device(newSpace(), 'late'));
    await late.put('after-fuzz' as BundleId, new Uint8Array(8));
    await late.close();

    // Every hostile connection is gone and took its sockets and timers with it.
    await waitFor(() => relay.stats().connections === 2, 'hostile connections to close', 30_000);
    expect(relay.stats().spacesOnline).toBe(1);
    expect(relay.stats().invitations).toBeLessThanOrEqual(relay.limits.maxInvitations);
    await waitFor(() => atMost(resources(), baselineResources), 'handles back to baseline', 30_000);
    expect(heapUsed() - baselineHeap).toBeLessThan(64 << 20);
    expect(good.state).toBe('open');
    console.info(
      `fuzz seed ${seed}: ${tally.sent} frames sent over ${tally.connections} connections, ${framesRead} read by the relay, ` +
        `good client ${stored.length} rounds; logged codes ${JSON.stringify(Object.fromEntries(errorCodes))}`,
    );
  });
});
