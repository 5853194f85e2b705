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
 * `part/<messageId>/<prt_…>.json` under `root` (…/opencode/storage). A file that cannot be
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
  const out: OpencodeMessage[] = [];
  for (const f of await list(join(root, 'message', sessionId))) {
    if (!f.endsWith('.json')) continue;
    const info = await readJson(join(root, 'message', sessionId, f), log);
    const id = str(info?.id);
    if (!info || !id) continue;
    const parts: Record<string, unknown>[] = [];
    for (const pf of await list(join(root, 'part', id))) {
      if (!pf.endsWith('.json')) continue;
      const part = await readJson(join(root, 'part', id, pf), log);
      if (part) parts.push(part);
    }
    out.push({ info, parts: parts.sort(byId) });
  }
  return out.sort((a, b) => byId(a.info, b.info));
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
