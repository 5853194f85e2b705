import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findCodexSessions } from './find.js';
import { obj, str, tryJson } from './json-value.js';

/** The first Codex CLI release with a hooks engine (SessionStart and Stop; more events later). */
export const CODEX_HOOKS_MIN_VERSION = '0.114.0';

/** Whether a Codex installation can run trail's hooks, and why. */
export interface CodexHooksSupport {
  /** true/false from the version; 'unknown' when no version is known or it is a source build (0.0.0). */
  supported: boolean | 'unknown';
  /** The Codex version the answer is based on. */
  version?: string;
  /** Where the version came from: given by the caller, or the newest rollout's `cli_version`. */
  versionSource?: 'given' | 'rollout';
  /** `<codexHome>/hooks.json`. */
  hooksFile: string;
  /** `[features] hooks`/`codex_hooks` in config.toml: true/false when set, undefined when absent. */
  featureFlag?: boolean;
  /** One sentence for people. */
  reason: string;
}

/**
 * Tells whether the Codex at `codexHome` has hooks. The installed version is taken from
 * `opts.version` (e.g. the output of `codex --version`), else from the `cli_version` of the
 * newest rollout under the home, the only version record a Codex home keeps.
 */
export async function codexHooksSupport(
  codexHome: string,
  opts: { version?: string } = {},
): Promise<CodexHooksSupport> {
  const hooksFile = join(codexHome, 'hooks.json');
  const featureFlag = await readFeatureFlag(join(codexHome, 'config.toml'));
  const given = opts.version ? /(\d+\.\d+\.\d+)/.exec(opts.version)?.[1] : undefined;
  const version = given ?? (await newestRolloutVersion(codexHome));
  const base: CodexHooksSupport = { supported: 'unknown', hooksFile, reason: '' };
  if (featureFlag !== undefined) base.featureFlag = featureFlag;
  if (!version)
    return { ...base, reason: 'no Codex version known (no rollout found and none given)' };
  const withVersion: CodexHooksSupport = {
    ...base,
    version,
    versionSource: given ? 'given' : 'rollout',
  };
  if (version === '0.0.0')
    return {
      ...withVersion,
      reason: 'Codex 0.0.0 is a source build; its hooks support cannot be told from the version',
    };
  if (compareVersions(version, CODEX_HOOKS_MIN_VERSION) < 0)
    return {
      ...withVersion,
      supported: false,
      reason: `Codex ${version} has no hooks (they arrived in ${CODEX_HOOKS_MIN_VERSION}); trail imports its rollouts instead`,
    };
  const flagNote = featureFlag === false ? ', but hooks are disabled in config.toml' : '';
  return { ...withVersion, supported: true, reason: `Codex ${version} supports hooks${flagNote}` };
}

/** Compares dotted numeric versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

async function newestRolloutVersion(codexHome: string): Promise<string | undefined> {
  const files = (await findCodexSessions(codexHome)).filter((f) => f.format === 'jsonl');
  // rollout names start with their local date and time, so the greatest name is the newest
  const newest = files.map((f) => f.file).sort((a, b) => (base(a) < base(b) ? 1 : -1))[0];
  if (!newest) return undefined;
  const first = await firstLine(newest);
  const meta = obj(obj(tryJson(first ?? ''))?.payload);
  return str(meta?.cli_version);
}

function base(p: string): string {
  return p.replace(/^.*[\\/]/, '');
}

async function firstLine(file: string): Promise<string | undefined> {
  const fh = await open(file, 'r').catch(() => undefined);
  if (!fh) return undefined;
  try {
    // session_meta lines can hold long base instructions: read up to 1 MiB
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    const nl = text.indexOf('\n');
    return nl < 0 ? text : text.slice(0, nl);
  } finally {
    await fh.close();
  }
}

/** Reads `hooks`/`codex_hooks` under `[features]` (or dotted `features.x`) from config.toml. */
async function readFeatureFlag(configFile: string): Promise<boolean | undefined> {
  const text = await readFile(configFile, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let section = '';
  let flag: boolean | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    const m = /^(?:(features)\.)?(codex_hooks|hooks)\s*=\s*(true|false)$/.exec(line);
    if (m && (section === 'features' || (section === '' && m[1] === 'features')))
      flag = m[3] === 'true';
  }
  return flag;
}
