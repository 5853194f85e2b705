import {
  countLines,
  diffstat,
  relativeTo,
  type FileChange,
  type ToolCategory,
  type ToolEvent,
  type ToolStatus,
} from '@trail/model';
import { looksLikePatch, parseApplyPatch } from '../codex/apply-patch.js';
import { num, obj, str } from '../codex/json-value.js';
import { KnownFiles, resolveAgentPath } from '../codex/known-files.js';
import { patchToChanges, withTrailHeaders } from '../codex/patch-changes.js';
import { commandReads } from '../codex/command-reads.js';

const CATEGORIES: Record<string, ToolCategory> = {
  bash: 'command',
  edit: 'edit',
  write: 'edit',
  multiedit: 'edit',
  patch: 'edit',
  apply_patch: 'edit',
  read: 'read',
  list: 'read',
  glob: 'search',
  grep: 'search',
  codesearch: 'search',
  webfetch: 'web',
  websearch: 'web',
  todowrite: 'plan',
  todoread: 'plan',
  task: 'agent',
};

const STATUS: Record<string, ToolStatus> = {
  completed: 'ok',
  error: 'error',
  running: 'pending',
  pending: 'pending',
};

/** ms since the epoch → ISO-8601, or the fallback. */
export function isoTime(ms: unknown, fallback: string): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : fallback;
}

/**
 * An OpenCode tool part (`{callID, tool, state: {status, input, output, metadata, time,
 * error}}`) as a tool event. Edits take their diff from the tool's metadata (`filediff`
 * with contents before and after, or `diff`), apply_patch-style tools from their patch
 * text; bash takes its exit code from `metadata.exit`.
 */
export function opencodeToolEvent(
  part: Record<string, unknown>,
  fallbackTs: string,
  cwd: string | undefined,
): ToolEvent {
  const name = str(part.tool) ?? 'tool';
  const state = obj(part.state) ?? {};
  const input = obj(state.input) ?? {};
  const meta = obj(state.metadata) ?? {};
  const time = obj(state.time);
  const e: ToolEvent = {
    id: `t-${str(part.callID) ?? str(part.id) ?? fallbackTs}`,
    kind: 'tool',
    ts: isoTime(time?.start, fallbackTs),
    name,
    category: CATEGORIES[name] ?? 'other',
    input: state.input ?? {},
    status: STATUS[str(state.status) ?? ''] ?? 'pending',
  };
  const start = num(time?.start);
  const end = num(time?.end);
  if (start !== undefined && end !== undefined) e.durationMs = Math.max(0, end - start);
  const output = str(state.output) ?? str(meta.output);
  if (output !== undefined) e.output = output;
  if (e.status === 'error') e.error = str(state.error) ?? 'error';
  const rel = (p: string): string => (cwd ? relativeTo(cwd, p) : p);
  const filePath = str(input.filePath) ?? str(input.path);
  if (e.category === 'command') {
    const command = str(input.command);
    if (command !== undefined) {
      e.command = command;
      const reads = commandReads(command).map((p) => resolveAgentPath(p, cwd, str(input.workdir)));
      if (reads.length > 0) e.reads = reads;
    }
    e.exitCode = num(meta.exit) ?? null;
    if (e.exitCode !== null && e.exitCode !== 0 && e.status === 'ok') {
      e.status = 'error';
      e.error = `exit code ${e.exitCode}`;
    }
  } else if (e.category === 'read' && filePath) {
    e.reads = [rel(filePath)];
  } else if (e.category === 'edit' && e.status !== 'error') {
    const changes = editChanges(name, input, meta, filePath ? rel(filePath) : undefined, cwd);
    if (changes.length > 0) e.changes = changes;
  }
  if (name === 'task' && str(meta.sessionId)) e.spawnedAgentId = str(meta.sessionId)!;
  return e;
}

function editChanges(
  name: string,
  input: Record<string, unknown>,
  meta: Record<string, unknown>,
  path: string | undefined,
  cwd: string | undefined,
): FileChange[] {
  const patchText = str(input.patchText) ?? str(input.patch);
  if ((name === 'patch' || name === 'apply_patch') && patchText && looksLikePatch(patchText)) {
    return patchToChanges(
      parseApplyPatch(patchText),
      (p) => resolveAgentPath(p, cwd),
      new KnownFiles(),
    );
  }
  if (!path) return [];
  const filediff = obj(meta.filediff);
  const before = str(filediff?.before);
  const after = str(filediff?.after) ?? (name === 'write' ? str(input.content) : undefined);
  const diff = str(meta.diff);
  // write reports whether the file existed; without that, a write with no prior content is a creation
  const created =
    name === 'write' && (meta.exists === false || (meta.exists === undefined && !before));
  const change: FileChange = { path, op: created ? 'create' : 'modify', added: 0, removed: 0 };
  if (diff) {
    change.patch = withTrailHeaders(diff, path, change.op === 'create');
    Object.assign(change, diffstat(change.patch));
  } else if (filediff) {
    change.added = num(filediff.additions) ?? 0;
    change.removed = num(filediff.deletions) ?? 0;
  } else if (name === 'write' && after !== undefined) {
    change.added = countLines(after);
  }
  if (before !== undefined) change.before = change.op === 'create' ? null : before;
  else if (change.op === 'create') change.before = null;
  if (after !== undefined) change.after = after;
  return [change];
}
