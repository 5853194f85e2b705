import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LIMIT_NAMES, startRelay, type RelayLimits } from '@trail/relay';
import { homeOf } from '../context.js';
import { info, out, printJson, type GlobalOptions } from '../output.js';

interface RelayOptions extends GlobalOptions {
  port?: string;
  host?: string;
  data?: string;
  memory?: boolean;
  limit?: string[];
}

function limits(pairs: string[] = []): Partial<RelayLimits> {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z]+)=(\d+)$/.exec(pair);
    if (m === null || !(LIMIT_NAMES as string[]).includes(m[1]!)) {
      throw Object.assign(
        new Error(
          `--limit takes NAME=NUMBER with NAME one of ${LIMIT_NAMES.join(', ')}; got ${JSON.stringify(pair)}`,
        ),
        { code: 'USAGE' },
      );
    }
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

function port(value: string | undefined): number {
  const n = Number(value ?? 8787);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw Object.assign(
      new Error(`--port needs a port number (0-65535), not ${JSON.stringify(value)}`),
      { code: 'USAGE' },
    );
  }
  return n;
}

/**
 * `trail relay`: runs a relay (the same server as `trail-relay`) until interrupted. It stores
 * and forwards sealed bundles under opaque ids and logs one JSON line per event on stderr,
 * never a payload. Mailboxes persist in `--data` (default `<home>/relay`).
 */
export async function run(opts: RelayOptions): Promise<void> {
  const dataDir = opts.memory ? undefined : (opts.data ?? join(homeOf(opts).root, 'relay'));
  // startRelay reads or creates <dataDir>/relay-id before it creates the directory.
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const relay = await startRelay({
    port: port(opts.port),
    host: opts.host ?? '127.0.0.1',
    logLevel: opts.quiet ? 'warn' : 'info',
    limits: limits(opts.limit),
    ...(dataDir !== undefined ? { dataDir } : {}),
  });
  if (opts.json)
    printJson({
      url: relay.url,
      relayId: relay.relayId,
      port: relay.port,
      dataDir: dataDir ?? null,
    });
  else {
    out(relay.url);
    info(
      opts,
      `relay listening on ${relay.url}${dataDir ? ` (mailboxes in ${dataDir})` : ' (in memory)'}; Ctrl-C stops it`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await relay.close();
}
