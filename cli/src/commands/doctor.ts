import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLAUDE_EVENTS,
  installedEvents,
  readSettings,
  userSettingsFile,
  isTrailHandler,
} from '../claude-settings.js';
import { hasPendingSpool, homeOf } from '../context.js';
import { out, palette, printJson, type GlobalOptions } from '../output.js';

/** One check `trail doctor` makes. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

/** All checks, as data (the CLI renders them). */
export function diagnose(opts: GlobalOptions): {
  home: string;
  checks: Check[];
  problems: Record<string, unknown>[];
} {
  const paths = homeOf(opts);
  const checks: Check[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  checks.push({
    name: 'node',
    ok: major >= 22,
    detail: `Node ${process.versions.node} at ${process.execPath}`,
    ...(major >= 22
      ? {}
      : {
          fix: 'run trail through `npx trail` in its checkout (it brings Node 24), or install Node ≥ 22',
        }),
  });
  const exists = existsSync(paths.root);
  let writable = false;
  try {
    if (exists) accessSync(paths.root, constants.W_OK);
    writable = exists;
  } catch {
    writable = false;
  }
  checks.push({
    name: 'store',
    ok: !exists || writable,
    detail: exists
      ? `${paths.root}${writable ? '' : ' (not writable)'}`
      : `${paths.root} (created on first use)`,
    ...(exists && !writable
      ? { fix: `make ${paths.root} writable by you, or set TRAIL_HOME` }
      : {}),
  });
  const keyFile = join(paths.keys, 'space.key');
  if (existsSync(keyFile)) {
    const mode = statSync(keyFile).mode & 0o777;
    checks.push({
      name: 'keys',
      ok: (mode & 0o077) === 0,
      detail: `${keyFile} mode ${mode.toString(8)}`,
      ...((mode & 0o077) !== 0 ? { fix: `chmod 600 ${keyFile}` } : {}),
    });
  }
  for (const [scope, file] of [
    ['user hooks', userSettingsFile()],
    ['project hooks', join(process.cwd(), '.claude', 'settings.json')],
  ] as const) {
    if (scope === 'project hooks' && !existsSync(file)) continue;
    try {
      const s = readSettings(file);
      const events = installedEvents(s);
      const missing = CLAUDE_EVENTS.filter((e) => !events.includes(e));
      const broken = brokenCommands(s);
      const ok = events.length > 0 && missing.length === 0 && broken.length === 0;
      checks.push({
        name: scope,
        ok: scope === 'project hooks' && events.length === 0 ? true : ok,
        detail: events.length
          ? `${file}: ${events.length}/${CLAUDE_EVENTS.length} events${missing.length ? ` (missing ${missing.join(', ')})` : ''}${broken.length ? `; points at missing ${broken.join(', ')}` : ''}`
          : `${file}: trail hooks not installed`,
        ...(ok ? {} : { fix: scope === 'user hooks' ? '`trail init`' : '`trail init --project`' }),
      });
    } catch (e) {
      checks.push({
        name: scope,
        ok: false,
        detail: (e as Error).message,
        fix: `fix the JSON in ${file}, then \`trail init\``,
      });
    }
  }
  const problems = [
    ...readLog(join(paths.logs, 'hook.log')),
    ...readLog(join(paths.logs, 'ingest.log')),
  ].slice(-10);
  const rejected = existsSync(join(paths.spool, '_rejected'))
    ? readdirSync(join(paths.spool, '_rejected')).length
    : 0;
  checks.push({
    name: 'capture',
    ok: problems.length === 0 && rejected === 0,
    detail:
      problems.length || rejected
        ? `${problems.length} recent problem(s) in ${paths.logs}${rejected ? `; ${rejected} unreadable payload(s) kept in ${join(paths.spool, '_rejected')}` : ''}`
        : 'no problems logged',
    ...(problems.length || rejected
      ? { fix: 'see the problems below; `trail ingest --final` retries what is pending' }
      : {}),
  });
  const pending = hasPendingSpool(paths);
  checks.push({
    name: 'spool',
    ok: true,
    detail: pending
      ? 'hook events waiting to be ingested (any read command ingests them)'
      : 'nothing pending',
  });
  return { home: paths.root, checks, problems };
}

function brokenCommands(s: ReturnType<typeof readSettings>): string[] {
  const missing = new Set<string>();
  for (const groups of Object.values(s.hooks ?? {})) {
    for (const g of Array.isArray(groups) ? groups : []) {
      for (const h of g.hooks ?? []) {
        if (!isTrailHandler(h) || typeof h.command !== 'string') continue;
        for (const m of h.command.matchAll(/'([^']+)'|(\S+)/g)) {
          const p = m[1] ?? m[2] ?? '';
          if (p.startsWith('/') && (p.endsWith('.js') || p.endsWith('/node')) && !existsSync(p))
            missing.add(p);
        }
      }
    }
  }
  return [...missing];
}

function readLog(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(-10)
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return { detail: 'unreadable log line' };
      }
    });
}

/** `trail doctor`. Exits 1 when a check fails. */
export function run(opts: GlobalOptions): void {
  const r = diagnose(opts);
  const failed = r.checks.some((c) => !c.ok);
  if (opts.json) printJson({ home: r.home, ok: !failed, checks: r.checks, problems: r.problems });
  else {
    const c = palette(process.stdout, opts);
    for (const ch of r.checks) {
      out(`${ch.ok ? c.green('✓') : c.red('✗')} ${ch.name.padEnd(14)} ${ch.detail}`);
      if (ch.fix) out(`  ${' '.repeat(14)} fix: ${ch.fix}`);
    }
    const f = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
    for (const p of r.problems)
      out(
        c.dim(
          `  ${f(p.t)} ${f(p.event ?? p.file)}${p.line ? `:${f(p.line)}` : ''} ${f(p.code)} ${f(p.detail ?? p.reason)}`,
        ),
      );
  }
  if (failed) process.exitCode = 1;
}
