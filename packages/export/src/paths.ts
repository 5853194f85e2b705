import { relativeTo } from '@trail/model';

/** A path relative to the session's directory when it lies inside it (the way `git` shows it). */
export function relativePath(cwd: string, path: string): string {
  return cwd ? relativeTo(cwd, path) : path;
}

/** Rewrites `--- a/<abs>` / `+++ b/<abs>` diff headers to paths relative to `cwd`. */
export function relativeHeaders(patch: string, cwd: string): string {
  if (!cwd) return patch;
  return patch.replace(
    /^(---|\+\+\+) (a|b)\/(.+)$/gm,
    (_m, sign: string, side: string, p: string) => {
      const abs = p.startsWith('/') || /^[a-z]:/i.test(p) ? p : '/' + p;
      return `${sign} ${side}/${relativeTo(cwd, abs)}`;
    },
  );
}

const PATH_KEYS = ['file_path', 'path', 'notebook_path'] as const;
const LABEL_KEYS = ['pattern', 'url', 'query', 'description', 'prompt', 'skill'] as const;

/**
 * What a tool call was about, for a timeline line: its command, the path it touched (relative),
 * or its main argument; falls back to the stored preview without the tool's name.
 */
export function toolLabel(
  tool: string,
  command: string | undefined,
  input: unknown,
  preview: string,
  cwd: string,
): string {
  if (command) return command;
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const o = input as Record<string, unknown>;
    for (const k of PATH_KEYS) {
      const v = o[k];
      if (typeof v === 'string' && v) return relativePath(cwd, v);
    }
    for (const k of LABEL_KEYS) {
      const v = o[k];
      if (typeof v === 'string' && v) return v;
    }
  }
  return preview.startsWith(`${tool} `) ? preview.slice(tool.length + 1) : preview;
}

/** The tool input stored in a blob, parsed; undefined when absent or not JSON. */
export function parseInput(json: string | undefined): unknown {
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
