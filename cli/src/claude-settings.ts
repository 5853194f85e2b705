import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { TrailError } from '@trail/model';

/** The Claude Code hook events trail records (all exist in every 2025+ version). */
export const CLAUDE_EVENTS = [
  'SessionStart',
  'UserPromptSubmit',
  'PreToolUse',
  'PostToolUse',
  'Stop',
  'SubagentStop',
  'SessionEnd',
] as const;

/** What marks a hook command as trail's own. */
export const TRAIL_MARK = 'trail-hook.js';

interface Handler {
  type?: string;
  command?: string;
  timeout?: number;
  [k: string]: unknown;
}
interface MatcherGroup {
  matcher?: string;
  hooks?: Handler[];
  [k: string]: unknown;
}
/** Claude Code settings, only as far as trail touches them. */
export interface ClaudeSettings {
  hooks?: Record<string, MatcherGroup[]>;
  [k: string]: unknown;
}

/** Quotes a path for the shell that runs hook commands. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** User-level settings file: `$CLAUDE_CONFIG_DIR/settings.json` or `~/.claude/settings.json`. */
export function userSettingsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.CLAUDE_CONFIG_DIR || join(env.HOME || homedir(), '.claude'), 'settings.json');
}

/** Reads a settings file; a missing one is empty, an unreadable or invalid one is an error naming it. */
export function readSettings(file: string): ClaudeSettings {
  if (!existsSync(file)) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TrailError('SETTINGS_UNREADABLE', `cannot read ${file}: ${(e as Error).message}`, {
      file,
    });
  }
  if (text.trim() === '') return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
    return v as ClaudeSettings;
  } catch (e) {
    throw new TrailError(
      'SETTINGS_INVALID',
      `${file} is not valid JSON (${(e as Error).message}); fix it by hand first, trail will not overwrite it`,
      { file },
    );
  }
}

/** Writes settings atomically, keeping 2-space JSON. */
export function writeSettings(file: string, s: ClaudeSettings): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.trail-${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(s, null, 2) + '\n');
  renameSync(tmp, file);
}

/** True when a handler is one trail installed. */
export function isTrailHandler(h: Handler): boolean {
  return typeof h.command === 'string' && h.command.includes(TRAIL_MARK);
}

/** Removes trail's handlers everywhere, dropping groups and events left empty. Returns how many. */
export function removeTrailHooks(s: ClaudeSettings): number {
  let removed = 0;
  if (!s.hooks) return 0;
  for (const [event, groups] of Object.entries(s.hooks)) {
    if (!Array.isArray(groups)) continue;
    const kept: MatcherGroup[] = [];
    for (const g of groups) {
      const hooks = (g.hooks ?? []).filter((h) => {
        const mine = isTrailHandler(h);
        if (mine) removed++;
        return !mine;
      });
      if (hooks.length > 0 || (g.hooks ?? []).length === 0) kept.push({ ...g, hooks });
    }
    if (kept.length) s.hooks[event] = kept;
    else delete s.hooks[event];
  }
  if (Object.keys(s.hooks).length === 0) delete s.hooks;
  return removed;
}

/**
 * Installs trail's hook for every recorded event, replacing an older trail hook (a moved
 * checkout) and keeping every other hook untouched. Idempotent.
 */
export function installTrailHooks(
  s: ClaudeSettings,
  commandFor: (event: string) => string,
): { added: string[]; unchanged: string[] } {
  const added: string[] = [];
  const unchanged: string[] = [];
  const hooks = (s.hooks ??= {});
  for (const event of CLAUDE_EVENTS) {
    const command = commandFor(event);
    const groups = (hooks[event] ??= []);
    const present = groups.some((g) => (g.hooks ?? []).some((h) => h.command === command));
    if (present) {
      unchanged.push(event);
      continue;
    }
    for (const g of groups) g.hooks = (g.hooks ?? []).filter((h) => !isTrailHandler(h));
    hooks[event] = groups.filter((g) => (g.hooks ?? []).length > 0);
    const group: MatcherGroup = { hooks: [{ type: 'command', command, timeout: 10 }] };
    if (event === 'PreToolUse' || event === 'PostToolUse') group.matcher = '*';
    hooks[event].push(group);
    added.push(event);
  }
  return { added, unchanged };
}

/** Events whose trail hook is installed in these settings. */
export function installedEvents(s: ClaudeSettings): string[] {
  return Object.entries(s.hooks ?? {})
    .filter(
      ([, groups]) =>
        Array.isArray(groups) && groups.some((g) => (g.hooks ?? []).some(isTrailHandler)),
    )
    .map(([e]) => e);
}
