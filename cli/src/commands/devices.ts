import { createInterface } from 'node:readline/promises';
import qrcode from 'qrcode-terminal';
import {
  awaitJoiner,
  chooseRelay,
  createInvite,
  inviterState,
  joinSpace,
  normalizeRelayUrl,
  readConfig,
  recordInvited,
  removeDevice,
  serveLan,
  SyncError,
  syncPaths,
  syncStatus,
} from '@trail/sync';
import { homeOf } from '../context.js';
import { info, out, palette, printJson, shortTime, type GlobalOptions } from '../output.js';

interface DeviceOptions extends GlobalOptions {
  relay?: string;
  peer?: string;
  yes?: boolean;
  name?: string;
  port?: string;
  host?: string;
}

function relayOf(opts: DeviceOptions): string {
  if (opts.peer !== undefined) return normalizeRelayUrl(opts.peer);
  return chooseRelay(opts.relay, process.env, readConfig(syncPaths(homeOf(opts)).config));
}

function line(body: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ version: 1, ...body }) + '\n');
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `trail devices add`: a one-time invitation (code and QR) for a new device; waits for it. */
export async function add(opts: DeviceOptions): Promise<void> {
  const home = homeOf(opts).root;
  const url = relayOf(opts);
  const state = await inviterState(home, url, opts.peer === undefined);
  const pending = createInvite(state);
  if (opts.json) line({ code: pending.code, expiresAt: new Date(pending.expiresAt).toISOString() });
  else {
    out(pending.code);
    if (process.stderr.isTTY && !opts.quiet)
      qrcode.generate(pending.code, { small: true }, (qr) => process.stderr.write(qr + '\n'));
    info(
      opts,
      'On the new device run:  trail devices join <the code above>   (valid 10 minutes, once)',
    );
    info(opts, 'Waiting for it...');
  }
  const interactive = process.stdin.isTTY === true && opts.yes !== true && opts.json !== true;
  const invited = await awaitJoiner(state, pending, {
    confirm: async (fingerprint, name) => {
      info(opts, `"${name}" answered. Fingerprint: ${fingerprint}`);
      return interactive ? ask('Does the new device show the same fingerprint? [y/N] ') : true;
    },
  });
  recordInvited(home, invited.cert);
  const body = {
    deviceId: invited.cert.deviceId,
    name: invited.cert.name,
    fingerprint: invited.fingerprint,
    confirmed: invited.confirmed,
  };
  if (opts.json) line({ paired: body });
  else
    info(
      opts,
      `paired with ${body.name} (${body.deviceId}); fingerprint ${body.fingerprint}. Run \`trail sync\` on both devices.`,
    );
}

/** `trail devices join <code>`: join the space of the device that made the code. */
export async function join(code: string, opts: DeviceOptions): Promise<void> {
  const text = code === '-' ? (await readStdin()).trim() : code;
  const joined = await joinSpace(homeOf(opts).root, text, {
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.relay || opts.peer ? { relayUrl: relayOf(opts) } : {}),
  });
  if (opts.json) printJson({ joined });
  else {
    out(joined.fingerprint);
    info(
      opts,
      `joined; check that the other device shows the same fingerprint: ${joined.fingerprint}`,
    );
    info(
      opts,
      joined.relayUrl
        ? `now run \`trail sync\` (relay ${joined.relayUrl} is remembered)`
        : 'now run `trail sync --peer host:port` against a device running `trail devices serve`',
    );
  }
}

/** `trail devices list`: the devices of this device's space. */
export async function list(opts: DeviceOptions): Promise<void> {
  const status = await syncStatus(homeOf(opts).root);
  if (opts.json) {
    printJson({ devices: status.devices });
    return;
  }
  if (!status.paired)
    throw new SyncError(
      'SYNC_NOT_PAIRED',
      'this device is not in a sync space yet (trail devices add, or join)',
    );
  const c = palette(process.stdout, opts);
  for (const d of status.devices) {
    const mark = d.self ? c.green('  (this device)') : d.removed ? c.red(`  (removed)`) : '';
    out(`${d.deviceId}  ${d.name}  ${c.dim(`added ${shortTime(d.addedAt)}`)}${mark}`);
  }
}

/** `trail devices remove <device>`: remove a device and rotate the space key. */
export async function remove(device: string, opts: DeviceOptions): Promise<void> {
  const home = homeOf(opts).root;
  const url = relayOf(opts);
  if (process.stdin.isTTY && !opts.yes && !opts.json) {
    if (
      !(await ask(
        `Remove ${device} from this space and rotate the key? It will read nothing written afterwards. [y/N] `,
      ))
    ) {
      throw new SyncError('SYNC_ABORTED', 'nothing removed');
    }
  }
  const removal = await removeDevice(home, device, { url, remember: opts.peer === undefined });
  if (opts.json) printJson({ removed: removal });
  else
    info(
      opts,
      `removed ${removal.name} (${removal.deviceId}); the space key is now epoch ${removal.epoch}, and the other devices move to it on their next sync`,
    );
}

/** `trail devices serve`: a relay on this device for LAN sync, kept in step with this store. */
export async function serve(opts: DeviceOptions): Promise<void> {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const port = Number(opts.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw Object.assign(new Error(`--port needs a port number, not ${JSON.stringify(opts.port)}`), {
      code: 'USAGE',
    });
  }
  await serveLan(homeOf(opts).root, {
    port,
    host: opts.host ?? '0.0.0.0',
    signal: abort.signal,
    onListening: (relay) => {
      if (opts.json) line({ listening: { port: relay.port, relayId: relay.relayId } });
      else {
        out(`port ${relay.port}`);
        info(
          opts,
          `serving LAN sync on port ${relay.port}: on another device run  trail sync --peer <this host>:${relay.port}`,
        );
      }
    },
    onReport: (r) => {
      if (opts.json) line({ sync: r });
      else if (r.pulled.applied + r.pushed.bundles > 0)
        info(opts, `synced: ↓ ${r.pulled.applied} ↑ ${r.pushed.bundles} bundles`);
    },
    onError: (e) => info(opts, `trail: ${(e as Error).message}`),
  });
}
