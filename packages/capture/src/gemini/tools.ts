import {
  countLines,
  diffstat,
  relativeTo,
  type FileChange,
  type ToolCategory,
  type ToolEvent,
  type ToolStatus,
} from '@trail/model';
import { arr, obj, str } from '../codex/json-value.js';
import { hunksText, withTrailHeaders } from '../codex/patch-changes.js';
import type { PatchLine } from '../codex/apply-patch.js';

const CATEGORIES: Record<string, ToolCategory> = {
  run_shell_command: 'command',
  write_file: 'edit',
  replace: 'edit',
  edit: 'edit',
  read_file: 'read',
  read_many_files: 'read',
  list_directory: 'read',
  ls: 'read',
  glob: 'search',
  search_file_content: 'search',
  grep: 'search',
  grep_search: 'search',
  web_fetch: 'web',
  google_web_search: 'web',
  write_todos: 'plan',
  save_memory: 'other',
  delegate_to_agent: 'agent',
  codebase_investigator: 'agent',
};

const STATUS: Record<string, ToolStatus> = {
  success: 'ok',
  error: 'error',
  cancelled: 'interrupted',
};

/**
 * A Gemini tool call record (`{id, name, args, result, status, timestamp, resultDisplay}`)
 * as a tool event. Edits take their diff from `resultDisplay` (`{fileDiff, originalContent,
 * newContent}`) when Gemini recorded it, else from the arguments; shell commands take their
 * exit code from the `Exit Code:` line of the function response.
 */
export function geminiToolEvent(
  call: Record<string, unknown>,
  fallbackTs: string,
  cwd: string | undefined,
): ToolEvent {
  const name = str(call.name) ?? 'tool';
  const args = obj(call.args) ?? {};
  const e: ToolEvent = {
    id: `t-${str(call.id) ?? `${name}-${fallbackTs}`}`,
    kind: 'tool',
    ts: str(call.timestamp) ?? fallbackTs,
    name,
    category: CATEGORIES[name] ?? 'other',
    input: call.args ?? {},
    status: STATUS[str(call.status) ?? ''] ?? 'pending',
  };
  const rel = (p: string): string => (cwd ? relativeTo(cwd, p) : p);
  const output =
    resultText(call.result) ??
    (typeof call.resultDisplay === 'string' ? call.resultDisplay : undefined);
  if (output !== undefined) e.output = output;
  if (e.status === 'error') e.error = firstLine(output ?? 'error');
  const path =
    str(args.file_path) ?? str(args.absolute_path) ?? str(args.path) ?? str(args.dir_path);
  if (e.category === 'command') {
    const command = str(args.command);
    if (command !== undefined) e.command = command;
    const code = /^Exit Code: (-?\d+)\s*$/m.exec(output ?? '');
    e.exitCode = code ? Number(code[1]) : null;
    if (e.exitCode !== null && e.exitCode !== 0 && e.status === 'ok') {
      e.status = 'error';
      e.error = `exit code ${e.exitCode}`;
    }
  } else if (e.category === 'read' && path) {
    e.reads = [rel(path)];
  } else if (e.category === 'read' && Array.isArray(args.paths)) {
    e.reads = arr(args.paths)
      .filter((p): p is string => typeof p === 'string')
      .map(rel);
  } else if (e.category === 'edit' && path && e.status !== 'error' && e.status !== 'interrupted') {
    e.changes = [editChange(name, rel(path), args, obj(call.resultDisplay), output ?? '')];
  }
  return e;
}

function editChange(
  name: string,
  path: string,
  args: Record<string, unknown>,
  display: Record<string, unknown> | undefined,
  output: string,
): FileChange {
  const diff = str(display?.fileDiff);
  const before =
    display && 'originalContent' in display
      ? display.originalContent === null
        ? null
        : str(display.originalContent)
      : undefined;
  const after = str(display?.newContent) ?? (name === 'write_file' ? str(args.content) : undefined);
  // without Gemini's display record, its reply says whether write_file created the file
  const created =
    before === null ||
    (before === '' && name === 'write_file') ||
    display?.isNewFile === true ||
    (!display && name === 'write_file' && /created and wrote to new file/i.test(output));
  const change: FileChange = { path, op: created ? 'create' : 'modify', added: 0, removed: 0 };
  if (diff !== undefined) {
    change.patch = withTrailHeaders(diff, path, created);
    Object.assign(change, diffstat(change.patch));
  } else if (name === 'write_file' && after !== undefined && created) {
    change.added = countLines(after);
  } else {
    const oldS = str(args.old_string);
    const newS = str(args.new_string);
    if (oldS !== undefined && newS !== undefined) {
      const lines: PatchLine[] = [
        ...splitText(oldS).map((t) => ({ op: '-' as const, text: t })),
        ...splitText(newS).map((t) => ({ op: '+' as const, text: t })),
      ];
      change.patch = hunksText(path, path, [{ lines, endOfFile: false }]);
      Object.assign(change, diffstat(change.patch));
    }
  }
  if (before !== undefined) change.before = before;
  else if (created) change.before = null;
  if (after !== undefined) change.after = after;
  return change;
}

function splitText(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The text of a tool result: `[{functionResponse: {response: {output | error}}}]` or a string. */
function resultText(result: unknown): string | undefined {
  if (typeof result === 'string') return result;
  const parts = Array.isArray(result) ? result : result ? [result] : [];
  const texts: string[] = [];
  for (const part of parts) {
    const p = obj(part);
    const response = obj(obj(p?.functionResponse)?.response);
    const t =
      str(response?.output) ?? str(response?.error) ?? str(response?.content) ?? str(p?.text);
    if (t !== undefined) texts.push(t);
    else if (response) texts.push(JSON.stringify(response));
  }
  return texts.length > 0 ? texts.join('\n') : undefined;
}

function firstLine(text: string): string {
  const t = text.trim();
  const nl = t.indexOf('\n');
  return (nl < 0 ? t : t.slice(0, nl)).slice(0, 500) || 'error';
}
