import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { isTrailError } from '@trail/model';
import { afterEach, describe, expect, test } from 'vitest';
import { findOpencodeStorage } from './find.js';
import { parseOpencodeJsonStorage } from './json-storage.js';
import { parseOpencodeDb } from './sqlite.js';

const data = resolve(fileURLToPath(import.meta.url), '../../../fixtures/opencode/data');
const storage = join(data, 'storage');
const CHILD = 'ses_6a1b2c3d5ffeChildSession1';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trail-opencode-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const readJson = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
const jsonFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};

/** Builds an OpenCode ≥ 1.2 database (same tables and JSON `data` columns) from a JSON-file store. */
function buildDb(file: string, from: string, journal = 'wal'): void {
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA journal_mode = ${journal};
    CREATE TABLE project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, vcs TEXT, name TEXT, time_created INTEGER, time_updated INTEGER);
    CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, parent_id TEXT, slug TEXT, directory TEXT NOT NULL, title TEXT NOT NULL, version TEXT NOT NULL,
      share_url TEXT, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, time_compacting INTEGER, time_archived INTEGER);
    CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);`);
  for (const f of jsonFiles(join(from, 'project'))) {
    const p = readJson(f);
    db.prepare('INSERT INTO project VALUES (?, ?, ?, NULL, 0, 0)').run(
      p.id as string,
      p.worktree as string,
      p.vcs as string,
    );
  }
  for (const projectDir of readdirSync(join(from, 'session')))
    for (const f of jsonFiles(join(from, 'session', projectDir))) {
      const s = readJson(f) as {
        id: string;
        projectID: string;
        parentID?: string;
        directory: string;
        title: string;
        version: string;
        time: { created: number; updated: number };
      };
      db.prepare(
        'INSERT INTO session (id, project_id, parent_id, directory, title, version, time_created, time_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        s.id,
        s.projectID,
        s.parentID ?? null,
        s.directory,
        s.title,
        s.version,
        s.time.created,
        s.time.updated,
      );
      for (const mf of jsonFiles(join(from, 'message', s.id))) {
        const { id, sessionID, ...rest } = readJson(mf);
        const created = (rest.time as { created: number }).created;
        db.prepare('INSERT INTO message VALUES (?, ?, ?, ?, ?)').run(
          id as string,
          sessionID as string,
          created,
          created,
          JSON.stringify(rest),
        );
        for (const pf of jsonFiles(join(from, 'part', id as string))) {
          const { id: pid, messageID, sessionID: sid, ...prest } = readJson(pf);
          db.prepare('INSERT INTO part VALUES (?, ?, ?, ?, ?, ?)').run(
            pid as string,
            messageID as string,
            sid as string,
            created,
            created,
            JSON.stringify(prest),
          );
        }
      }
    }
  db.close();
}

test('findOpencodeStorage finds the JSON tree and the database', async () => {
  expect(await findOpencodeStorage(data)).toEqual({ dataHome: data, jsonRoot: storage });
  const dir = tempDir();
  buildDb(join(dir, 'opencode.db'), storage);
  expect(await findOpencodeStorage(dir)).toEqual({ dataHome: dir, db: join(dir, 'opencode.db') });
  expect(await findOpencodeStorage(join(dir, 'none'))).toEqual({ dataHome: join(dir, 'none') });
});

describe('the SQLite store (OpenCode ≥ 1.2)', () => {
  test('gives exactly what the JSON-file store gives for the same data', async () => {
    const dir = tempDir();
    const db = join(dir, 'opencode.db');
    buildDb(db, storage);
    const fromDb = parseOpencodeDb(db);
    const fromJson = await parseOpencodeJsonStorage(storage);
    expect(fromDb.problems).toEqual([]);
    expect(fromDb.sessions).toEqual(fromJson.sessions);
    expect(fromDb.stats).toEqual(fromJson.stats);
    expect(parseOpencodeDb(db, { sessionIds: [CHILD] }).sessions.map((s) => s.id)).toEqual([CHILD]);
  });

  test('a locked database fails fast with OPENCODE_DB_LOCKED', () => {
    const dir = tempDir();
    const file = join(dir, 'opencode.db');
    buildDb(file, storage, 'delete');
    const writer = new DatabaseSync(file);
    writer.exec('BEGIN EXCLUSIVE');
    writer.exec("UPDATE session SET title = 'x'");
    try {
      const err = (() => {
        try {
          parseOpencodeDb(file, { busyTimeoutMs: 50 });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(isTrailError(err, 'OPENCODE_DB_LOCKED')).toBe(true);
      expect((err as Error).message).toMatch(/locked/);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(parseOpencodeDb(file).sessions).toHaveLength(1);
  });

  test('a file that is not a database, or a row whose data is not JSON, is reported clearly', () => {
    const dir = tempDir();
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite');
    expect(() => parseOpencodeDb(junk)).toThrow(
      expect.objectContaining({ code: 'OPENCODE_DB_ERROR' }),
    );
    expect(() => parseOpencodeDb(join(dir, 'missing.db'))).toThrow(
      expect.objectContaining({ code: 'OPENCODE_DB_ERROR' }),
    );
    const db = join(dir, 'opencode.db');
    buildDb(db, storage);
    const w = new DatabaseSync(db);
    w.exec("UPDATE part SET data = '{oops' WHERE id = 'prt_9a1b00000011AAAAAAAAAAAA'");
    w.close();
    const r = parseOpencodeDb(db);
    expect(r.problems).toEqual([
      {
        file: db,
        line: 0,
        reason: 'part prt_9a1b00000011AAAAAAAAAAAA: data is not a JSON object, row skipped',
      },
    ]);
    expect(r.sessions[0]!.events).toHaveLength(18);
  });
});
