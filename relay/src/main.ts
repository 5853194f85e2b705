#!/usr/bin/env node
// trail-relay: runs the relay until SIGTERM or SIGINT. Flags and settings: --help.
import { readFileSync } from 'node:fs';
import { parseCommandLine, USAGE } from './command-line.js';
import { RelayConfigError } from './config-error.js';
import { startRelay } from './start-relay.js';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function fail(message: string, code: number): never {
  process.stderr.write(`trail-relay: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let command;
  try {
    command = parseCommandLine(process.argv.slice(2), process.env, (path) =>
      readFileSync(path, 'utf8'),
    );
  } catch (error) {
    if (error instanceof RelayConfigError)
      fail(`${error.message}\nTry 'trail-relay --help'.`, EXIT_USAGE);
    throw error;
  }
  if (command.kind === 'help') return void process.stdout.write(`${USAGE}\n`);
  if (command.kind === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return void process.stdout.write(`${pkg.version}\n`);
  }
  let relay;
  try {
    relay = await startRelay({
      port: command.port,
      host: command.host,
      logLevel: command.logLevel,
      trustProxy: command.trustProxy,
      limits: command.limits,
      ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
      ...(command.relayId !== undefined ? { relayId: command.relayId } : {}),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof RelayConfigError) fail(error.message, EXIT_USAGE);
    fail(
      `${(error as Error).message}${typeof code === 'string' ? ` (${code})` : ''}`,
      EXIT_FAILURE,
    );
  }
  process.stdout.write(`${relay.url}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) fail(`${signal} again; exiting without waiting`, EXIT_FAILURE);
    stopping = true;
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`shutdown failed: ${String(error)}`, EXIT_FAILURE),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => fail(`unexpected error: ${String(error)}`, EXIT_FAILURE));
