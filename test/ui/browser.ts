// Headless Chromium for the web view's tests, screenshots and benchmark: Debian's package
// driven by playwright-core (browsers cannot be downloaded here), with the flags that keep it
// off the network.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { CLI, env } from './fixture.ts';

/** Where Chromium is: $TRAIL_CHROMIUM, else Debian's. */
export const CHROMIUM = process.env.TRAIL_CHROMIUM ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export function noBrowser(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set TRAIL_CHROMIUM)`;
}

/** Starts headless Chromium (playwright gives it a fresh, empty profile) with no background networking. */
export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A running `trail ui --no-open`: the real CLI in its own process. */
export interface RunningUi {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real `trail ui --no-open` on a store home and waits for its URL. */
export function startUi(home: string): Promise<RunningUi> {
  const child = spawn(process.execPath, [CLI, 'ui', '--no-open'], {
    env: env(home),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`trail ui exited ${String(code)}: ${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (url) => {
      resolve({
        url,
        port: Number(new URL(url).port),
        child,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
