import { arr, isObj, str } from './json.js';

/**
 * The text of a `tool_result` content: a string, or text blocks joined by newlines with
 * `[image]` for images and the tool names of `tool_reference` blocks (ToolSearch). The
 * `<tool_use_error>` wrapper Claude Code puts around failures is removed.
 */
export function toolResultText(content: unknown): string | undefined {
  if (typeof content === 'string') return unwrapError(content);
  if (!Array.isArray(content)) return undefined;
  const parts: string[] = [];
  for (const b of content) {
    if (typeof b === 'string') parts.push(b);
    else if (!isObj(b)) continue;
    else if (b.type === 'text' && typeof b.text === 'string') parts.push(b.text);
    else if (b.type === 'image') parts.push('[image]');
    else if (b.type === 'tool_reference' && typeof b.tool_name === 'string')
      parts.push(b.tool_name);
  }
  return unwrapError(parts.join('\n'));
}

function unwrapError(s: string): string {
  const m = /^<tool_use_error>([\s\S]*)<\/tool_use_error>$/.exec(s.trim());
  return m ? m[1]! : s;
}

/** The text blocks of an array of content blocks (Task/Agent results, MCP results). */
export function blocksText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const parts = arr(v)
    .map((b) => (isObj(b) && b.type === 'text' ? str(b.text) : undefined))
    .filter((t): t is string => t !== undefined);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** A `<persisted-output>` marker: where the full output went and the preview kept inline. */
export interface PersistedOutput {
  path?: string;
  preview: string;
}

/**
 * Parses the marker Claude Code leaves when a tool output was too large to keep inline:
 * `<persisted-output>\nOutput too large (6.6MB). Full output saved to: <path>\n\nPreview
 * (first 2KB):\n…\n</persisted-output>`.
 */
export function parsePersistedOutput(s: string | undefined): PersistedOutput | undefined {
  if (s === undefined) return undefined;
  const start = s.indexOf('<persisted-output>');
  if (start === -1) return undefined;
  const body = s.slice(start + '<persisted-output>'.length).replace(/<\/persisted-output>\s*$/, '');
  const path = /(?:Full output saved to|Output has been saved to):?\s*(.+)/.exec(body)?.[1]?.trim();
  const pm = /^Preview[^\n]*:\n/m.exec(body);
  const preview = pm ? body.slice(pm.index + pm[0].length) : body;
  return { ...(path ? { path } : {}), preview: preview.replace(/\n+$/, '') };
}

/** The exit status in `Exit code N` / `Error: Exit code N` / `exit_code:N`, when present. */
export function exitCodeIn(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const m =
    /^(?:Error: )?Exit code:? (-?\d+)/.exec(s.trimStart()) ?? /^exit_code:(-?\d+)$/.exec(s.trim());
  return m ? Number(m[1]) : undefined;
}

/** Text after the first line (a failed command's output after its `Exit code N` line). */
export function afterFirstLine(s: string): string | undefined {
  const i = s.indexOf('\n');
  return i === -1 ? undefined : s.slice(i + 1);
}

/** True when a result or error text says the user interrupted the call. */
export function isInterruptText(s: string | undefined): boolean {
  return s !== undefined && /^\[Request interrupted by user/.test(s.trim());
}

/** True when a string `toolUseResult` reads as a failure (used when `is_error` is absent). */
export function looksLikeError(s: string): boolean {
  return /^(Error\b|InputValidationError|Cancelled:|User rejected|Permission for this tool|The user doesn't want|<tool_use_error>|\[Request interrupted)/.test(
    s.trimStart(),
  );
}

/** Joins stdout and stderr the way a terminal shows them; undefined when neither is known. */
export function joinOutput(
  stdout: string | undefined,
  stderr: string | undefined,
): string | undefined {
  if (stdout === undefined && stderr === undefined) return undefined;
  const out = stdout ?? '';
  const err = stderr ?? '';
  if (err === '') return out;
  if (out === '') return err;
  return out.endsWith('\n') ? out + err : `${out}\n${err}`;
}
