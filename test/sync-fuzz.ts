// A fuzzer for a running relay: many connections sending malformed frames as fast as they can.
import { encodeClientFrame, type ClientFrame } from '@trail/protocol';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/** What a fuzzing run did. */
export interface FuzzStats {
  /** Malformed frames written to open sockets. */
  sent: number;
  /** Connections opened (the relay closes many of them). */
  connections: number;
  /** The highest value `sample` returned while fuzzing (the relay's memory). */
  peakRss: number;
}

function valid(): ClientFrame[] {
  const id = (n: number) => randomBytes(n).toString('base64url');
  return [
    { type: 'hello', protocolVersion: 1, minProtocolVersion: 1 },
    {
      type: 'hello',
      protocolVersion: 1,
      minProtocolVersion: 1,
      space: {
        routingId: id(32) as never,
        authPublicKey: randomBytes(32),
        deviceTag: id(16) as never,
      },
    },
    { type: 'auth', signature: randomBytes(64) },
    { type: 'put', requestId: 7, bundleId: id(12) as never, bytes: randomBytes(200) },
    { type: 'pull', requestId: 8, after: '' as never, limit: 10, excludeOwn: true },
    { type: 'delete', requestId: 9, bundleIds: [id(8) as never] },
    { type: 'invitePut', requestId: 10, invitationId: id(32) as never, bytes: randomBytes(64) },
    { type: 'invitePull', requestId: 11, invitationId: id(32) as never, after: 0 },
  ];
}

/** One malformed frame: random bytes, a mutated valid frame, an unknown type, a text message... */
function malformed(i: number): Uint8Array | string {
  const frames = valid();
  const base = encodeClientFrame(frames[i % frames.length]!);
  switch (i % 7) {
    case 0:
      return randomBytes(1 + (i % 300));
    case 1: {
      const b = Uint8Array.from(base);
      b[i % b.length]! ^= 1 << (i % 8);
      return b;
    }
    case 2:
      return base.subarray(0, Math.max(1, (i * 7) % base.length));
    case 3:
      return Uint8Array.from([...base, ...randomBytes(1 + (i % 40))]);
    case 4:
      return Uint8Array.from([0x70 + (i % 15), ...randomBytes(i % 64)]);
    case 5:
      return i % 2 ? 'not a binary frame' : Uint8Array.from([0x10, 0xff, 0xff, 0xff, 0xff]);
    default:
      return base;
  }
}

/**
 * Opens `connections` sockets to a relay and keeps each busy sending malformed frames,
 * reconnecting whenever the relay closes one, until `frames` frames have been sent.
 */
export function fuzzRelay(
  url: string,
  opts: { frames: number; connections: number; sample?: () => number },
): Promise<FuzzStats> {
  const stats = { sent: 0, connections: 0, peakRss: 0 };
  const sampler = setInterval(
    () => (stats.peakRss = Math.max(stats.peakRss, opts.sample?.() ?? 0)),
    100,
  );
  return new Promise((resolve) => {
    let active = 0;
    const finish = () => {
      if (active > 0) return;
      clearInterval(sampler);
      resolve(stats);
    };
    const open = () => {
      if (stats.sent >= opts.frames) return finish();
      active++;
      stats.connections++;
      const ws = new WebSocket(url);
      ws.on('error', () => undefined);
      ws.on('message', () => undefined);
      let n = stats.connections * 1000;
      const pump = () => {
        while (
          ws.readyState === WebSocket.OPEN &&
          ws.bufferedAmount < 256 * 1024 &&
          stats.sent < opts.frames
        ) {
          ws.send(malformed(n++));
          stats.sent++;
          if (n % 64 === 0) return void setImmediate(pump);
        }
        if (ws.readyState === WebSocket.OPEN && stats.sent < opts.frames) setTimeout(pump, 1);
        else if (stats.sent >= opts.frames) ws.close();
      };
      ws.on('open', pump);
      ws.on('close', () => {
        active--;
        setImmediate(open);
      });
    };
    for (let i = 0; i < opts.connections; i++) open();
  });
}
