import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  generateDeviceIdentity,
  parseIdentity,
  readKeyFile,
  readKeyFileJson,
  ready,
  serializeIdentity,
  writeKeyFile,
} from './index.js';

const posix = process.platform !== 'win32';
let dir: string;

beforeAll(async () => {
  await ready();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trail-crypto-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe('writeKeyFile', () => {
  it.runIf(posix)('writes the file 0600 inside a new 0700 directory', async () => {
    const path = join(dir, 'keys', 'nested', 'device.key');
    await writeKeyFile(path, Uint8Array.of(1, 2, 3));
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(join(dir, 'keys'))).toBe(0o700);
    expect(await modeOf(join(dir, 'keys', 'nested'))).toBe(0o700);
    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
  });

  it('replaces an existing file atomically and leaves no temp file behind', async () => {
    const path = join(dir, 'space.key');
    await writeKeyFile(path, Uint8Array.of(1));
    await writeKeyFile(path, Uint8Array.of(2));
    expect([...(await readKeyFile(path))]).toEqual([2]);
    expect(await readdir(dir)).toEqual(['space.key']);
  });

  it('stores an identity as JSON that reads back to the same identity', async () => {
    const identity = generateDeviceIdentity();
    const path = join(dir, 'identity.json');
    await writeKeyFile(path, serializeIdentity(identity));
    expect(parseIdentity(await readKeyFileJson(path))).toEqual(identity);
  });
});

describe('readKeyFile', () => {
  it.runIf(posix)('refuses a 0644 file, naming the file and the chmod that fixes it', async () => {
    const path = join(dir, 'loose.key');
    await writeFile(path, Uint8Array.of(1));
    await chmod(path, 0o644);
    const error: unknown = await readKeyFile(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'KEY_FILE_PERMISSIONS', data: { path, mode: '0644' } });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain(`chmod 600 ${path}`);
  });

  it.runIf(posix)('refuses files that group or others can write or execute, too', async () => {
    const path = join(dir, 'group.key');
    await writeKeyFile(path, Uint8Array.of(1));
    for (const mode of [0o620, 0o601, 0o640, 0o604]) {
      await chmod(path, mode);
      await expect(readKeyFile(path)).rejects.toThrow(
        expect.objectContaining({ code: 'KEY_FILE_PERMISSIONS' }),
      );
    }
    await chmod(path, 0o400);
    expect([...(await readKeyFile(path))]).toEqual([1]);
  });

  it.runIf(posix)('quotes a path with spaces in the suggested fix', async () => {
    const path = join(dir, 'my keys', 'a.key');
    await writeKeyFile(path, Uint8Array.of(1));
    await chmod(path, 0o644);
    await expect(readKeyFile(path)).rejects.toThrow(`chmod 600 '${path}'`);
  });

  it('reports a missing file with KEY_FILE_NOT_FOUND', async () => {
    await expect(readKeyFile(join(dir, 'absent.key'))).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_FILE_NOT_FOUND' }),
    );
  });

  it('reports a directory or non-JSON content with KEY_FILE_INVALID, without quoting the content', async () => {
    await expect(readKeyFile(dir)).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_FILE_INVALID' }),
    );
    const path = join(dir, 'bad.json');
    await writeKeyFile(path, new TextEncoder().encode('{"secret": "hunter2'));
    const error: unknown = await readKeyFileJson(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'KEY_FILE_INVALID' });
    expect(JSON.stringify(error) + String(error)).not.toContain('hunter2');
    expect((error as Error).cause).toBeUndefined();
  });
});
