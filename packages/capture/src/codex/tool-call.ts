import type { FileChange, ToolCategory, ToolEvent } from '@trail/model';
import { looksLikePatch, parseApplyPatch } from './apply-patch.js';
import { commandReads } from './command-reads.js';
import { heredocAction, splitHeredocs } from './heredoc.js';
import { toolEventId } from './ids.js';
import { arr, obj, str } from './json-value.js';
import { resolveAgentPath, type KnownFiles } from './known-files.js';
import { patchToChanges } from './patch-changes.js';
import { argvToCommand } from './shell-command.js';
import { writeChange } from './write-change.js';

/** A tool call as the rollout records it, whatever the era. */
export interface CodexToolCall {
  /** The call id shared with the output (absent on some local_shell_call records). */
  callId: string;
  /** Tool name (`shell`, `exec_command`, `apply_patch`...; `local_shell` for local_shell_call). */
  name: string;
  /** Arguments: parsed JSON for function calls, the raw string for custom tools. */
  input: unknown;
  ts: string;
}

/** Where the call ran and what the session knows, for resolving paths and diffs. */
export interface ToolContext {
  /** Session working directory (FileChange paths are relative to it). */
  cwd?: string;
  /** The current turn's working directory, when it differs. */
  turnCwd?: string;
  known: KnownFiles;
}

/** A tool event built from a call, with what the importer counts about it. */
export interface BuiltTool {
  event: ToolEvent;
  /** apply_patch invocations in this call (direct, via argv, or in a heredoc). */
  patches: number;
  /** File operations in those patches. */
  patchFiles: number;
  /** Files written by `cat`/`tee` heredocs. */
  heredocWrites: number;
  /** Tolerated deviations in patches, for the problem log. */
  warnings: string[];
}

const SHELL_ARGV = new Set(['shell', 'container.exec', 'local_shell']);
const SHELL_LINE: Record<string, string> = { shell_command: 'command', exec_command: 'cmd' };

/** Builds the (pending) tool event for a call: category, command, files read and changed. */
export function buildToolEvent(call: CodexToolCall, ctx: ToolContext): BuiltTool {
  const input = obj(call.input);
  const built: BuiltTool = {
    event: {
      id: toolEventId(call.callId),
      kind: 'tool',
      ts: call.ts,
      name: call.name,
      category: category(call.name),
      input: call.input,
      status: 'pending',
    },
    patches: 0,
    patchFiles: 0,
    heredocWrites: 0,
    warnings: [],
  };
  const workdir = str(input?.workdir) ?? str(input?.working_directory);
  const resolve = (p: string, cd?: string): string =>
    resolveAgentPath(
      p,
      ctx.cwd,
      cd !== undefined ? joinDir(workdir ?? ctx.turnCwd, cd) : (workdir ?? ctx.turnCwd),
    );

  if (call.name === 'apply_patch') {
    const text =
      typeof call.input === 'string'
        ? call.input
        : (str(input?.input) ?? str(input?.patch) ?? str(input?.command) ?? '');
    addPatch(built, text, resolve, ctx.known);
    return built;
  }
  let script: string | undefined;
  if (SHELL_ARGV.has(call.name)) {
    const argv = arr(input?.command).filter((a): a is string => typeof a === 'string');
    if (argv.length >= 2 && /(^|[\\/])apply_?patch$/.test(argv[0]!)) {
      built.event.category = 'edit';
      addPatch(built, argv[1]!, resolve, ctx.known);
      return built;
    }
    script = argv.length > 0 ? argvToCommand(argv) : str(input?.command);
  } else if (SHELL_LINE[call.name]) {
    script = str(input?.[SHELL_LINE[call.name]!]);
  }
  if (script === undefined) {
    if (call.name === 'view_image' && str(input?.path))
      built.event.reads = [resolve(str(input?.path)!)];
    return built;
  }
  analyseScript(built, script, resolve, ctx.known);
  return built;
}

function analyseScript(
  built: BuiltTool,
  script: string,
  resolve: (p: string, cd?: string) => string,
  known: KnownFiles,
): void {
  const parts = splitHeredocs(script);
  const changes: FileChange[] = [];
  for (const h of parts.heredocs) {
    const action = heredocAction(h);
    if (action.kind === 'apply_patch')
      changes.push(...patchChanges(built, action.patch, (p) => resolve(p, action.cd), known));
    else if (action.kind === 'write') {
      built.heredocWrites++;
      changes.push(writeChange(resolve(action.path), action.content, action.append, known));
    }
  }
  const only = parts.heredocs.length === 1 ? parts.heredocs[0]! : undefined;
  // Codex itself runs `apply_patch <<EOF` (optionally after `cd dir &&`) as a patch, not a command
  const pureEdit =
    only !== undefined &&
    heredocAction(only).kind === 'apply_patch' &&
    parts.commands.trim() === only.command.trim() &&
    /^\s*(?:cd\s+\S+\s*&&\s*)?apply_patch\s*<</.test(only.command);
  if (pureEdit) built.event.category = 'edit';
  else {
    built.event.command = script;
    const reads = commandReads(parts.commands).map((p) => resolve(p));
    if (reads.length > 0) built.event.reads = reads;
  }
  if (changes.length > 0) built.event.changes = changes;
}

function addPatch(
  built: BuiltTool,
  text: string,
  resolve: (p: string) => string,
  known: KnownFiles,
): void {
  const changes = patchChanges(built, text, resolve, known);
  built.event.changes = changes;
}

function patchChanges(
  built: BuiltTool,
  text: string,
  resolve: (p: string) => string,
  known: KnownFiles,
): FileChange[] {
  built.patches++;
  if (!looksLikePatch(text)) {
    built.warnings.push('apply_patch input has no file operation');
    return [];
  }
  const parsed = parseApplyPatch(text);
  built.patchFiles += parsed.files.length;
  built.warnings.push(...parsed.warnings.map((w) => `apply_patch ${w}`));
  return patchToChanges(parsed, resolve, known);
}

function joinDir(base: string | undefined, cd: string): string {
  if (cd.startsWith('/') || /^[a-z]:[\\/]/i.test(cd) || !base) return cd;
  return `${base.replace(/[\\/]+$/, '')}/${cd}`;
}

/** The category of a Codex tool by name. */
export function category(name: string): ToolCategory {
  switch (name) {
    case 'shell':
    case 'shell_command':
    case 'exec_command':
    case 'write_stdin':
    case 'local_shell':
    case 'container.exec':
    case 'unified_exec':
      return 'command';
    case 'apply_patch':
      return 'edit';
    case 'update_plan':
      return 'plan';
    case 'view_image':
    case 'read_file':
    case 'list_dir':
      return 'read';
    case 'grep_files':
      return 'search';
    case 'web_search':
    case 'web_search_call':
      return 'web';
    case 'spawn_agent':
    case 'send_input':
    case 'wait':
    case 'close_agent':
      return 'agent';
    default:
      return 'other';
  }
}
