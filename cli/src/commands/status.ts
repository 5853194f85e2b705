import { syncStatus } from '@trail/sync';
import { homeOf } from '../context.js';
import { out, palette, printJson, shortTime, type GlobalOptions } from '../output.js';

/** `trail status`: this device, its space's devices, the last sync and what is pending. */
export async function run(opts: GlobalOptions): Promise<void> {
  const s = await syncStatus(homeOf(opts).root);
  if (opts.json) {
    printJson({ status: s });
    return;
  }
  const c = palette(process.stdout, opts);
  if (!s.paired) {
    out('This device is not syncing yet.');
    out('  start a space:   trail sync --relay ws://host:port   (or trail devices add)');
    out('  join one:        trail devices join <code>');
    return;
  }
  if (s.removed)
    out(
      c.red(
        'This device was removed from its space by another device; it no longer receives anything.',
      ),
    );
  out(`Device:  ${s.deviceName} ${c.dim(s.deviceId ?? '')}`);
  out(`Relay:   ${s.relayUrl ?? c.dim('none remembered (pass --relay)')}`);
  out(`Key:     epoch ${String(s.epoch)}`);
  const last = s.lastSync as
    { at?: string; pulled?: { applied?: number }; pushed?: { bundles?: number } } | undefined;
  out(
    `Synced:  ${last?.at ? `${shortTime(last.at)} (↓ ${last.pulled?.applied ?? 0}, ↑ ${last.pushed?.bundles ?? 0} bundles)` : 'never'}`,
  );
  const p = s.pending;
  out(
    `Pending: ${p.everything ? 'everything (first sync with this relay)' : `${p.documents} documents, ${p.blobs} blobs queued; ${p.journal} changes since the last sync`}`,
  );
  out('');
  out(c.bold('Devices'));
  for (const d of s.devices) {
    const mark = d.self
      ? c.green(' (this device)')
      : d.removed
        ? c.red(` (removed, epoch ${String(d.removedEpoch)})`)
        : '';
    out(`  ${d.deviceId}  ${d.name}${mark}  ${c.dim(`added ${shortTime(d.addedAt)}`)}`);
  }
  if (s.rejections.length > 0) {
    out('');
    out(c.bold(`Rejected bundles (latest ${s.rejections.length})`));
    for (const r of s.rejections.slice(0, 5))
      out(`  ${shortTime(new Date(r.at).toISOString())}  ${r.reason}: ${r.message}`);
  }
}
