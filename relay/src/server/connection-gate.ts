import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** Why an upgrade was refused, and the HTTP status that says so. */
export const REFUSALS = {
  too_many_connections: { status: 503, text: 'Service Unavailable' },
  too_many_connections_per_ip: { status: 429, text: 'Too Many Requests' },
  shutting_down: { status: 503, text: 'Service Unavailable' },
} as const;

/** A reason from REFUSALS. */
export type Refusal = keyof typeof REFUSALS;

/**
 * Counts connections in total and per IP address, before the WebSocket upgrade, so a flood
 * is refused with a plain HTTP status instead of costing a WebSocket session each.
 */
export class ConnectionGate {
  readonly #perIp = new Map<string, number>();
  #total = 0;

  constructor(
    readonly maxTotal: number,
    readonly maxPerIp: number,
  ) {}

  /** Connections counted now. */
  get total(): number {
    return this.#total;
  }

  /** Distinct IP addresses counted now. */
  get addresses(): number {
    return this.#perIp.size;
  }

  /** Reserves a slot for `ip`, or says why not. */
  admit(ip: string): Refusal | undefined {
    if (this.#total >= this.maxTotal) return 'too_many_connections';
    const count = this.#perIp.get(ip) ?? 0;
    if (count >= this.maxPerIp) return 'too_many_connections_per_ip';
    this.#total++;
    this.#perIp.set(ip, count + 1);
    return undefined;
  }

  /** Gives back a slot reserved by `admit`. */
  release(ip: string): void {
    const count = this.#perIp.get(ip);
    if (count === undefined) return;
    this.#total--;
    if (count <= 1) this.#perIp.delete(ip);
    else this.#perIp.set(ip, count - 1);
  }
}

/** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const header = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  const raw =
    trustProxy && header !== undefined
      ? header.split(',')[0]!.trim()
      : request.socket.remoteAddress;
  const address = raw ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Answers an upgrade request with an HTTP error naming the refusal, then closes. */
export function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const { status, text } = REFUSALS[refusal];
  const body = `${refusal}\n`;
  socket.on('error', () => undefined);
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `X-Trail-Error: ${refusal}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
}
