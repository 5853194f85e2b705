// The read commands (log, show, members, list) load only @trail/team/read, the store's home
// paths and the output helpers; everything else is imported by the command that needs it.
import type { TeamLog, TeamSyncReport } from '@trail/team';
import { listTeams, readMembers, readTeamLog, readTeamSummary } from '@trail/team/read';
import { resolveHome, storePaths, type StorePaths } from '@trail/store/home';
import { EXIT } from '../exit-codes.js';
import {
  info,
  out,
  palette,
  parseWhen,
  printJson,
  shortTime,
  type GlobalOptions,
} from '../output.js';

interface TeamOptions extends GlobalOptions {
  relay?: string;
  as?: string;
  admin?: boolean;
  yes?: boolean;
  author?: string;
  project?: string;
  since?: string;
  maxCount?: number;
  withdrawn?: boolean;
  watch?: boolean;
  timeout?: string;
  upload?: boolean;
}

/** The store home a command works on (as context.ts's homeOf, without the query index). */
function homeOf(opts: GlobalOptions): StorePaths {
  return storePaths(opts.home ?? resolveHome());
}

function timeoutOf(opts: TeamOptions): { timeoutMs?: number } {
  const s = opts.timeout !== undefined ? Number(opts.timeout) : NaN;
  return Number.isFinite(s) && s > 0 ? { timeoutMs: s * 1000 } : {};
}

function publishOptions(opts: TeamOptions): { timeoutMs?: number; sync?: boolean } {
  return { ...timeoutOf(opts), ...(opts.upload === false ? { sync: false } : {}) };
}

/** The person's display name: --as, else git's user.name, else the OS user. */
async function memberName(opts: TeamOptions): Promise<string> {
  if (opts.as !== undefined) return opts.as;
  const [{ execFileSync }, { hostname, userInfo }] = await Promise.all([
    import('node:child_process'),
    import('node:os'),
  ]);
  try {
    const name = execFileSync('git', ['config', 'user.name'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (name) return name;
  } catch {
    // no git, or no user.name
  }
  try {
    return userInfo().username || hostname();
  } catch {
    return hostname();
  }
}

/** Reports ignored entries on stderr (they are counted in --json too). */
function warnIgnored(opts: GlobalOptions, log: Pick<TeamLog, 'ignored' | 'name'>): void {
  if (log.ignored.total === 0) return;
  const reasons = Object.entries(log.ignored.byReason)
    .map(([r, n]) => `${n} ${r}`)
    .join(', ');
  process.stderr.write(
    `trail: warning: ${log.ignored.total} entr${log.ignored.total === 1 ? 'y' : 'ies'} of team ${log.name} ignored (${reasons}): unsigned, mis-signed, or not from a member\n`,
  );
}

/** One line saying what a team sync moved (also printed per team by `trail sync`). */
export function describeSync(r: TeamSyncReport): string {
  const extra = [
    r.rejectedBundles > 0 ? `${r.rejectedBundles} bundles rejected` : '',
    r.refusedChanges > 0 ? `${r.refusedChanges} changes refused` : '',
    r.adopted.length > 0 ? `moved to key epoch ${r.epoch}` : '',
    r.gone ? 'you are no longer a member' : '',
  ].filter(Boolean);
  const changes = (n: number) => `${n} change${n === 1 ? '' : 's'}`;
  return `team ${r.team}: ↓ ${changes(r.pulledChanges)}, ↑ ${changes(r.pushedChanges)}${extra.length ? `, ${extra.join(', ')}` : ''}`;
}

/** `trail team create <name>`. */
export async function create(name: string, opts: TeamOptions): Promise<void> {
  const T = await import('@trail/team');
  const home = homeOf(opts);
  const { chooseRelay, readConfig, syncPaths } = await import('@trail/sync');
  const relayUrl = chooseRelay(opts.relay, process.env, readConfig(syncPaths(home).config));
  const created = await T.createTeam(home.root, {
    name,
    memberName: await memberName(opts),
    relayUrl,
    ...timeoutOf(opts),
  });
  if (opts.json)
    printJson({
      team: {
        id: created.teamId,
        name: created.name,
        relay: created.relayUrl,
        member: created.member,
      },
    });
  else {
    out(created.teamId);
    info(
      opts,
      `created team ${created.name} (you are its admin, as ${created.member.name}); invite teammates with: trail team invite ${created.name}`,
    );
  }
}

/** `trail team invite <name>`. */
export async function invite(team: string, opts: TeamOptions): Promise<void> {
  const T = await import('@trail/team');
  const made = await T.inviteMember(homeOf(opts).root, team, {
    role: opts.admin ? 'admin' : 'member',
    ...timeoutOf(opts),
  });
  if (opts.json) {
    process.stdout.write(JSON.stringify({ version: 1, code: made.code }) + '\n');
    return;
  }
  out(made.code);
  info(
    opts,
    `The teammate runs:  trail team join <the code above>   (valid until ${shortTime(new Date(made.expiresAt).toISOString())}, once; you need not be online)`,
  );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `trail team join <code>`. */
export async function join(code: string, opts: TeamOptions): Promise<void> {
  const T = await import('@trail/team');
  const text = code === '-' ? (await readStdin()).trim() : code;
  const joined = await T.joinTeam(homeOf(opts).root, text, {
    memberName: await memberName(opts),
    ...(opts.relay !== undefined ? { relayUrl: opts.relay } : {}),
    ...timeoutOf(opts),
  });
  if (opts.json) printJson({ joined });
  else
    info(
      opts,
      `joined team ${joined.name} as ${joined.member.name}: ${joined.members} members, ${joined.summaries} shared summaries (trail team log ${joined.name})`,
    );
}

/** `trail team members <name>`. */
export async function members(team: string, opts: TeamOptions): Promise<void> {
  const r = await readMembers(homeOf(opts).root, team);
  if (opts.json) {
    printJson({ team: { id: r.teamId, name: r.team, epoch: r.epoch }, members: r.members });
    return;
  }
  const c = palette(process.stdout, opts);
  for (const m of r.members) {
    const mark = m.self
      ? c.green('  (you)')
      : m.status !== 'active'
        ? c.red(`  (${m.status})`)
        : '';
    out(
      `${m.id.slice(0, 8)}  ${m.name}  ${m.role}  ${c.dim(`${m.devices.length} device${m.devices.length === 1 ? '' : 's'}, added ${shortTime(m.addedAt)}`)}${mark}`,
    );
  }
}

async function ask(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `trail team remove <name> <member>`. */
export async function remove(team: string, member: string, opts: TeamOptions): Promise<void> {
  const T = await import('@trail/team');
  if (process.stdin.isTTY && !opts.yes && !opts.json) {
    if (
      !(await ask(
        `Remove ${member} from ${team} and rotate the team key? They keep what they had and read nothing shared afterwards. [y/N] `,
      ))
    )
      throw new T.TeamError('TEAM_USAGE', 'nothing removed');
  }
  const removal = await T.removeMember(homeOf(opts).root, team, member, timeoutOf(opts));
  if (opts.json) printJson({ removed: removal });
  else
    info(
      opts,
      `removed ${removal.member.name} (${removal.member.id.slice(0, 8)}) from ${team}; the team key is now epoch ${removal.epoch}`,
    );
}

/** `trail team leave <name>`. */
export async function leave(team: string, opts: TeamOptions): Promise<void> {
  const T = await import('@trail/team');
  const left = await T.leaveTeam(homeOf(opts).root, team, timeoutOf(opts));
  if (opts.json) printJson({ left });
  else info(opts, `left team ${left.team}; what you had stays readable here`);
}

/** `trail team log <name>`. */
export async function log(team: string, opts: TeamOptions): Promise<void> {
  const since = opts.since !== undefined ? Date.parse(parseWhen(opts.since)) : undefined;
  const result = await readTeamLog(homeOf(opts).root, team, {
    ...(opts.author !== undefined ? { author: opts.author } : {}),
    ...(opts.project !== undefined ? { project: opts.project } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(opts.withdrawn === false ? { withdrawn: false } : {}),
    ...(opts.maxCount !== undefined ? { limit: opts.maxCount } : {}),
  });
  const shown = result.summaries;
  warnIgnored(opts, result);
  if (opts.json) {
    printJson({
      team: { id: result.teamId, name: result.name },
      summaries: shown,
      ignored: result.ignored,
    });
    return;
  }
  const c = palette(process.stdout, opts);
  const lines: string[] = [];
  for (const s of shown) {
    const n = s.counts as Record<string, number>;
    const mark = s.withdrawn ? c.red(' [withdrawn]') : '';
    const reviews = Object.entries(s.reviews)
      .map(([who, st]) => `${who}: ${st}`)
      .join(', ');
    lines.push(
      `${c.yellow(s.ref)}${mark}  ${c.dim(shortTime(s.sharedAt))}  ${s.author.name}  ${s.project}\n` +
        `    ${s.title || '(untitled)'}\n` +
        `    ${n.prompts ?? 0} prompts, ${n.filesChanged ?? 0} files changed (+${n.linesAdded ?? 0} -${n.linesRemoved ?? 0}), ${n.commands ?? 0} commands (${n.commandsFailed ?? 0} failed)` +
        (s.comments > 0 ? `, ${s.comments} comment${s.comments === 1 ? '' : 's'}` : '') +
        (reviews ? `, ${reviews}` : ''),
    );
  }
  if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
  else
    info(
      opts,
      `no shared summaries in ${result.name} yet (trail share <session> --team ${result.name})`,
    );
}

/** `trail team show <name> <summary>`. */
export async function show(team: string, ref: string, opts: TeamOptions): Promise<void> {
  const s = await readTeamSummary(homeOf(opts).root, team, ref);
  if (opts.json) {
    printJson({ summary: s });
    return;
  }
  const c = palette(process.stdout, opts);
  const x = s.summary;
  const n = x.counts;
  const o: string[] = [];
  o.push(`${c.yellow(s.ref)}${s.withdrawn ? c.red(' [withdrawn]') : ''}`);
  o.push(`Author:  ${s.author.name} (${s.author.id.slice(0, 8)}), shared ${shortTime(s.sharedAt)}`);
  o.push(`Project: ${x.session.project ?? ''}${x.session.branch ? ` (${x.session.branch})` : ''}`);
  o.push(`Agent:   ${x.session.agent} ${x.session.model}`);
  o.push(`Title:   ${x.session.title ?? ''}`);
  o.push(
    `Counts:  ${n.prompts} prompts, ${n.toolCalls} tool calls, ${n.filesChanged} files changed (+${n.linesAdded} -${n.linesRemoved}), ${n.commands} commands (${n.commandsFailed} failed), ${n.tests} tests (${n.testsFailed} failed)`,
  );
  if (x.prompts.length > 0) {
    o.push('', 'Prompts:');
    for (const p of x.prompts) {
      o.push(`  ${p.index}. ${p.text}`);
      if (p.outcome) o.push(c.dim(`     → ${p.outcome}`));
    }
  }
  if (x.files.length > 0) {
    o.push('', 'Files:');
    for (const f of x.files) o.push(`  ${f.op.padEnd(7)} ${f.path}  +${f.added} -${f.removed}`);
  }
  if (x.commands.length > 0) {
    o.push('', 'Commands:');
    for (const cmd of x.commands)
      o.push(
        `  ${cmd.exitCode === 0 ? '✓' : cmd.exitCode === null ? '·' : '✗'} ${cmd.command}${cmd.exitCode !== null && cmd.exitCode !== 0 ? `  (exit ${cmd.exitCode})` : ''}`,
      );
  }
  if (s.reviews.length > 0) {
    o.push('', 'Reviews:');
    for (const r of s.reviews) o.push(`  ${r.author.name}: ${r.status}  ${c.dim(shortTime(r.at))}`);
  }
  if (s.comments.length > 0) {
    o.push('', 'Comments:');
    for (const cm of s.comments)
      o.push(`  ${cm.author.name} ${c.dim(shortTime(cm.at))}: ${cm.text}`);
  }
  process.stdout.write(o.join('\n') + '\n');
}

/** `trail team comment <name> <summary> <text>`. */
export async function comment(
  team: string,
  ref: string,
  text: string,
  opts: TeamOptions,
): Promise<void> {
  const T = await import('@trail/team');
  const r = await T.commentOn(homeOf(opts).root, team, ref, text, publishOptions(opts));
  if (opts.json) printJson({ comment: r });
  else info(opts, `commented on ${r.ref}`);
}

/** `trail team review <name> <summary> <status>`. */
export async function review(
  team: string,
  ref: string,
  status: string,
  opts: TeamOptions,
): Promise<void> {
  const T = await import('@trail/team');
  const r = await T.reviewSummary(homeOf(opts).root, team, ref, status, publishOptions(opts));
  if (opts.json) printJson({ review: r });
  else info(opts, `${r.ref}: ${r.status}`);
}

/** `trail team list`: the teams this device is in. */
export function list(opts: TeamOptions): void {
  const teams = listTeams(homeOf(opts).root);
  const rows = teams.map((t) => ({
    id: t.teamId,
    name: t.name,
    relay: t.relayUrl,
    epoch: t.current,
    member: { id: t.memberId, name: t.memberName },
    status: t.gone ?? 'active',
  }));
  if (opts.json) printJson({ teams: rows });
  else
    for (const t of rows)
      out(
        `${t.id.slice(0, 8)}  ${t.name}  ${t.status === 'active' ? '' : `(${t.status})`}`.trimEnd(),
      );
}

/** Exit status 11 when a team sync rejected something. */
function flagRejections(reports: readonly TeamSyncReport[]): void {
  if (reports.some((r) => r.rejectedBundles + r.refusedChanges > 0))
    process.exitCode = EXIT.rejected;
}

/** `trail team sync [name]`: sync one team or all of them (`--watch` keeps going). */
export async function sync(team: string | undefined, opts: TeamOptions): Promise<void> {
  const T = await import('@trail/team');
  const home = homeOf(opts).root;
  const report = (r: TeamSyncReport) => {
    for (const p of r.problems) process.stderr.write(`trail: ${p}\n`);
    if (opts.json) process.stdout.write(JSON.stringify({ version: 1, team: r }) + '\n');
    else info(opts, describeSync(r));
  };
  if (!opts.watch) {
    await T.adoptCarriedKeys(home);
    const reports =
      team === undefined
        ? await T.syncAllTeams(home, timeoutOf(opts))
        : await (async () => {
            const t = await T.openTeam(home, team);
            try {
              return [await T.syncOpenTeam(t, timeoutOf(opts))];
            } finally {
              T.closeTeam(t);
            }
          })();
    reports.forEach(report);
    flagRejections(reports);
    return;
  }
  if (team === undefined)
    throw new T.TeamError('TEAM_USAGE', 'trail team sync --watch needs a team name');
  await watchTeam(T, home, team, opts, report);
}

/**
 * Keeps one team in sync: links stay open, a round runs whenever the relay says a teammate stored
 * something, and every few seconds for this device's own new entries.
 */
async function watchTeam(
  T: typeof import('@trail/team'),
  home: string,
  team: string,
  opts: TeamOptions,
  report: (r: TeamSyncReport) => void,
): Promise<void> {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const first = await T.openTeam(home, team);
  const device = first.device;
  const url = first.keys.relayUrl;
  T.closeTeam(first);
  const links = new T.TeamLinks({ url, device, deadline: Date.now() + 3_600_000 });
  let wake: (() => void) | undefined;
  let pending = true;
  const poke = () => {
    pending = true;
    wake?.();
  };
  const subscribed = new Set<unknown>();
  info(opts, `watching team ${team}: syncing whenever a teammate shares; Ctrl-C stops`);
  try {
    while (!abort.signal.aborted) {
      if (pending) {
        pending = false;
        const t = await T.openTeam(home, team);
        try {
          const r = await T.syncOpenTeam(t, { links, timeoutMs: 3_600_000 });
          if (r.pulledChanges + r.pushedChanges + r.rejectedBundles > 0 || opts.json) report(r);
        } catch (e) {
          info(opts, `trail: ${(e as Error).message} (retrying)`);
          pending = true;
        } finally {
          T.closeTeam(t);
        }
        for (const l of links.open())
          if (!subscribed.has(l)) {
            subscribed.add(l);
            l.onAvailable(poke);
          }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pending = true;
          resolve();
        }, 5_000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        abort.signal.addEventListener('abort', () => wake?.(), { once: true });
      });
    }
  } finally {
    await links.close();
  }
}
