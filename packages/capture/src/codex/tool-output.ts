import { arr, num, obj, str, tryJson } from './json-value.js';

/** A tool output with the exit status and timing the era's format carries, when it does. */
export interface ParsedOutput {
  /** The output text the tool produced (the wrapper removed). */
  text: string;
  /** Exit code when the output states one; undefined when it does not. */
  exitCode?: number;
  durationMs?: number;
  /** Unified exec: the process is still running under this session id. */
  runningSession?: number;
  /** The output object said `success: false`. */
  failed?: boolean;
  /** The text had a recognised wrapper (JSON metadata or `Key: value` header lines). */
  structured?: boolean;
}

/**
 * Reads a tool output in any of the Codex eras (formats.md 2.3):
 * - legacy `shell`: a JSON string `{"output": "...", "metadata": {"exit_code", "duration_seconds"}}`;
 * - `shell_command`: `Exit code: N\nWall time: S seconds\nOutput:\n...`;
 * - unified exec: `Chunk ID: …\nWall time: …\nProcess exited with code N` (or
 *   `Process running with session ID N`)`\nOriginal token count: …\nOutput:\n...`;
 * - a payload object `{content, success}` or an array of content items;
 * - anything else: plain text, no exit code.
 */
export function parseToolOutput(output: unknown): ParsedOutput {
  if (Array.isArray(output)) return { text: contentText(output) };
  const o = obj(output);
  if (o) {
    const text = str(o.content) ?? contentText(arr(o.content_items)) ?? '';
    const inner = parseToolOutput(text);
    return o.success === false ? { ...inner, failed: true } : inner;
  }
  const raw =
    typeof output === 'string'
      ? output
      : output === undefined || output === null
        ? ''
        : JSON.stringify(output);
  return parseText(raw);
}

function parseText(raw: string): ParsedOutput {
  if (raw.startsWith('{')) {
    const j = obj(tryJson(raw));
    const meta = obj(j?.metadata);
    const text = str(j?.output);
    if (j && text !== undefined) {
      const r: ParsedOutput = { text, structured: true };
      const code = num(meta?.exit_code);
      const secs = num(meta?.duration_seconds);
      if (code !== undefined) r.exitCode = code;
      if (secs !== undefined) r.durationMs = Math.round(secs * 1000);
      return r;
    }
  }
  const head = header(raw);
  if (!head) return { text: raw };
  const r: ParsedOutput = { text: head.body, structured: true };
  const exit =
    head.fields.get('exit code') ??
    /^\d+$/.exec(head.fields.get('process exited with code') ?? '')?.[0];
  if (exit !== undefined && /^-?\d+$/.test(exit)) r.exitCode = Number(exit);
  const wall = /^([\d.]+)\s*s(?:econds?)?$/.exec(head.fields.get('wall time') ?? '');
  if (wall) r.durationMs = Math.round(Number(wall[1]) * 1000);
  const running = /^\d+$/.exec(head.fields.get('process running with session id') ?? '');
  if (running) r.runningSession = Number(running[0]);
  return r;
}

/**
 * Splits `Key: value` header lines from the body after `Output:`. Only recognised when
 * the text starts with one of the known keys, so ordinary outputs are left alone.
 */
function header(raw: string): { fields: Map<string, string>; body: string } | undefined {
  if (
    !/^(Exit code: |Chunk ID: |Wall time: |Process exited with code |Process running with session ID )/.test(
      raw,
    )
  )
    return undefined;
  const fields = new Map<string, string>();
  let rest = raw;
  while (rest.length > 0) {
    const nl = rest.indexOf('\n');
    const line = nl < 0 ? rest : rest.slice(0, nl);
    if (line === 'Output:') return { fields, body: nl < 0 ? '' : rest.slice(nl + 1) };
    const m =
      /^(Process exited with code|Process running with session ID) (\S+)$/.exec(line) ??
      /^([A-Za-z][A-Za-z ]*): (.*)$/.exec(line);
    if (!m) break;
    fields.set(m[1]!.toLowerCase(), m[2]!.trim());
    rest = nl < 0 ? '' : rest.slice(nl + 1);
  }
  return { fields, body: rest };
}

function contentText(items: unknown[]): string {
  return items
    .map((i) => str(obj(i)?.text))
    .filter((t): t is string => t !== undefined)
    .join('\n');
}
