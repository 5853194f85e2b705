import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The real CLI and hook entry points (built). */
export const CLI = join(ROOT, 'cli', 'bin', 'trail.js');
export const HOOK = join(ROOT, 'cli', 'bin', 'trail-hook.js');
/** The shared corpus beside the checkout, when present. */
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temp directory removed after the test. */
export function tempDir(prefix = 'trail-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Environment for a CLI run against a given store home, isolated from the user's. */
export function envFor(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TRAIL_HOME: home,
    HOME: join(home, '..', 'userhome'),
    NO_COLOR: '1',
    CLAUDE_CONFIG_DIR: join(home, '..', 'claude-config'),
    ...extra,
  };
}

/** Runs the real CLI. */
export function trail(
  home: string,
  args: string[],
  opts: { input?: string; cwd?: string; env?: Record<string, string> } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: envFor(home, opts.env),
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** Runs the CLI and parses its --json output, failing loudly on a non-zero exit. */
export function trailJson<T = Record<string, unknown>>(
  home: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): T {
  const r = trail(home, [...args, '--json'], opts);
  if (r.status !== 0)
    throw new Error(`trail ${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(
      `trail ${args.join(' ')} printed invalid JSON:\n${r.stdout}\nstderr:\n${r.stderr}`,
    );
  }
}

/** Feeds one payload to the real hook entry point, as Claude Code does. */
export function runHook(
  home: string,
  payload: unknown,
  opts: { raw?: string; cli?: boolean } = {},
): SpawnSyncReturns<string> {
  const args = [
    HOOK,
    '--agent',
    'claude-code',
    '--home',
    home,
    ...(opts.cli === false ? [] : ['--cli', CLI]),
  ];
  return spawnSync(process.execPath, args, {
    encoding: 'utf8',
    input: opts.raw ?? JSON.stringify(payload),
    env: envFor(home),
  });
}

/** Runs git in a directory with a fixed identity. */
export function git(cwd: string, args: string[]): string {
  const r = spawnSync(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.invalid',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
