import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TrailError } from '@trail/model';
import { CAPTURE_CODES } from './codes.js';
import { codexHooksSupport, type CodexHooksSupport } from './hooks-support.js';
import { arr, obj, str } from './json-value.js';

/** The Codex hook events trail listens to (formats.md 2.5). */
export const CODEX_HOOK_EVENTS = [
  'SessionStart',
  'UserPromptSubmit',
  'PreToolUse',
  'PostToolUse',
  'Stop',
] as const;

/** Options of {@link installCodexHooks}. */
export interface InstallCodexHooksOptions {
  /** Remove trail's hooks instead of installing them. */
  remove?: boolean;
  /** Events to install (default: all of {@link CODEX_HOOK_EVENTS}). */
  events?: readonly string[];
  /** Seconds Codex waits for each hook (default 10; trail's hooks return in milliseconds). */
  timeoutSec?: number;
  /** The installed Codex version (`codex --version`), when the caller knows it. */
  version?: string;
  /** Install even when the version says Codex has no hooks. */
  force?: boolean;
  /** Recognises trail's own hook commands, including older spellings (default: exact match). */
  isOurs?: (command: string) => boolean;
}

/** What {@link installCodexHooks} did. */
export interface InstallCodexHooksResult {
  /** The hooks file. */
  file: string;
  /** False when nothing was written (already up to date, or Codex lacks hooks). */
  changed: boolean;
  /** False when installation was refused because the installed Codex has no hooks. */
  installed: boolean;
  /** Events that gained a trail hook. */
  added: string[];
  /** Trail hook entries taken out (stale spellings, or all of them with `remove`). */
  removed: number;
  support: CodexHooksSupport;
}

interface HookEntry {
  type?: unknown;
  command?: unknown;
  [k: string]: unknown;
}

/**
 * Writes trail's hooks into `<codexHome>/hooks.json`, merging with what is there: other
 * hooks and unknown keys are preserved, trail's entries are added once (running it twice
 * changes nothing), stale trail entries are replaced. With `remove`, only trail's entries
 * go. Refuses (installed: false) when the installed Codex predates hooks. A hooks file
 * that is not valid JSON is never overwritten: `CODEX_HOOKS_FILE_INVALID` is thrown.
 */
export async function installCodexHooks(
  codexHome: string,
  command: (event: string) => string,
  opts: InstallCodexHooksOptions = {},
): Promise<InstallCodexHooksResult> {
  const support = await codexHooksSupport(codexHome, opts.version ? { version: opts.version } : {});
  const file = support.hooksFile;
  const result: InstallCodexHooksResult = {
    file,
    changed: false,
    installed: true,
    added: [],
    removed: 0,
    support,
  };
  if (!opts.remove && support.supported === false && !opts.force)
    return { ...result, installed: false };
  const events = opts.events ?? CODEX_HOOK_EVENTS;
  const wanted = new Map(events.map((e) => [e, command(e)]));
  const ours = new Set([...CODEX_HOOK_EVENTS, ...events].map((e) => command(e)));
  const isOurs = opts.isOurs ?? ((c: string) => ours.has(c));
  const doc = await readHooksFile(file);
  const hooks = obj(doc.hooks) ?? {};
  for (const event of new Set([...Object.keys(hooks), ...wanted.keys()])) {
    const want = opts.remove ? undefined : wanted.get(event);
    let present = false;
    const groups = arr(hooks[event]).flatMap((g) => {
      const group = obj(g);
      if (!group) return [g];
      const kept = arr(group.hooks).filter((h) => {
        const c = str((h as HookEntry | null)?.command);
        if (c === undefined || !isOurs(c)) return true;
        if (c === want && !present) return (present = true);
        result.removed++;
        return false;
      });
      if (kept.length === 0 && arr(group.hooks).length > 0) return [];
      return [{ ...group, hooks: kept }];
    });
    if (want !== undefined && !present) {
      groups.push({ hooks: [{ type: 'command', command: want, timeout: opts.timeoutSec ?? 10 }] });
      result.added.push(event);
    }
    if (groups.length > 0) hooks[event] = groups;
    else delete hooks[event];
  }
  if (result.added.length === 0 && result.removed === 0) return result;
  doc.hooks = hooks;
  await writeAtomic(file, JSON.stringify(doc, null, 2) + '\n');
  return { ...result, changed: true };
}

async function readHooksFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { hooks: {} };
    throw new TrailError(CAPTURE_CODES.unreadable, `cannot read ${file}`, { file }, { cause: e });
  }
  if (text.trim() === '') return { hooks: {} };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new TrailError(
      CAPTURE_CODES.hooksFileInvalid,
      `${file} is not valid JSON; fix or move it, trail will not overwrite it`,
      { file },
      { cause: e },
    );
  }
  const root = obj(doc);
  if (!root || (root.hooks !== undefined && !obj(root.hooks)))
    throw new TrailError(
      CAPTURE_CODES.hooksFileInvalid,
      `${file} is not a Codex hooks file ({"hooks": {...}})`,
      { file },
    );
  return root;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.trail-${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, file);
}
