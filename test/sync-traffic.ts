// A TCP proxy that records every byte between sync clients and a relay, and a WebSocket frame
// reader that unmasks what clients sent, so tests can search the traffic as the wire carries it.
import { createServer, connect, type Server, type Socket } from 'node:net';

/** Bytes seen on the wire, per direction, per connection. */
export interface Capture {
  readonly toRelay: Buffer[];
  readonly toClient: Buffer[];
}

/** A recording proxy in front of a relay. */
export interface RecordingProxy {
  readonly url: string;
  readonly connections: Capture[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 and forwards every connection to `target` (host:port), recording both ways. */
export async function recordingProxy(targetPort: number): Promise<RecordingProxy> {
  const connections: Capture[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const capture: Capture = { toRelay: [], toClient: [] };
    connections.push(capture);
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (d: Buffer) => {
      capture.toRelay.push(Buffer.from(d));
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      capture.toClient.push(Buffer.from(d));
      client.write(d);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    connections,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The payloads of the WebSocket frames in one direction of a connection, unmasked (clients
 * mask what they send, so a plain byte search of client traffic would miss plaintext).
 */
export function websocketPayloads(stream: Buffer): Buffer[] {
  const headerEnd = stream.indexOf('\r\n\r\n');
  let at = headerEnd < 0 ? stream.length : headerEnd + 4;
  const out: Buffer[] = [];
  while (at + 2 <= stream.length) {
    const masked = (stream[at + 1]! & 0x80) !== 0;
    let length = stream[at + 1]! & 0x7f;
    let p = at + 2;
    if (length === 126) {
      length = stream.readUInt16BE(p);
      p += 2;
    } else if (length === 127) {
      length = Number(stream.readBigUInt64BE(p));
      p += 8;
    }
    const mask = masked ? stream.subarray(p, p + 4) : undefined;
    if (masked) p += 4;
    if (p + length > stream.length) break;
    const payload = Buffer.from(stream.subarray(p, p + length));
    if (mask !== undefined) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    out.push(payload);
    at = p + length;
  }
  return out;
}
