import type { ToolCategory } from '@trail/model';
import { claudeFileChanges } from './edits.js';
import { arr, isObj, num, obj, str, text, type Obj } from './json.js';
import {
  afterFirstLine,
  blocksText,
  exitCodeIn,
  isInterruptText,
  joinOutput,
  looksLikeError,
  parsePersistedOutput,
} from './tool-text.js';
import type { ClaudeToolOptions, NormalizedClaudeTool } from './types.js';

const CATEGORIES: Record<string, ToolCategory> = {
  Read: 'read',
  NotebookRead: 'read',
  Write: 'edit',
  Edit: 'edit',
  MultiEdit: 'edit',
  NotebookEdit: 'edit',
  Bash: 'command',
  BashOutput: 'command',
  TaskOutput: 'command',
  Grep: 'search',
  Glob: 'search',
  LS: 'search',
  ToolSearch: 'search',
  WebFetch: 'web',
  WebSearch: 'web',
  Task: 'agent',
  Agent: 'agent',
  TodoWrite: 'plan',
  TodoRead: 'plan',
  ExitPlanMode: 'plan',
  EnterPlanMode: 'plan',
  AskUserQuestion: 'plan',
  TaskCreate: 'plan',
  TaskUpdate: 'plan',
  TaskList: 'plan',
  TaskGet: 'plan',
};

/** The category of a Claude Code tool; MCP tools (`mcp__server__tool`) and the rest are 'other'. */
export function claudeToolCategory(name: string): ToolCategory {
  return Object.hasOwn(CATEGORIES, name) ? CATEGORIES[name]! : 'other';
}

/**
 * Normalizes one Claude Code tool call from its name, input and structured result
 * (`toolUseResult` in transcripts, `tool_response` in PostToolUse hooks). Shared by the
 * transcript importer and the live hook path so both describe a call alike.
 * `response === undefined` with no error and no result text means the call has not
 * finished ('pending'). Paths are kept exactly as recorded.
 */
export function normalizeClaudeTool(
  name: string,
  input: unknown,
  response: unknown,
  opts: ClaudeToolOptions = {},
): NormalizedClaudeTool {
  const inp = obj(input);
  const category = claudeToolCategory(name);
  const out: NormalizedClaudeTool = { category, status: 'pending' };
  if (category === 'command' && name === 'Bash') {
    const command = str(inp.command);
    if (command !== undefined) out.command = command;
  }
  const finished =
    response !== undefined ||
    opts.isError !== undefined ||
    opts.resultText !== undefined ||
    opts.errorText !== undefined;
  if (!finished) return out;
  const isError =
    opts.isError ??
    (opts.errorText !== undefined || (typeof response === 'string' && looksLikeError(response)));
  if (isError) return failed(name, out, response, opts);
  out.status = 'ok';
  const r = obj(response);
  switch (category) {
    case 'read':
      return read(out, inp, r, opts);
    case 'edit': {
      const changes = claudeFileChanges(name, inp, response);
      if (changes) out.changes = changes;
      setOutput(out, opts.resultText);
      return out;
    }
    case 'command':
      return command(name, out, inp, response, opts);
    case 'search':
      setOutput(out, searchOutput(r) ?? opts.resultText ?? plain(response));
      return out;
    case 'web':
      setOutput(out, webOutput(r) ?? opts.resultText ?? plain(response));
      return out;
    case 'agent': {
      const agentId = text(r.agentId);
      if (agentId !== undefined) out.spawnedAgentId = agentId;
      setOutput(out, blocksText(r.content) ?? opts.resultText ?? plain(response));
      return out;
    }
    case 'plan':
      setOutput(out, planOutput(name, inp, r) ?? opts.resultText ?? plain(response));
      return out;
    default:
      setOutput(out, opts.resultText ?? plain(response));
      return out;
  }
}

function setOutput(out: NormalizedClaudeTool, s: string | undefined): void {
  if (s !== undefined) out.output = s;
}

function failed(
  name: string,
  out: NormalizedClaudeTool,
  response: unknown,
  opts: ClaudeToolOptions,
): NormalizedClaudeTool {
  const error = (
    opts.errorText ??
    (typeof response === 'string' ? response : undefined) ??
    opts.resultText ??
    'tool call failed'
  ).trim();
  out.status =
    isInterruptText(error) || obj(response).interrupted === true ? 'interrupted' : 'error';
  out.error = error;
  if (name === 'Bash') {
    const code = exitCodeIn(error);
    out.exitCode = code ?? null;
    if (code !== undefined) {
      const rest = afterFirstLine(error);
      if (rest !== undefined) out.output = rest;
    }
  }
  return out;
}

function read(
  out: NormalizedClaudeTool,
  inp: Obj,
  r: Obj,
  opts: ClaudeToolOptions,
): NormalizedClaudeTool {
  const file = obj(r.file);
  const path = str(inp.file_path) ?? str(inp.notebook_path) ?? str(file.filePath);
  if (path !== undefined) out.reads = [path];
  if (typeof file.content === 'string') out.output = file.content;
  else if (r.type === 'image')
    out.output = `[image${typeof file.type === 'string' ? ` ${file.type}` : ''}]`;
  else setOutput(out, opts.resultText);
  return out;
}

function command(
  name: string,
  out: NormalizedClaudeTool,
  inp: Obj,
  response: unknown,
  opts: ClaudeToolOptions,
): NormalizedClaudeTool {
  if (!isObj(response)) {
    // Very old transcripts and hooks may give the output as a plain string.
    setOutput(out, typeof response === 'string' ? response : opts.resultText);
    if (name === 'Bash') out.exitCode = 0;
    return out;
  }
  const r = response;
  if (name !== 'Bash') {
    const cmd = str(r.command);
    if (cmd !== undefined) out.command = cmd;
    setOutput(out, joinOutput(str(r.stdout), str(r.stderr)) ?? str(r.output) ?? opts.resultText);
    out.exitCode = num(r.exitCode) ?? num(r.exit_code) ?? null;
    return out;
  }
  let output = joinOutput(str(r.stdout), str(r.stderr));
  const persisted = parsePersistedOutput(output) ?? parsePersistedOutput(opts.resultText);
  const savedTo = str(r.persistedOutputPath) ?? persisted?.path;
  if (persisted || savedTo !== undefined) {
    const size = num(r.persistedOutputSize);
    const preview = persisted?.preview ?? output ?? '';
    output = `${preview}\n[full output${size !== undefined ? ` (${size} bytes)` : ''} saved to ${savedTo ?? 'a tool-results file'}]`;
  }
  setOutput(out, output ?? opts.resultText);
  if (r.interrupted === true) {
    out.status = 'interrupted';
    out.exitCode = null;
    return out;
  }
  const interpretation = str(r.returnCodeInterpretation);
  if (interpretation !== undefined) {
    // Claude Code reinterpreted a non-zero status as "not an error" (grep's 1: no matches).
    out.exitCode = exitCodeIn(interpretation) ?? null;
  } else if (text(r.backgroundTaskId) !== undefined && r.stdout === '') {
    out.exitCode = null; // still running in the background
  } else {
    out.exitCode = 0;
  }
  return out;
}

function plain(response: unknown): string | undefined {
  if (response === undefined || response === null) return undefined;
  if (typeof response === 'string') return response;
  if (Array.isArray(response)) return blocksText(response) ?? JSON.stringify(response);
  return JSON.stringify(response);
}

function searchOutput(r: Obj): string | undefined {
  if (typeof r.content === 'string') return r.content;
  if (Array.isArray(r.filenames))
    return r.filenames.filter((f) => typeof f === 'string').join('\n');
  if (Array.isArray(r.matches))
    return r.matches.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join('\n');
  return undefined;
}

function webOutput(r: Obj): string | undefined {
  if (typeof r.result === 'string') return r.result;
  if (!Array.isArray(r.results)) return undefined;
  const lines: string[] = [];
  for (const res of r.results) {
    if (typeof res === 'string') lines.push(res);
    for (const c of arr(obj(res).content)) {
      const hit = obj(c);
      if (typeof hit.url === 'string') lines.push(`${str(hit.title) ?? ''} ${hit.url}`.trim());
    }
  }
  return lines.join('\n');
}

function planOutput(name: string, inp: Obj, r: Obj): string | undefined {
  if (name === 'TodoWrite') {
    const todos = Array.isArray(r.newTodos) ? r.newTodos : arr(inp.todos);
    return todos
      .filter(isObj)
      .map((t) => `[${str(t.status) ?? ' '}] ${str(t.content) ?? ''}`)
      .join('\n');
  }
  if (name === 'ExitPlanMode') return str(r.plan) ?? str(inp.plan);
  if (name === 'AskUserQuestion' && isObj(r.answers)) {
    return Object.entries(r.answers)
      .map(([q, a]) => `${q} → ${typeof a === 'string' ? a : JSON.stringify(a)}`)
      .join('\n');
  }
  return undefined;
}
