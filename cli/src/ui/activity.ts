import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { blame } from '@trail/history';
import { relativeTo } from '@trail/model';
import { JSON_VERSION, type ActivityJson, type LineShare } from '@trail/api';
import type { UiData } from './data.js';

type Row = Record<string, string | number | null>;

/** Most files blamed for a project's line share. */
const MAX_BLAMED = 400;
/** Most other tracked files whose lines are counted. */
const MAX_UNTOUCHED = 20_000;

/**
 * Per-project activity. The line share needs a blame of every file agents changed, so it is
 * computed in the background on first request, cached, and recomputed only once the project
 * has new sessions; until then the answer says `pending`.
 */
export class Activity {
  private readonly shares = new Map<string, { key: string; share: LineShare }>();

  constructor(private readonly data: UiData) {}

  /** The activity of one project (id or name). */
  get(project: string): ActivityJson {
    const db = this.data.db;
    const head = db
      .prepare(
        'SELECT project, project_name, count(*) AS n, max(ended_at) AS last, max(started_at) AS started FROM sessions WHERE project = ? OR project_name = ? GROUP BY project ORDER BY n DESC LIMIT 1',
      )
      .get(project, project) as Row | undefined;
    if (!head)
      return {
        version: JSON_VERSION,
        project,
        projectName: project,
        root: null,
        sessions: 0,
        days: [],
        files: [],
        lines: {
          state: 'unavailable',
          agent: 0,
          human: 0,
          before: 0,
          files: 0,
          untouched: 0,
          reason: 'no sessions in this project',
        },
      };
    const id = String(head.project);
    const root = this.rootOf(id);
    const days = (
      db
        .prepare(
          'SELECT substr(started_at, 1, 10) AS day, count(*) AS n FROM sessions WHERE project = ? GROUP BY day ORDER BY day',
        )
        .all(id) as Row[]
    ).map((r) => ({ day: String(r.day), sessions: Number(r.n) }));
    const files = (
      db
        .prepare(
          `SELECT c.path AS path, count(*) AS n, sum(c.added) AS a, sum(c.removed) AS r, count(DISTINCT c.session_id) AS s
           FROM changes c JOIN sessions s ON s.id = c.session_id WHERE s.project = ? GROUP BY c.path ORDER BY n DESC, a + r DESC LIMIT 20`,
        )
        .all(id) as Row[]
    ).map((r) => ({
      path: root ? relativeTo(root, String(r.path)) : String(r.path),
      changes: Number(r.n),
      added: Number(r.a),
      removed: Number(r.r),
      sessions: Number(r.s),
    }));
    const key = `${String(head.n)}:${String(head.last)}:${String(head.started)}`;
    return {
      version: JSON_VERSION,
      project: id,
      projectName: String(head.project_name),
      root,
      sessions: Number(head.n),
      days,
      files,
      lines: this.share(id, root, key),
    };
  }

  /** The newest working directory of the project that still exists on this machine. */
  private rootOf(project: string): string | null {
    const rows = this.data.db
      .prepare(
        'SELECT DISTINCT cwd FROM sessions WHERE project = ? ORDER BY started_at DESC LIMIT 20',
      )
      .all(project) as Row[];
    for (const r of rows) if (r.cwd && existsSync(String(r.cwd))) return String(r.cwd);
    return null;
  }

  private share(project: string, root: string | null, key: string): LineShare {
    const cached = this.shares.get(project);
    if (cached?.key === key) return cached.share;
    if (!root)
      return {
        state: 'unavailable',
        agent: 0,
        human: 0,
        before: 0,
        files: 0,
        untouched: 0,
        reason: 'the project is not on this machine',
      };
    const share: LineShare = {
      state: 'pending',
      agent: 0,
      human: 0,
      before: 0,
      files: 0,
      untouched: 0,
    };
    this.shares.set(project, { key, share });
    this.compute(project, root, share).catch((e: unknown) => {
      Object.assign(share, {
        state: 'unavailable',
        reason: e instanceof Error ? e.message : String(e),
      });
    });
    return share;
  }

  private async compute(project: string, root: string, share: LineShare): Promise<void> {
    const paths = (
      this.data.db
        .prepare(
          'SELECT DISTINCT c.path AS path FROM changes c JOIN sessions s ON s.id = c.session_id WHERE s.project = ?',
        )
        .all(project) as Row[]
    ).map((r) => String(r.path));
    const acc = { agent: 0, human: 0, before: 0, files: 0, untouched: 0 };
    const blamed = new Set<string>();
    for (const abs of paths.slice(0, MAX_BLAMED)) {
      await new Promise((r) => setImmediate(r)); // one file at a time: requests go on meanwhile
      if (!existsSync(abs)) continue;
      try {
        const b = blame({
          db: this.data.db,
          blobText: this.data.text,
          checkpointsDir: this.data.paths.checkpoints,
          file: abs,
        });
        blamed.add(relativeTo(root, abs));
        acc.files++;
        for (const l of b.lines) {
          if (l.origin.kind === 'tool' || l.origin.kind === 'turn') acc.agent++;
          else if (l.origin.kind === 'human') acc.human++;
          else acc.before++;
        }
      } catch {
        // binary, vanished or never seen: not part of the share
      }
    }
    acc.untouched = untouchedLines(root, blamed);
    Object.assign(share, { ...acc, state: 'ready' });
  }
}

/** Lines of the tracked files of a git work tree that were not blamed (no agent changed them). */
function untouchedLines(root: string, blamed: Set<string>): number {
  const r = spawnSync('git', ['-C', root, 'ls-files', '-z'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) return 0;
  let n = 0;
  for (const f of r.stdout.split('\0').slice(0, MAX_UNTOUCHED)) {
    if (!f || blamed.has(f)) continue;
    const p = join(root, f);
    try {
      if (statSync(p).size > 1 << 20) continue;
      const b = readFileSync(p);
      if (b.includes(0)) continue;
      let lines = 0;
      for (const c of b) if (c === 10) lines++;
      n += lines + (b.length > 0 && b[b.length - 1] !== 10 ? 1 : 0);
    } catch {
      // unreadable: skipped
    }
  }
  return n;
}
