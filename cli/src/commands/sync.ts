import {
  chooseRelay,
  normalizeRelayUrl,
  forgetRelayPin,
  readConfig,
  syncDevice,
  syncPaths,
  watchDevice,
  type SyncReport,
} from '@trail/sync';
import { homeOf } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { info, printJson, type GlobalOptions } from '../output.js';

interface SyncOptions extends GlobalOptions {
  relay?: string;
  peer?: string;
  watch?: boolean;
  timeout?: string;
  resetRelay?: boolean;
}

function describe(r: SyncReport): string {
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const down = `↓ ${r.pulled.applied} bundle${r.pulled.applied === 1 ? '' : 's'} (${r.pulled.documents} documents, ${r.pulled.blobs} blobs)`;
  const up = `↑ ${r.pushed.bundles} bundle${r.pushed.bundles === 1 ? '' : 's'} (${r.pushed.documents} documents, ${r.pushed.blobs} blobs, ${mb(r.pushed.bytes)})`;
  const rejected = r.pulled.rejected > 0 ? `, ${r.pulled.rejected} rejected` : '';
  return `synced with ${r.url}: ${down}, ${up}${rejected} in ${(r.ms / 1000).toFixed(1)}s`;
}

function target(opts: SyncOptions): { url: string; remember: boolean } {
  if (opts.peer !== undefined) return { url: normalizeRelayUrl(opts.peer), remember: false };
  const home = homeOf(opts);
  return {
    url: chooseRelay(opts.relay, process.env, readConfig(syncPaths(home).config)),
    remember: true,
  };
}

/** `trail sync`: upload what the other devices lack, download what this one lacks. */
export async function run(opts: SyncOptions): Promise<void> {
  const home = homeOf(opts).root;
  const { url, remember } = target(opts);
  if (opts.resetRelay) forgetRelayPin(syncPaths(homeOf(opts)).config, url);
  const timeoutMs = opts.timeout !== undefined ? Number(opts.timeout) * 1000 : undefined;
  const onReject = (message: string) => process.stderr.write(`trail: ${message}\n`);
  const common = {
    url,
    remember,
    onReject,
    ...(timeoutMs !== undefined && timeoutMs > 0 ? { timeoutMs } : {}),
  };
  if (opts.watch) {
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    process.once('SIGTERM', () => abort.abort());
    info(
      opts,
      `watching: syncing with ${url} whenever this or another device changes; Ctrl-C stops`,
    );
    await watchDevice(home, {
      ...common,
      signal: abort.signal,
      onReport: (r) => {
        if (opts.json) process.stdout.write(JSON.stringify({ version: 1, ...r }) + '\n');
        else if (r.pulled.applied + r.pushed.bundles + r.pulled.rejected > 0)
          info(opts, describe(r));
      },
      onError: (e) => info(opts, `trail: ${(e as Error).message} (retrying)`),
    });
    return;
  }
  let report = await syncDevice(home, common);
  // Teams sync too: keys other devices carried into the personal space are adopted first.
  const teams = await syncTeams(home, opts, timeoutMs);
  if (teams.carried) report = await syncDevice(home, common);
  if (opts.json)
    printJson({ ...report, ...(teams.reports.length > 0 ? { teams: teams.reports } : {}) });
  else info(opts, describe(report));
  if (report.pulled.rejected > 0 || teams.rejected) process.exitCode = EXIT.rejected;
}

/** Syncs every team this store is in (after adopting team keys carried by other devices). */
async function syncTeams(
  home: string,
  opts: SyncOptions,
  timeoutMs: number | undefined,
): Promise<{ reports: unknown[]; carried: boolean; rejected: boolean }> {
  if (opts.peer !== undefined) return { reports: [], carried: false, rejected: false };
  const { adoptCarriedKeys, syncAllTeams } = await import('@trail/team');
  const carried = await adoptCarriedKeys(home);
  const reports = await syncAllTeams(
    home,
    timeoutMs !== undefined && timeoutMs > 0 ? { timeoutMs } : {},
  );
  const { describeSync } = await import('./team.js');
  for (const r of reports) {
    for (const p of r.problems) process.stderr.write(`trail: team ${r.team}: ${p}\n`);
    if (!opts.json && r.pulledChanges + r.pushedChanges > 0) info(opts, describeSync(r));
  }
  // Keys written to the personal space during this step go up in a second, small device sync.
  const after = await adoptCarriedKeys(home);
  return {
    reports,
    carried:
      carried.carried.length + after.carried.length > 0 ||
      reports.some((r) => r.adopted.length > 0),
    rejected: reports.some((r) => r.rejectedBundles + r.refusedChanges > 0),
  };
}
