import type { BundleId } from '@trail/protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRelay } from './test-support/build.js';
import { connect, onCleanup, tempDir } from './test-support/harness.js';
import { device, newSpace } from './test-support/keys.js';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/** Runs `node relay/dist/main.js` as a real process and waits for the URL it prints. */
async function spawnRelay(dataDir: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    [main, '--port', '0', '--data', dataDir, '--log-level', 'warn'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  const lines = createInterface({ input: child.stdout });
  const [url] = (await Promise.race([once(lines, 'line'), exited.then(() => [undefined])])) as [
    string | undefined,
  ];
  if (url === undefined) throw new Error('relay process exited before listening');
  return { process: child, url, exited };
}

describe('restart persistence (real process)', () => {
  beforeAll(() => buildRelay());

  it('keeps every acknowledged bundle and deletion across kill -9 and restart', async () => {
    const dir = await tempDir();
    const space = newSpace();
    const first = await spawnRelay(dir);
    const laptop = await connect(first, device(space, 'laptop'), { reconnect: false });
    const acked: string[] = [];
    for (let i = 0; i < 40; i++) {
      await laptop.put(
        `bundle-${i}` as BundleId,
        Uint8Array.from({ length: 4096 }, (_, j) => (i + j) % 256),
      );
      acked.push(`bundle-${i}`);
    }
    await laptop.delete(['bundle-0', 'bundle-1'] as BundleId[]);
    // Uploads still in flight when the process dies may or may not survive; acked ones must.
    const inFlight = Array.from({ length: 20 }, (_, i) =>
      laptop.put(`late-${i}` as BundleId, new Uint8Array(4096)).then(
        () => `late-${i}`,
        () => undefined,
      ),
    );
    first.process.kill('SIGKILL');
    const [, signal] = await first.exited;
    expect(signal).toBe('SIGKILL');
    const lateAcked = (await Promise.all(inFlight)).filter((x) => x !== undefined);

    const second = await spawnRelay(dir);
    const desktop = await connect(second, device(space, 'desktop'), { reconnect: false });
    const seen = (await desktop.pull({ limit: 500 })).bundles;
    const ids = seen.map((b) => b.bundleId);
    expect(ids.slice(0, 38)).toEqual(acked.slice(2));
    for (const late of lateAcked) expect(ids).toContain(late);
    expect(seen[5]!.bytes).toEqual(Uint8Array.from({ length: 4096 }, (_, j) => (7 + j) % 256));
    expect(second.url).not.toBe('');
  });

  it('refuses a different auth key for a space after restart', async () => {
    const dir = await tempDir();
    const space = newSpace();
    const first = await spawnRelay(dir);
    await (await connect(first, device(space, 'laptop'))).close();
    first.process.kill('SIGKILL');
    await first.exited;
    const second = await spawnRelay(dir);
    const error = await connect(second, device(newSpace(space.routingId), 'x')).catch(
      (e: { code: string }) => e.code,
    );
    expect(error).toBe('auth_key_mismatch');
  });

  it('shuts down cleanly on SIGTERM with exit code 0', async () => {
    const dir = await tempDir();
    const child = await spawnRelay(dir);
    const laptop = await connect(child, device(newSpace(), 'laptop'));
    await laptop.put('x' as BundleId, new Uint8Array(10));
    child.process.kill('SIGTERM');
    expect(await child.exited).toEqual([0, null]);
  });
});
