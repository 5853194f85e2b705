import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CryptoError } from './errors.js';

/** What a key file may hold: raw bytes, or a JSON-serialisable object such as a serialized identity. */
export type KeyFileContent = Uint8Array | object;

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const checksPermissions = process.platform !== 'win32';

function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

function encode(content: KeyFileContent): Uint8Array {
  if (content instanceof Uint8Array) return content;
  const text = JSON.stringify(content, null, 2);
  if (typeof text !== 'string') {
    throw new CryptoError('INVALID_ARGUMENT', 'key file content must be bytes or a JSON object');
  }
  return Buffer.from(`${text}\n`, 'utf8');
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: some platforms cannot fsync a directory; the rename is still atomic.
  }
}

/**
 * Writes a key file atomically: a 0600 temp file in the same directory, fsync, rename over the
 * target, fsync the directory. A missing parent directory is created 0700; an existing one is
 * left as it is (it may be shared, like a home directory).
 */
export async function writeKeyFile(path: string, content: KeyFileContent): Promise<void> {
  const bytes = encode(content);
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  const temp = join(dir, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', FILE_MODE);
    try {
      await handle.chmod(FILE_MODE);
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  } finally {
    if (bytes !== content) bytes.fill(0);
  }
  await syncDirectory(dir);
}

/**
 * Reads a key file's bytes. KEY_FILE_NOT_FOUND if absent; KEY_FILE_PERMISSIONS (naming the file
 * and the chmod that fixes it) if group or others have any access, as ssh does for its keys.
 */
export async function readKeyFile(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CryptoError(
        'KEY_FILE_NOT_FOUND',
        `key file ${path} does not exist`,
        { path },
        { cause },
      );
    }
    throw cause;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new CryptoError('KEY_FILE_INVALID', `key file ${path} is not a regular file`, { path });
    }
    const mode = stats.mode & 0o777;
    if (checksPermissions && (mode & 0o077) !== 0) {
      const octal = mode.toString(8).padStart(4, '0');
      throw new CryptoError(
        'KEY_FILE_PERMISSIONS',
        `key file ${path} is accessible by group or others (mode ${octal}), so trail will not use it; ` +
          `fix it with: chmod 600 ${shellQuote(path)}`,
        { path, mode: octal },
      );
    }
    const buffer = await handle.readFile();
    // Copy out of Node's buffer (which may sit in a shared pool) and wipe the original.
    const bytes = new Uint8Array(buffer);
    buffer.fill(0);
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Reads a JSON key file (see {@link readKeyFile}); KEY_FILE_INVALID if it is not JSON. */
export async function readKeyFileJson(path: string): Promise<unknown> {
  const bytes = await readKeyFile(path);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    // No cause attached: the parser's message quotes file content, which is secret here.
    throw new CryptoError('KEY_FILE_INVALID', `key file ${path} is not valid JSON`, { path });
  } finally {
    bytes.fill(0);
  }
}
