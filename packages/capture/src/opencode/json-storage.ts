import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { obj, str } from '../codex/json-value.js';
import { describeError, ProblemLog } from '../codex/problem.js';
import {
  byId,
  emptyOpencodeStats,
  type OpencodeMessage,
  type OpencodeParseResult,
  type OpencodeSessionRecord,
} from './records.js';
import { assembleSessions } from './subagents.js';

/**
 * Imports OpenCode's JSON-file storage (≤ 1.1): `project/<id>.json`,
 * `session/<projectId>/<ses_…>.json`, `message/<sessionId>/<msg_…>.json` and
 * `part/<messageId>/<prt_…>.json` under `root` (…/opencode/storage), and the older 0.x
 * layout with messages and parts under `session/`. A file that cannot be
 * read or parsed is reported and skipped; the rest of the session is kept.
 */
export async function parseOpencodeJsonStorage(
  root: string,
  opts: { sessionIds?: readonly string[] } = {},
): Promise<OpencodeParseResult> {
  const log = new ProblemLog(root);
  const stats = emptyOpencodeStats();
  const worktrees = new Map<string, string>();
  for (const f of await list(join(root, 'project'))) {
    const p = await readJson(join(root, 'project', f), log);
    const id = str(p?.id);
    const worktree = str(p?.worktree);
    if (id && worktree) worktrees.set(id, worktree);
  }
  const records: OpencodeSessionRecord[] = [];
  for (const project of await list(join(root, 'session'))) {
    for (const f of await list(join(root, 'session', project))) {
      if (!f.endsWith('.json')) continue;
      const info = await readJson(join(root, 'session', project, f), log);
      const id = str(info?.id);
      if (!info || !id || (opts.sessionIds && !opts.sessionIds.includes(id))) continue;
      const rec: OpencodeSessionRecord = { info, messages: await messages(root, id, log) };
      const worktree = worktrees.get(str(info.projectID) ?? project);
      if (worktree) rec.worktree = worktree;
      records.push(rec);
    }
  }
  records.sort((a, b) => byId(a.info, b.info));
  return { sessions: assembleSessions(records, stats), problems: log.problems, stats };
}

async function messages(
  root: string,
  sessionId: string,
  log: ProblemLog,
): Promise<OpencodeMessage[]> {
  // OpenCode before projects (0.x) kept these under session/: session/message/<sid>/<msg>.json
  // and session/part/<sid>/<msg>/<part>.json
  const msgDir = await firstWithFiles([
    join(root, 'message', sessionId),
    join(root, 'session', 'message', sessionId),
  ]);
  const out: OpencodeMessage[] = [];
  for (const f of await list(msgDir)) {
    if (!f.endsWith('.json')) continue;
    const info = await readJson(join(msgDir, f), log);
    const id = str(info?.id);
    if (!info || !id) continue;
    const partDir = await firstWithFiles([
      join(root, 'part', id),
      join(root, 'session', 'part', sessionId, id),
    ]);
    const parts: Record<string, unknown>[] = [];
    for (const pf of await list(partDir)) {
      if (!pf.endsWith('.json')) continue;
      const part = await readJson(join(partDir, pf), log);
      if (part) parts.push(part);
    }
    out.push({ info, parts: parts.sort(byId) });
  }
  return out.sort((a, b) => byId(a.info, b.info));
}

async function firstWithFiles(dirs: readonly string[]): Promise<string> {
  for (const d of dirs) if ((await list(d)).length > 0) return d;
  return dirs[0]!;
}

async function list(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

async function readJson(
  file: string,
  log: ProblemLog,
): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    log.problems.push({
      file,
      line: 0,
      reason: `CAPTURE_UNREADABLE: cannot read the file (${describeError(e)})`,
    });
    return undefined;
  }
  try {
    const v = obj(JSON.parse(text));
    if (!v) log.problems.push({ file, line: 0, reason: 'not a JSON object, skipped' });
    return v;
  } catch (e) {
    log.problems.push({ file, line: 0, reason: `not valid JSON, skipped (${describeError(e)})` });
    return undefined;
  }
}
