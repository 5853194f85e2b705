import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RelayConfigError } from './config-error.js';
import { DEFAULT_LIMITS, LIMIT_NAMES, type RelayLimits } from './limits.js';
import { isLogLevel, type LogLevel } from './logger.js';

/** What `trail-relay` was asked to do. */
export type CommandLine =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'run';
      readonly port: number;
      readonly host: string;
      /** Absent with --memory. */
      readonly dataDir: string | undefined;
      readonly relayId: string | undefined;
      readonly logLevel: LogLevel | 'silent';
      readonly trustProxy: boolean;
      readonly limits: Partial<RelayLimits>;
    };

/** Default TCP port of the standalone relay. */
export const DEFAULT_PORT = 8787;

/** Help text, examples first. */
export const USAGE = `Usage: trail-relay --data DIR [options]

Examples:
  trail-relay --data /var/lib/trail-relay
  trail-relay --data ./relay-data --port 9000 --host 0.0.0.0
  trail-relay --memory --port 0 --limit spaceQuotaBytes=67108864
  TRAIL_RELAY_LIMIT_MAX_CONNECTIONS=50000 trail-relay --config relay.json

Options:
  --data DIR          keep mailboxes durably in DIR (required unless --memory)
  --memory            keep mailboxes in memory only (lost on exit)
  --port N            TCP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDR         interface to listen on (default 127.0.0.1)
  --config FILE       JSON file: {"port", "host", "data", "relayId", "logLevel", "trustProxy", "limits": {...}}
  --relay-id ID       override the relay id kept in DIR/relay-id
  --log-level LEVEL   debug | info | warn | error | silent (default info)
  --trust-proxy       take client addresses from X-Forwarded-For (behind your own proxy only)
  --limit NAME=VALUE  override one limit (repeatable); names in docs/protocol.md
  -h, --help          show this help
  --version           print the version

Precedence: defaults < config file < environment (TRAIL_RELAY_PORT, TRAIL_RELAY_HOST,
TRAIL_RELAY_DATA, TRAIL_RELAY_CONFIG, TRAIL_RELAY_ID, TRAIL_RELAY_LOG_LEVEL,
TRAIL_RELAY_TRUST_PROXY, TRAIL_RELAY_LIMIT_<NAME_IN_SNAKE_CASE>) < flags.
Logs are JSON lines on stderr; the relay's URL is printed on stdout once listening.`;

const CONFIG_KEYS = new Set([
  'port',
  'host',
  'data',
  'relayId',
  'logLevel',
  'trustProxy',
  'limits',
]);

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

function integer(what: string, value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new RelayConfigError(`${what} must be a non-negative integer`);
  }
  return n;
}

function boolean(what: string, value: string): boolean {
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new RelayConfigError(`${what} must be true or false`);
}

function limitName(name: string, source: string): keyof RelayLimits {
  if (!(name in DEFAULT_LIMITS)) throw new RelayConfigError(`unknown limit "${name}" in ${source}`);
  return name as keyof RelayLimits;
}

type Settings = {
  port?: number;
  host?: string;
  data?: string;
  relayId?: string;
  logLevel?: string;
  trustProxy?: boolean;
  limits: Partial<Record<keyof RelayLimits, number>>;
};

function fromConfigFile(text: string, file: string): Settings {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RelayConfigError(`${file} is not valid JSON`, { file });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RelayConfigError(`${file} must hold a JSON object`, { file });
  }
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.has(key))
      throw new RelayConfigError(`unknown key "${key}" in ${file}`, { file });
  }
  const settings: Settings = { limits: {} };
  if (config.port !== undefined) settings.port = integer(`port in ${file}`, config.port);
  for (const key of ['host', 'data', 'relayId', 'logLevel'] as const) {
    const v = config[key];
    if (v === undefined) continue;
    if (typeof v !== 'string')
      throw new RelayConfigError(`${key} in ${file} must be a string`, { file });
    settings[key] = v;
  }
  if (config.trustProxy !== undefined) {
    if (typeof config.trustProxy !== 'boolean')
      throw new RelayConfigError(`trustProxy in ${file} must be a boolean`);
    settings.trustProxy = config.trustProxy;
  }
  const limits = config.limits ?? {};
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) {
    throw new RelayConfigError(`limits in ${file} must be an object`, { file });
  }
  for (const [name, v] of Object.entries(limits)) {
    settings.limits[limitName(name, file)] = integer(`limits.${name} in ${file}`, v);
  }
  return settings;
}

function fromEnvironment(env: Readonly<Record<string, string | undefined>>): Settings {
  const settings: Settings = { limits: {} };
  if (env.TRAIL_RELAY_PORT !== undefined)
    settings.port = integer('TRAIL_RELAY_PORT', env.TRAIL_RELAY_PORT);
  if (env.TRAIL_RELAY_HOST !== undefined) settings.host = env.TRAIL_RELAY_HOST;
  if (env.TRAIL_RELAY_DATA !== undefined) settings.data = env.TRAIL_RELAY_DATA;
  if (env.TRAIL_RELAY_ID !== undefined) settings.relayId = env.TRAIL_RELAY_ID;
  if (env.TRAIL_RELAY_LOG_LEVEL !== undefined) settings.logLevel = env.TRAIL_RELAY_LOG_LEVEL;
  if (env.TRAIL_RELAY_TRUST_PROXY !== undefined) {
    settings.trustProxy = boolean('TRAIL_RELAY_TRUST_PROXY', env.TRAIL_RELAY_TRUST_PROXY);
  }
  const byVariable = new Map(LIMIT_NAMES.map((name) => [`TRAIL_RELAY_LIMIT_${snake(name)}`, name]));
  for (const [variable, v] of Object.entries(env)) {
    if (!variable.startsWith('TRAIL_RELAY_LIMIT_') || v === undefined) continue;
    const name = byVariable.get(variable);
    if (name === undefined) throw new RelayConfigError(`unknown limit variable ${variable}`);
    settings.limits[name] = integer(variable, v);
  }
  return settings;
}

/**
 * Parses `trail-relay`'s flags, environment and config file into run settings. Pure apart
 * from `readFile` (injected). Throws RelayConfigError with a message naming the bad input.
 */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string,
  cwd: string = process.cwd(),
): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        memory: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        'relay-id': { type: 'string' },
        'log-level': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        limit: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new RelayConfigError((error as Error).message);
  }
  const flags = parsed.values;
  if (flags.help === true) return { kind: 'help' };
  if (flags.version === true) return { kind: 'version' };

  const configPath = flags.config ?? env.TRAIL_RELAY_CONFIG;
  let fileSettings: Settings = { limits: {} };
  if (configPath !== undefined) {
    let text: string;
    try {
      text = readFile(resolve(cwd, configPath));
    } catch (error) {
      throw new RelayConfigError(
        `cannot read config file ${configPath}: ${(error as Error).message}`,
      );
    }
    fileSettings = fromConfigFile(text, configPath);
  }
  const envSettings = fromEnvironment(env);
  const flagLimits: Settings['limits'] = {};
  for (const item of flags.limit ?? []) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new RelayConfigError(`--limit expects NAME=VALUE, got "${item}"`);
    flagLimits[limitName(item.slice(0, eq), '--limit')] = integer(
      `--limit ${item.slice(0, eq)}`,
      item.slice(eq + 1),
    );
  }

  const port =
    flags.port !== undefined
      ? integer('--port', flags.port)
      : (envSettings.port ?? fileSettings.port ?? DEFAULT_PORT);
  if (port > 65535) throw new RelayConfigError('port must be at most 65535');
  const data = flags.data ?? envSettings.data ?? fileSettings.data;
  if (data === undefined && flags.memory !== true) {
    throw new RelayConfigError(
      '--data DIR is required (or --memory for a relay that keeps nothing)',
    );
  }
  const logLevel = flags['log-level'] ?? envSettings.logLevel ?? fileSettings.logLevel ?? 'info';
  if (!isLogLevel(logLevel)) throw new RelayConfigError(`unknown log level "${logLevel}"`);
  return {
    kind: 'run',
    port,
    host: flags.host ?? envSettings.host ?? fileSettings.host ?? '127.0.0.1',
    dataDir: flags.memory === true ? undefined : resolve(cwd, data!),
    relayId: flags['relay-id'] ?? envSettings.relayId ?? fileSettings.relayId,
    logLevel,
    trustProxy: flags['trust-proxy'] ?? envSettings.trustProxy ?? fileSettings.trustProxy ?? false,
    limits: { ...fileSettings.limits, ...envSettings.limits, ...flagLimits },
  };
}
