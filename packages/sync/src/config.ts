import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { SyncError } from './errors.js';

/** What a device remembers about how it syncs (not secret). */
export interface SyncConfig {
  /** The relay `trail sync` uses when none is given. */
  readonly relayUrl?: string;
  /** Relay id pinned for each relay URL on first contact. */
  readonly relayIds: Readonly<Record<string, string>>;
  /** This device's name, shown to the user's other devices. */
  readonly deviceName: string;
}

/** Reads sync/config.json (defaults when absent). */
export function readConfig(path: string): SyncConfig {
  if (!existsSync(path)) return { relayIds: {}, deviceName: hostname().slice(0, 64) || 'device' };
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<SyncConfig> & {
      version?: number;
    };
    return {
      ...(typeof raw.relayUrl === 'string' ? { relayUrl: raw.relayUrl } : {}),
      relayIds: typeof raw.relayIds === 'object' && raw.relayIds !== null ? raw.relayIds : {},
      deviceName: typeof raw.deviceName === 'string' ? raw.deviceName : hostname().slice(0, 64),
    };
  } catch {
    throw new SyncError('SYNC_STATE_INVALID', `${path} is not valid JSON; fix or delete it`, {
      path,
    });
  }
}

/** Writes sync/config.json atomically. */
export function writeConfig(path: string, config: SyncConfig): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: 1, ...config }, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
}

/** Checks a relay URL (ws:// or wss://, or host:port for ws://); returns its canonical form. */
export function normalizeRelayUrl(input: string): string {
  const text = /^[a-z]+:\/\//i.test(input) ? input : `ws://${input}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SyncError(
      'SYNC_BAD_RELAY_URL',
      `${JSON.stringify(input)} is not a relay URL (ws://host:port or wss://host)`,
      { url: input },
    );
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new SyncError(
      'SYNC_BAD_RELAY_URL',
      `a relay URL starts with ws:// or wss://, not ${url.protocol}//`,
      { url: input },
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new SyncError('SYNC_BAD_RELAY_URL', 'a relay URL must not carry credentials', {
      url: `${url.protocol}//${url.host}`,
    });
  }
  return url.toString().replace(/\/$/, '');
}

/** The relay to use: the flag, else TRAIL_RELAY, else the remembered one. SYNC_NO_RELAY otherwise. */
export function chooseRelay(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  config: SyncConfig,
): string {
  const url = flag ?? (env.TRAIL_RELAY || undefined) ?? config.relayUrl;
  if (url === undefined) {
    throw new SyncError(
      'SYNC_NO_RELAY',
      'no relay configured: pass --relay ws://host:port (or set TRAIL_RELAY); it is remembered',
    );
  }
  return normalizeRelayUrl(url);
}

/** Forgets the relay id pinned for a URL (the relay was replaced on purpose). */
export function forgetRelayPin(path: string, url: string): void {
  const config = readConfig(path);
  if (config.relayIds[url] === undefined) return;
  const relayIds = { ...config.relayIds };
  delete relayIds[url];
  writeConfig(path, { ...config, relayIds });
}
