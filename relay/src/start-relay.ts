import type { RelayId } from '@trail/protocol';
import { isValidId } from '@trail/protocol';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { RelayConfigError } from './config-error.js';
import { resolveLimits, sessionLimits, type RelayLimits } from './limits.js';
import { createLogger, stderrJsonSink, type LogLevel, type LogSink } from './logger.js';
import { loadOrCreateRelayId, randomRelayId } from './relay-id.js';
import { clientAddress, ConnectionGate, refuseUpgrade } from './server/connection-gate.js';
import type { RelayContext } from './server/context.js';
import { dispatch } from './server/dispatch.js';
import { InvitationBoard } from './server/invitation-board.js';
import { KeyedRateLimiter } from './server/keyed-rate-limiter.js';
import { Session } from './server/session.js';
import { SpaceHub } from './server/space-hub.js';
import { FsMailboxStore } from './store/fs-store.js';
import type { MailboxStore } from './store/mailbox-store.js';
import { MemoryMailboxStore } from './store/memory-store.js';

/** How to run a relay. Everything is optional: the defaults give a local in-memory relay. */
export interface RelayOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; default 127.0.0.1. Use 0.0.0.0 to serve other machines. */
  readonly host?: string;
  /** Keep mailboxes durably in this directory (a FsMailboxStore, locked while running). */
  readonly dataDir?: string;
  /** Use this store instead (the caller owns it: `close()` leaves it open). */
  readonly store?: MailboxStore;
  /** The relay's id; default kept in `<dataDir>/relay-id`, or random per process. */
  readonly relayId?: string;
  /** Overrides of DEFAULT_LIMITS. */
  readonly limits?: Partial<RelayLimits>;
  /** Where log events go; default JSON lines on stderr. */
  readonly log?: LogSink;
  readonly logLevel?: LogLevel | 'silent';
  /** Take the client address from X-Forwarded-For (only behind a proxy you control). */
  readonly trustProxy?: boolean;
  /** Wall clock, ms since the epoch (tests inject one to exercise expiry). */
  readonly now?: () => number;
}

/** Counters for monitoring and tests. */
export interface RelayStats {
  /** Open WebSocket connections (including ones still in the handshake). */
  readonly connections: number;
  /** Spaces with at least one connection. */
  readonly spacesOnline: number;
  /** Live invitation mailboxes. */
  readonly invitations: number;
}

/** A running relay. */
export interface RunningRelay {
  readonly port: number;
  /** `ws://host:port` */
  readonly url: string;
  readonly relayId: RelayId;
  readonly limits: RelayLimits;
  stats(): RelayStats;
  /** Runs bundle expiry now (it also runs every expiryIntervalMs); resolves with the count. */
  expireNow(): Promise<number>;
  /** Stops accepting, lets requests in flight finish, closes every connection and the store. */
  close(): Promise<void>;
}

/** How long shutdown waits for requests in flight before cutting connections. */
const SHUTDOWN_GRACE_MS = 5_000;
/** At most one log line per this interval for refused connections. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

function healthCheck(request: IncomingMessage, response: ServerResponse): void {
  if (request.method === 'GET' && request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}\n');
    return;
  }
  response
    .writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' })
    .end('upgrade required\n');
}

async function openStore(
  options: RelayOptions,
  warn: (event: string, fields: Record<string, string | number>) => void,
) {
  if (options.store !== undefined) return { store: options.store, owned: false };
  if (options.dataDir === undefined) return { store: new MemoryMailboxStore(), owned: true };
  await mkdir(options.dataDir, { recursive: true });
  return {
    store: await FsMailboxStore.open({ dir: options.dataDir, onWarning: warn }),
    owned: true,
  };
}

async function chooseRelayId(options: RelayOptions): Promise<RelayId> {
  if (options.relayId !== undefined) {
    if (!isValidId('relayId', options.relayId))
      throw new RelayConfigError('relayId must be 1-64 base64url characters');
    return options.relayId as RelayId;
  }
  if (options.dataDir === undefined) return randomRelayId();
  // the id is kept beside the mailbox: a fresh data directory must exist before it is written
  await mkdir(options.dataDir, { recursive: true });
  return loadOrCreateRelayId(options.dataDir);
}

/**
 * Starts a relay: an HTTP server that upgrades to WebSocket (binary frames of
 * @trail/protocol), a mailbox store, heartbeats and expiry. Used by `trail-relay`, the
 * CLI's `trail relay`, and tests.
 */
export async function startRelay(options: RelayOptions = {}): Promise<RunningRelay> {
  const limits = resolveLimits(options.limits);
  const log = createLogger(options.log ?? stderrJsonSink(), options.logLevel ?? 'info');
  const now = options.now ?? Date.now;
  const relayId = await chooseRelayId(options);
  const { store, owned } = await openStore(options, (event, fields) => log.warn(event, fields));
  const board = new InvitationBoard({
    ttlMs: limits.invitationTtlMs,
    maxMessages: limits.invitationMaxMessages,
    maxMessageBytes: limits.invitationMaxMessageBytes,
    maxInvitations: limits.maxInvitations,
    maxTotalBytes: limits.maxInvitationBytes,
    maxWatchesPerConnection: limits.maxInvitationWatches,
  });
  const ctx: RelayContext = {
    relayId,
    limits,
    sessionLimits: sessionLimits(limits),
    store,
    hub: new SpaceHub(limits.maxConnectionsPerSpace),
    board,
    log,
    now,
    registrations: new KeyedRateLimiter(limits.spaceRegistrationsPerIpPerHour),
    invitations: new KeyedRateLimiter(limits.invitationsPerIpPerHour),
    inflight: { bytes: 0 },
  };
  const gate = new ConnectionGate(limits.maxConnections, limits.maxConnectionsPerIp);
  const sessions = new Set<Session>();
  let nextId = 1;
  let closing: Promise<void> | undefined;
  let onEmpty: (() => void) | undefined;
  let refused = 0;
  let lastRefusalLog = 0;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const server = createServer(healthCheck);
  server.maxConnections = limits.maxConnections + 64;

  function adopt(ws: WebSocket, ip: string): void {
    const session = new Session(ctx, ws, nextId++, ip, dispatch, (s) => {
      sessions.delete(s);
      gate.release(s.ip);
      if (sessions.size === 0) onEmpty?.();
    });
    sessions.add(session);
    session.start();
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const ip = clientAddress(request, options.trustProxy ?? false);
    const refusal = closing !== undefined ? 'shutting_down' : gate.admit(ip);
    if (refusal !== undefined) {
      // A connection flood must not become a log flood: one line per 10 s, with a count.
      refused++;
      const t = performance.now();
      if (t - lastRefusalLog >= REFUSAL_LOG_INTERVAL_MS || lastRefusalLog === 0) {
        log.info('limit', { limit: refusal, ip, refused });
        refused = 0;
        lastRefusalLog = t;
      }
      return refuseUpgrade(socket, refusal);
    }
    // If the upgrade itself fails (bad headers), ws closes the socket without a callback.
    let adopted = false;
    socket.once('close', () => adopted || gate.release(ip));
    wss.handleUpgrade(request, socket, head, (ws) => {
      adopted = true;
      adopt(ws, ip);
    });
  });

  const sweepMs = Math.max(10, Math.min(5_000, Math.floor(limits.idleTimeoutMs / 4)));
  const heartbeat = setInterval(() => {
    const t = performance.now();
    for (const session of sessions) {
      const idle = t - session.lastSeen;
      if (idle > limits.idleTimeoutMs) session.terminate('idle_timeout');
      else if (idle > limits.idleTimeoutMs / 2 && session.ws.readyState === session.ws.OPEN)
        session.ws.ping();
    }
    board.expire(now());
    ctx.registrations.prune(t);
    ctx.invitations.prune(t);
  }, sweepMs);

  let expiring: Promise<number> | undefined;
  function expireNow(): Promise<number> {
    expiring ??= store
      .expire(now() - limits.bundleTtlMs)
      .then((count) => {
        if (count > 0) log.info('expired', { bundles: count });
        return count;
      })
      .finally(() => (expiring = undefined));
    return expiring;
  }
  const expiry = setInterval(() => {
    expireNow().catch((error: unknown) => log.error('expiry_failed', { message: String(error) }));
  }, limits.expiryIntervalMs);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    clearInterval(expiry);
    if (owned) await store.close();
    throw error;
  }
  server.on('error', (error) => log.error('server_error', { message: error.message }));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  log.info('listening', { port: address.port, host: address.address, relayId });

  async function shutdown(): Promise<void> {
    log.info('shutdown', { connections: sessions.size });
    clearInterval(heartbeat);
    clearInterval(expiry);
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    const drained = new Promise<void>((resolve) => {
      onEmpty = resolve;
      if (sessions.size === 0) resolve();
    });
    // Requests already received get their answers; after a grace period, stragglers are cut.
    let grace: ReturnType<typeof setTimeout> | undefined;
    const graceOver = new Promise<void>((resolve) => {
      grace = setTimeout(() => {
        sessions.forEach((s) => s.terminate('shutdown'));
        resolve();
      }, SHUTDOWN_GRACE_MS);
    });
    await Promise.race([Promise.all([...sessions].map((s) => s.drain())), graceOver]);
    await drained;
    clearTimeout(grace);
    server.closeAllConnections();
    await serverClosed;
    await expiring?.catch(() => undefined);
    wss.close();
    board.clear();
    if (owned) await store.close();
    log.info('stopped', {});
  }

  return {
    port: address.port,
    url: `ws://${host}:${address.port}`,
    relayId,
    limits,
    stats: () => ({
      connections: gate.total,
      spacesOnline: ctx.hub.spaces,
      invitations: board.size.invitations,
    }),
    expireNow,
    close: () => (closing ??= shutdown()),
  };
}
