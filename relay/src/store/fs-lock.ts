import { open, readFile, unlink } from 'node:fs/promises';
import { MailboxError } from './mailbox-error.js';

/** Lock files held by this process, so a second store on the same directory is refused too. */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a data directory by creating a file holding our pid. A lock
 * left by a process that no longer exists (kill -9) is taken over; a live one throws
 * `store_locked`, because two relays appending to the same logs would corrupt them.
 * Returns the function that releases the lock.
 */
export async function lockDirectory(path: string): Promise<() => Promise<void>> {
  if (heldHere.has(path)) {
    throw new MailboxError('store_locked', 'data directory is already open in this process', {
      file: path,
    });
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.sync();
      await handle.close();
      heldHere.add(path);
      return async () => {
        heldHere.delete(path);
        await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    // Our own pid in the file is a leftover of an earlier process that had the same pid
    // (common in containers, where the relay is often pid 1): the set above covers us.
    if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
      throw new MailboxError('store_locked', `data directory is in use by process ${holder}`, {
        file: path,
        pid: holder,
      });
    }
    await unlink(path).catch(() => undefined);
  }
  throw new MailboxError('store_locked', 'could not take the data directory lock', { file: path });
}
