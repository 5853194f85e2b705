import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseCommandLine } from './command-line.js';
import { resolveLimits } from './limits.js';

const noFile = (): string => {
  throw new Error('ENOENT');
};

function parse(argv: string[], env: Record<string, string> = {}, file?: string) {
  return parseCommandLine(argv, env, file === undefined ? noFile : () => file, '/srv');
}

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('trail-relay command line', () => {
  it('runs on the default port and loopback with only a data directory', () => {
    expect(parse(['--data', 'relay-data'])).toEqual({
      kind: 'run',
      port: DEFAULT_PORT,
      host: '127.0.0.1',
      dataDir: '/srv/relay-data',
      relayId: undefined,
      logLevel: 'info',
      trustProxy: false,
      limits: {},
    });
  });

  it('layers config file, then environment, then flags', () => {
    const file = JSON.stringify({
      port: 1,
      host: 'file',
      data: '/file',
      limits: { maxSpaces: 10, messageBurst: 11 },
    });
    const env = {
      TRAIL_RELAY_CONFIG: 'relay.json',
      TRAIL_RELAY_PORT: '2',
      TRAIL_RELAY_LIMIT_MESSAGE_BURST: '22',
      TRAIL_RELAY_TRUST_PROXY: 'true',
    };
    const command = parse(['--port', '3', '--limit', 'maxConnections=33'], env, file);
    expect(command).toMatchObject({
      port: 3,
      host: 'file',
      dataDir: '/file',
      trustProxy: true,
      limits: { maxSpaces: 10, messageBurst: 22, maxConnections: 33 },
    });
  });

  it('requires a data directory unless --memory is given', () => {
    expect(failure(() => parse([]))).toContain('--data DIR is required');
    expect(parse(['--memory'])).toMatchObject({ kind: 'run', dataDir: undefined });
  });

  it('names the bad input: unknown flags, limits, config keys, variables and values', () => {
    expect(failure(() => parse(['--data', 'd', '--prot', '1']))).toContain('--prot');
    expect(failure(() => parse(['--data', 'd', '--limit', 'maxFrames=1']))).toContain('maxFrames');
    expect(failure(() => parse(['--data', 'd', '--port', 'eighty']))).toContain('--port');
    expect(failure(() => parse(['--config', 'c.json'], {}, '{"prot": 1}'))).toContain(
      '"prot" in c.json',
    );
    expect(failure(() => parse(['--config', 'c.json'], {}, '{'))).toContain('not valid JSON');
    expect(failure(() => parse(['--data', 'd'], { TRAIL_RELAY_LIMIT_MAX_FRAMES: '1' }))).toContain(
      'TRAIL_RELAY_LIMIT_MAX_FRAMES',
    );
    expect(failure(() => parse(['--data', 'd', '--log-level', 'loud']))).toContain('loud');
    expect(failure(() => parse(['--config', 'missing.json']))).toContain(
      'cannot read config file missing.json',
    );
  });

  it('answers --help and --version without needing a data directory', () => {
    expect(parse(['--help'])).toEqual({ kind: 'help' });
    expect(parse(['--version'])).toEqual({ kind: 'version' });
  });
});

describe('limits', () => {
  it('refuses limits that would produce frames peers cannot accept', () => {
    expect(failure(() => resolveLimits({ maxFrameBytes: 1000, maxPayloadBytes: 1000 }))).toContain(
      'maxFrameBytes',
    );
    expect(failure(() => resolveLimits({ bytesBurst: 10 }))).toContain('bytesBurst');
    expect(failure(() => resolveLimits({ messageBurst: 0 }))).toContain('positive integer');
    expect(failure(() => resolveLimits({ bogus: 1 } as never))).toContain('unknown limit');
    expect(failure(() => resolveLimits({ expiryIntervalMs: 2 ** 31 }))).toContain(
      'expiryIntervalMs',
    );
  });
});
