import { spawnSync } from 'node:child_process';
import { TrailError } from '@trail/model';
import { CODEX_HOOKS_MIN_VERSION, defaultCodexHome, installCodexHooks } from '@trail/capture';
import { info, printJson, type GlobalOptions } from '../output.js';

/** The installed Codex's `--version` line, or undefined when `codex` cannot be run. */
export function codexVersion(): string | undefined {
  const r = spawnSync('codex', ['--version'], {
    encoding: 'utf8',
    timeout: 10_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const line = r.status === 0 ? r.stdout.trim().split('\n')[0] : undefined;
  return line && /\d+\.\d+\.\d+/.test(line) ? line : undefined;
}

/** Recognises trail's Codex hook commands, whatever paths an older installation baked in. */
const isOurs = (command: string) =>
  /trail-hook\.js/.test(command) && /--agent '?codex\b/.test(command);

/**
 * `trail init --agent codex`: writes trail's hooks into `$CODEX_HOME/hooks.json` (other hooks
 * kept), or with `remove` takes them out. Refuses, saying why, when the installed Codex
 * predates hooks; its sessions are then imported from its rollouts instead.
 */
export async function initCodex(
  opts: GlobalOptions & { remove?: boolean },
  home: string,
  command: (event: string) => string,
): Promise<void> {
  const codexHome = defaultCodexHome();
  const version = codexVersion();
  const r = await installCodexHooks(codexHome, command, {
    ...(version ? { version } : {}),
    ...(opts.remove ? { remove: true } : {}),
    isOurs,
  });
  if (!r.installed) {
    throw new TrailError(
      'CODEX_NO_HOOKS',
      `${r.support.reason}. Codex ${CODEX_HOOKS_MIN_VERSION} or newer can be recorded live; until then, import its sessions with \`trail import codex\``,
      { version: r.support.version ?? null, minimum: CODEX_HOOKS_MIN_VERSION },
    );
  }
  if (opts.json) {
    printJson({
      agent: 'codex',
      hooks: r.file,
      home,
      added: r.added,
      removed: r.removed,
      changed: r.changed,
      support: r.support,
    });
    return;
  }
  if (opts.remove) {
    info(
      opts,
      r.removed > 0
        ? `removed ${r.removed} trail hook${r.removed === 1 ? '' : 's'} from ${r.file}`
        : `no trail hooks in ${r.file}`,
    );
    return;
  }
  info(
    opts,
    r.added.length > 0
      ? `installed trail hooks for ${r.added.join(', ')} in ${r.file}`
      : `trail hooks already installed in ${r.file}`,
  );
  if (r.support.supported === 'unknown')
    info(
      opts,
      `could not tell whether this Codex runs hooks (${r.support.reason}); if it does not, \`trail import codex\` still records its sessions`,
    );
  if (r.support.featureFlag !== true)
    info(
      opts,
      `if Codex does not run them, turn hooks on in ${codexHome}/config.toml:  [features] codex_hooks = true`,
    );
  info(opts, `Codex sessions will be recorded into ${home}`);
}
