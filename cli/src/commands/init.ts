import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { TrailError } from '@trail/model';
import {
  installTrailHooks,
  readSettings,
  removeTrailHooks,
  shellQuote,
  userSettingsFile,
  writeSettings,
} from '../claude-settings.js';
import { homeOf } from '../context.js';
import { info, printJson, type GlobalOptions } from '../output.js';

interface InitOptions extends GlobalOptions {
  project?: boolean;
  remove?: boolean;
  settings?: string;
  agent?: string;
}

/** Absolute paths of the hook entry point and the CLI in this installation. */
export function entryPoints(): { node: string; hook: string; cli: string } {
  const bin = fileURLToPath(new URL('../../bin/', import.meta.url));
  return { node: process.execPath, hook: join(bin, 'trail-hook.js'), cli: join(bin, 'trail.js') };
}

/** The exact command a hook runs: absolute node, absolute entry, the store home baked in. */
export function hookCommand(home: string, agent: string, event?: string): string {
  const e = entryPoints();
  return [
    e.node,
    e.hook,
    '--agent',
    agent,
    '--home',
    home,
    '--cli',
    e.cli,
    ...(event ? ['--event', event] : []),
  ]
    .map(shellQuote)
    .join(' ');
}

function projectSettingsFile(): string {
  let root = process.cwd();
  try {
    root =
      execFileSync('git', ['rev-parse', '--show-toplevel'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || root;
  } catch {
    // not a git repository: the current directory is the project
  }
  return join(root, '.claude', 'settings.json');
}

/** `trail init`: install (or with --remove, uninstall) trail's Claude Code (or Codex) hooks. */
export async function run(opts: InitOptions): Promise<void> {
  if (opts.agent === 'codex') {
    if (opts.project || opts.settings)
      throw new TrailError(
        'USAGE',
        '--project and --settings are for Claude Code; Codex hooks go in $CODEX_HOME/hooks.json',
      );
    const home = homeOf(opts).root;
    const { initCodex } = await import('./init-codex.js');
    return initCodex(opts, home, (event) => hookCommand(home, 'codex', event));
  }
  const file = opts.settings ?? (opts.project ? projectSettingsFile() : userSettingsFile());
  const settings = readSettings(file);
  const home = homeOf(opts).root;
  if (opts.remove) {
    const removed = removeTrailHooks(settings);
    if (removed > 0) writeSettings(file, settings);
    if (opts.json) printJson({ settings: file, removed });
    else
      info(
        opts,
        removed > 0
          ? `removed ${removed} trail hook${removed === 1 ? '' : 's'} from ${file}`
          : `no trail hooks in ${file}`,
      );
    return;
  }
  const r = installTrailHooks(settings, () => hookCommand(home, 'claude-code'));
  if (r.added.length > 0) writeSettings(file, settings);
  if (opts.json) {
    printJson({ settings: file, home, added: r.added, unchanged: r.unchanged });
    return;
  }
  if (r.added.length === 0) info(opts, `trail hooks already installed in ${file}`);
  else info(opts, `installed trail hooks for ${r.added.join(', ')} in ${file}`);
  info(opts, `sessions will be recorded into ${home}; check with \`trail doctor\``);
}
