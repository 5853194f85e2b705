import { DatabaseSync } from 'node:sqlite';
import { INDEX_VERSION } from './db.js';

/**
 * Opens the query index read-only for a read command: no directory creation, no journal-mode
 * or schema work, and no checkpoint when it closes. Undefined when there is no index file or
 * it was built by another version (the caller then builds it through the store).
 */
export function openIndexForReading(path: string): DatabaseSync | undefined {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true });
  } catch {
    return undefined; // missing (SQLite cannot create it read-only) or unreadable
  }
  try {
    db.exec('PRAGMA busy_timeout = 10000');
    const row = db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as
      { value: string } | undefined;
    if (row && Number(row.value) === INDEX_VERSION) return db;
  } catch {
    // no meta table yet: treated as another version
  }
  db.close();
  return undefined;
}
