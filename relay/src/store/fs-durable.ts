import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Flushes a directory's entries (creations, renames, unlinks) to disk. */
export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; its rename is durable enough on NTFS.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a file so that after a crash it holds either nothing or all of `bytes`: write a
 * temporary file, fsync it, rename it over the target, fsync the directory.
 */
export async function writeFileDurable(path: string, bytes: Uint8Array | string): Promise<void> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await fsyncDir(dirname(path));
}

/** Appends text to a file and waits until it is on disk. */
export async function appendDurable(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await handle.appendFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
