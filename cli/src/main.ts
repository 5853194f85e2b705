import { Command, Option } from 'commander';
import { quietStdio } from './stdio.js';
import { fail, type GlobalOptions } from './output.js';
import { EXIT } from './exit-codes.js';

/** Runs a lazily loaded command module, so `trail log` never loads Automerge. */
function lazy<A extends unknown[]>(
  load: () => Promise<{ run: (...a: [...A, GlobalOptions]) => Promise<void> | void }>,
) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals<GlobalOptions>();
    try {
      const mod = await load();
      await mod.run(...(args.slice(0, -2) as A), { ...opts, ...(args[args.length - 2] as object) });
    } catch (e) {
      fail(e, opts);
    }
  };
}

quietStdio();

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

const program = new Command('trail')
  .description('Local-first version control for AI coding-agent activity.')
  .version('0.1.0', '-V, --version')
  .option('--home <dir>', 'store home (default $TRAIL_HOME or ~/.local/share/trail)')
  .option('-q, --quiet', 'print only data, no messages')
  .option('--no-color', 'never colour output')
  .option('--debug', 'show stack traces on errors')
  .showSuggestionAfterError(true)
  .addHelpText(
    'after',
    examples([
      'trail init                 # record every Claude Code session from now on',
      'trail import claude        # backfill history',
      'trail log -n 10',
      'trail show 3f2a --full',
      'trail search "token refresh"',
    ]),
  );
program.configureOutput({ outputError: (s, write) => write(s) });
program.exitOverride((err) => {
  process.exit(
    err.exitCode === 0
      ? 0
      : err.code === 'commander.helpDisplayed' || err.code === 'commander.version'
        ? 0
        : EXIT.usage,
  );
});

program
  .command('init')
  .description("install trail's hooks into Claude Code's settings (user-level by default)")
  .option('--project', "install into this repository's .claude/settings.json instead")
  .option('--remove', "take trail's hooks out again, leaving every other hook")
  .option('--settings <file>', 'settings file to edit (overrides --project)')
  .addOption(
    new Option('--agent <agent>', 'agent to install hooks for')
      .choices(['claude', 'codex'])
      .default('claude'),
  )
  .option('--json', 'print what was done as JSON')
  .addHelpText('after', examples(['trail init', 'trail init --project', 'trail init --remove']))
  .action(lazy(() => import('./commands/init.js')));

program
  .command('doctor')
  .description(
    'check hooks, the store and recent capture problems, and say how to fix what is wrong',
  )
  .option('--json', 'print the checks as JSON')
  .action(lazy(() => import('./commands/doctor.js')));

program
  .command('import')
  .description('backfill history from agent transcripts (claude, codex, gemini, opencode, aider)')
  .argument('[agent]', 'agent to import from; all found when omitted')
  .option('--from <dir>', 'where the transcripts are (default: the agent’s own directory)')
  .option('--force', 're-read files even when unchanged since the last import')
  .option('--json', 'print the summary as JSON')
  .addHelpText(
    'after',
    examples([
      'trail import claude',
      'trail import claude --from ~/backup/.claude/projects',
      'trail import',
    ]),
  )
  .action(lazy(() => import('./commands/import.js')));

program
  .command('ingest')
  .description('fold spooled hook events into the store (run by hooks; plumbing)')
  .option('--session <id>', 'only this session')
  .option('--final', 'treat a torn last spool line as final and report it')
  .option('--json', 'print the summary as JSON')
  .action(lazy(() => import('./commands/ingest.js')));

program
  .command('log')
  .description('list recorded sessions, newest first')
  .option('-n, --max-count <n>', 'show at most n sessions', (v) => parsePositive(v, '-n'))
  .option('--project <p>', 'only this project (name, id or path)')
  .option('--agent <a>', 'only this agent (claude-code, codex, ...)')
  .option('--since <when>', 'only sessions active since (2026-11-01, 3d, 12h, yesterday)')
  .option('--until <when>', 'only sessions started before')
  .option('--tag <t>', 'only sessions with this tag')
  .option('--all', 'include hidden sessions')
  .option('--oneline', 'one short line per session')
  .option('--json', 'print {"version":1,"sessions":[...]}')
  .addHelpText(
    'after',
    examples([
      'trail log -n 20',
      'trail log --agent claude-code --since 2d --oneline',
      'trail log --json | jq ".sessions[0].id"',
    ]),
  )
  .action(lazy(() => import('./commands/log.js')));

program
  .command('show')
  .description('show a session: prompts, files read and changed, commands, errors')
  .argument('<session>', 'session id or unique prefix')
  .option('--full', 'add assistant text, outputs and patches')
  .option('--json', 'print {"version":1,"session":{...}}')
  .addHelpText('after', examples(['trail show 3f2a', 'trail show 3f2a --full | less -R']))
  .action(lazy(() => import('./commands/show.js')));

program
  .command('diff')
  .description('the unified diff a session (or one prompt of it) made')
  .argument('<session>', 'session id or unique prefix')
  .option('--prompt <n>', 'only the changes made under prompt n (1-based)', (v) =>
    parsePositive(v, '--prompt'),
  )
  .option('--stat', 'a diffstat instead of the patch')
  .option('--json', 'print the changes as JSON')
  .addHelpText(
    'after',
    examples(['trail diff 3f2a', 'trail diff 3f2a --prompt 2', 'trail diff 3f2a --stat']),
  )
  .action(lazy(() => import('./commands/diff.js')));

program
  .command('search')
  .description('full-text search over prompts, assistant text, commands, outputs and paths')
  .argument('<query...>', 'words (all must match) or "quoted phrases"')
  .option('-n, --max-count <n>', 'at most n results (default 20)', (v) => parsePositive(v, '-n'))
  .option('--project <p>', 'only this project')
  .option('--agent <a>', 'only this agent')
  .option('--json', 'print {"version":1,"results":[...]}')
  .addHelpText(
    'after',
    examples(['trail search token refresh', 'trail search "npm test" --agent codex']),
  )
  .action(lazy(() => import('./commands/search.js')));

program
  .command('reindex')
  .description('rebuild the query index from the documents (the index is a cache)')
  .option('--json', 'print the result as JSON')
  .action(lazy(() => import('./commands/reindex.js')));

program
  .command('tour')
  .description(
    'a guided tour: records a scripted agent session in a scratch repository, shows, searches, blames and rewinds it, syncs it to a second device and shares it with a teammate through a local relay',
  )
  .option('--dir <dir>', 'where to make the scratch repository and store (default: a temp dir)')
  .option('--keep', 'keep the scratch directory afterwards')
  .action(lazy(() => import('./commands/tour.js')));

program
  .command('blame')
  .description(
    'who produced each line of a file: which prompt and tool call, a turn, a human, or before trail',
  )
  .argument('<file>', 'the file, as it is on disk now')
  .option('-L <range>', 'only lines start,end (or start,+count)')
  .option('--porcelain', "machine-readable output in git blame's porcelain shape")
  .option('--json', 'print {"version":1,"lines":[...]}')
  .addHelpText(
    'after',
    examples([
      'trail blame src/auth.ts',
      'trail blame src/auth.ts -L 40,60',
      'trail blame src/auth.ts --porcelain',
    ]),
  )
  .action(lazy(() => import('./commands/blame.js')));

program
  .command('checkpoints')
  .description('list the working-tree checkpoints of a session (default: the latest session here)')
  .argument('[session]', 'session id or unique prefix')
  .option('--json', 'print {"version":1,"checkpoints":[...]}')
  .addHelpText('after', examples(['trail checkpoints', 'trail checkpoints 3f2a --json']))
  .action(lazy(() => import('./commands/checkpoints.js')));

program
  .command('rewind')
  .description(
    'restore the working tree to a checkpoint; saves the current state first and prints the undo',
  )
  .argument(
    '<target>',
    'a checkpoint id, session:N (when prompt N was submitted), or a session (its first checkpoint)',
  )
  .option('--files <paths...>', 'only these files or directories')
  .option('--dry-run', 'list exactly what would change, and write nothing')
  .option('--force', 'overwrite files even when no checkpoint has their current content')
  .option('--json', 'print {"version":1,"rewind":{...}}')
  .addHelpText(
    'after',
    examples([
      'trail rewind 3f2a:2 --dry-run',
      'trail rewind 3f2a:2',
      'trail rewind 9c1e4b7a02d1   # the undo a rewind printed',
      'trail rewind 3f2a:2 --files src/auth.ts',
    ]),
  )
  .action(lazy(() => import('./commands/rewind.js')));

const collect = (value: string, previous: string[] = []) => [...previous, value];
const relayHelp =
  'relay URL, e.g. ws://relay.example:8787 (default $TRAIL_RELAY, then the remembered one)';

program
  .command('relay')
  .description('run a relay: it stores and forwards sealed bundles and never holds a key')
  .option('--port <n>', 'TCP port (default 8787; 0 picks a free one)')
  .option('--host <addr>', 'interface to listen on (default 127.0.0.1; 0.0.0.0 for other machines)')
  .option('--data <dir>', 'keep mailboxes in this directory (default <home>/relay)')
  .option('--memory', 'keep mailboxes in memory only')
  .option(
    '--limit <name=value>',
    'override one limit, e.g. spaceQuotaBytes=268435456 (repeatable; names in docs/protocol.md)',
    collect,
  )
  .option('--json', 'print {"version":1,"url":...} once listening')
  .addHelpText(
    'after',
    examples(['trail relay --port 8787', 'trail relay --host 0.0.0.0 --data /var/lib/trail-relay']),
  )
  .action(lazy(() => import('./commands/relay.js')));

program
  .command('sync')
  .description(
    'upload what your other devices lack and download what this one lacks, end-to-end encrypted',
  )
  .option('--relay <url>', relayHelp)
  .option(
    '--peer <host:port>',
    'sync directly with a device running `trail devices serve` on the LAN',
  )
  .option('--watch', 'keep going: sync whenever this or another device changes')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--reset-relay', 'accept that the relay at this URL was replaced (forget its pinned id)')
  .option('--json', 'print the report as JSON (NDJSON with --watch)')
  .addHelpText(
    'after',
    examples([
      'trail sync --relay ws://relay.example:8787',
      'trail sync',
      'trail sync --watch',
      'trail sync --peer 192.168.1.20:7711',
    ]),
  )
  .action(lazy(() => import('./commands/sync.js')));

program
  .command('status')
  .description('this device, its devices, the last sync and what is waiting to sync')
  .option('--json', 'print {"version":1,"status":{...}}')
  .action(lazy(() => import('./commands/status.js')));

program
  .command('annotate')
  .description('tag, note, review or hide a session (merges across devices)')
  .argument('<session>', 'session id or unique prefix')
  .option('--tag <tag>', 'add a tag (repeatable)', collect)
  .option('--untag <tag>', 'remove a tag (repeatable)', collect)
  .option('--note <text>', 'set the note')
  .option('--status <status>', 'set the review status (e.g. reviewed, wip)')
  .option('--hide', 'hide the session from `trail log`')
  .option('--unhide', 'show it again')
  .option('--json', 'print the annotations as JSON')
  .addHelpText(
    'after',
    examples([
      'trail annotate 3f2a --tag auth --status reviewed',
      'trail annotate 3f2a --note "good refactor"',
      'trail annotate 3f2a --hide',
    ]),
  )
  .action(lazy(() => import('./commands/annotate.js')));

const devices = program
  .command('devices')
  .description('pair, list and remove the devices that sync this history')
  .addHelpText(
    'after',
    examples([
      'trail devices add',
      'trail devices join TRAIL...',
      'trail devices list',
      'trail devices remove old-laptop',
      'trail devices serve --port 7711',
    ]),
  );
const devicesModule = () => import('./commands/devices.js');

devices
  .command('add')
  .description(
    'print a one-time invitation (code and QR, valid 10 minutes) and wait for the new device',
  )
  .option('--relay <url>', relayHelp)
  .option(
    '--peer <host:port>',
    'meet through a device running `trail devices serve` instead of a relay',
  )
  .option('-y, --yes', 'do not ask to compare fingerprints')
  .option('--json', 'print {"version":1,"code":...} then {"version":1,"paired":...} (NDJSON)')
  .action(lazy(async () => ({ run: (await devicesModule()).add })));

devices
  .command('join')
  .description(
    'join the space of the device that printed the code (an empty store, or one of the same space)',
  )
  .argument('<code>', 'the invitation code (- reads it from stdin)')
  .option('--name <name>', 'how the other devices will call this one (default the hostname)')
  .option('--relay <url>', 'meet at this relay instead of the one in the code')
  .option('--peer <host:port>', 'meet through a device running `trail devices serve`')
  .option('--json', 'print the result as JSON')
  .action(lazy(async () => ({ run: (await devicesModule()).join })));

devices
  .command('list')
  .description('the devices of this space')
  .option('--json', 'print {"version":1,"devices":[...]}')
  .action(lazy(async () => ({ run: (await devicesModule()).list })));

devices
  .command('remove')
  .description('remove a device: rotates the space key so it reads nothing written afterwards')
  .argument('<device>', 'device id (or 4+ leading characters) or name')
  .option('--relay <url>', relayHelp)
  .option('--peer <host:port>', 'rotate through a device running `trail devices serve`')
  .option('-y, --yes', 'do not ask for confirmation')
  .option('--json', 'print the result as JSON')
  .action(lazy(async () => ({ run: (await devicesModule()).remove })));

devices
  .command('serve')
  .description('serve LAN sync from this device (others run `trail sync --peer host:port`)')
  .option('--port <n>', 'TCP port (default: any free one)')
  .option('--host <addr>', 'interface to listen on (default 0.0.0.0)')
  .option('--json', 'print NDJSON events')
  .action(lazy(async () => ({ run: (await devicesModule()).serve })));

program
  .command('ui')
  .description(
    'open the web view: timelines, diffs, blame, search and activity, served on 127.0.0.1 only',
  )
  .option('--port <n>', 'TCP port (default: a free one)', (v) => parsePort(v))
  .option('--no-open', 'print the URL without opening a browser')
  .option('--json', 'print {"version":1,"url":...} once serving')
  .addHelpText('after', examples(['trail ui', 'trail ui --port 7700 --no-open']))
  .action(lazy(() => import('./commands/ui.js')));

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    process.stderr.write(`trail: --port needs a port number (0-65535), not ${JSON.stringify(v)}\n`);
    process.exit(EXIT.usage);
  }
  return n;
}

program
  .command('record')
  .description(
    'run any agent or command in a pseudo-terminal and record it: transcript, exit status, and a checkpoint at each line you submit',
  )
  .argument('<command...>', 'the command and its arguments, after -- (so its own options reach it)')
  .option('--name <title>', 'title of the session (default: the first line you submit)')
  .addHelpText(
    'after',
    examples([
      'trail record -- aider --model sonnet',
      'trail record --name "fix login" -- opencode',
      'trail record -- bash',
      'echo "explain main.py" | trail record -- gemini',
    ]),
  )
  .action(lazy(() => import('./commands/record.js')));

program
  .command('export')
  .description(
    'a redacted record of a session for a reviewer: Markdown for a pull request, one HTML page, or JSON',
  )
  .argument('<session>', 'session id or unique prefix')
  .addOption(
    new Option('--format <format>', 'md, html or json')
      .choices(['md', 'html', 'json'])
      .default('md'),
  )
  .addOption(
    new Option(
      '--policy <policy>',
      'what leaves: metadata (counts), summary, or trace (adds diffs and outputs)',
    )
      .choices(['metadata', 'summary', 'trace'])
      .default('summary'),
  )
  .option('-o, --output <file>', 'write to this file instead of stdout')
  .option('--dry-run', 'print exactly what would be written, after redaction, and write nothing')
  .addHelpText(
    'after',
    examples([
      'trail export 3f2a --dry-run',
      'trail export 3f2a --format md | gh pr edit --body-file -',
      'trail export 3f2a --format html --policy trace -o review.html',
      'trail export 3f2a --format json --policy metadata',
    ]),
  )
  .action(lazy(() => import('./commands/export.js')));

program
  .command('redact')
  .description(
    'find secrets in files, stdin or recorded sessions (--check), or print a file redacted',
  )
  .argument('<targets...>', 'files, - for stdin, or session ids (with --check)')
  .option(
    '--check',
    'list findings (kind, location, masked value) and change nothing; exit 10 when any',
  )
  .option('--json', 'print {"version":1,"count":n,"findings":[...]} (with --check)')
  .addHelpText(
    'after',
    examples([
      'trail redact --check 3f2a',
      'git diff --cached --name-only | xargs trail redact --check',
      'trail redact - < build.log > build.clean.log',
    ]),
  )
  .action(lazy(() => import('./commands/redact.js')));

program
  .command('purge')
  .description(
    'remove a recorded secret for good: blobs, document history (rebuilt), spools and the index; the session stays',
  )
  .argument(
    '[session]',
    'purge what the redactor finds in this session (or limit --secret/--pattern to it)',
  )
  .option(
    '--secret <value>',
    'the exact secret to remove everywhere; - reads it from stdin (safer: not in ps or shell history)',
  )
  .option(
    '--pattern <regex>',
    'remove everything this regular expression matches (source or /source/flags)',
  )
  .option('--dry-run', 'list exactly what would be removed, and change nothing')
  .option('-y, --yes', 'do not ask for confirmation')
  .option('--json', 'print {"version":1,"purge":{...}}')
  .addHelpText(
    'after',
    examples([
      'trail purge --secret - --dry-run < secret.txt',
      'printf %s "$TOKEN" | trail purge --secret - --yes',
      'trail purge 3f2a',
      "trail purge --pattern '/acme_[a-z0-9]{32}/' --yes",
    ]),
  )
  .action(lazy(() => import('./commands/purge.js')));

program
  .command('pr-summary')
  .description(
    'Markdown for a pull request: the agent sessions behind the commits of this branch, their prompts, files and tests',
  )
  .option(
    '--base <ref>',
    'compare with this branch or commit (default: the upstream, else main or master)',
  )
  .option('-o, --output <file>', 'write to this file instead of stdout')
  .option('--dry-run', 'print exactly what would be written, after redaction, and write nothing')
  .option('--json', 'print {"version":1,"summary":{...}} (schema trail/pr-summary)')
  .addHelpText(
    'after',
    examples([
      'trail pr-summary',
      'trail pr-summary --base origin/develop -o pr.md',
      'gh pr create --body "$(trail pr-summary)"',
    ]),
  )
  .action(lazy(() => import('./commands/pr-summary.js')));

const team = program
  .command('team')
  .description('share redacted session summaries with a team, merged conflict-free')
  .addHelpText(
    'after',
    examples([
      'trail team create acme --relay ws://relay.example:8787',
      'trail team invite acme',
      'trail team join TRAIL...',
      'trail share 3f2a --team acme --dry-run',
      'trail team log acme --author alice --since 7d',
      'trail team show acme 3f2a',
    ]),
  );
const teamModule = () => import('./commands/team.js');

team
  .command('create')
  .description('start a team (you are its admin); the relay only ever sees ciphertext')
  .argument('<name>', 'the team name (seen by members only)')
  .option('--relay <url>', relayHelp)
  .option('--as <name>', 'your name in the team (default: git user.name, else the OS user)')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--json', 'print {"version":1,"team":{...}}')
  .action(lazy(async () => ({ run: (await teamModule()).create })));

team
  .command('invite')
  .description('print a one-time code for a teammate (valid 24 hours; you need not stay online)')
  .argument('<name>', 'team name or id prefix')
  .option('--admin', 'the teammate joins as an admin')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--json', 'print {"version":1,"code":"..."}')
  .action(lazy(async () => ({ run: (await teamModule()).invite })));

team
  .command('join')
  .description("join a team with a teammate's code; you read the team's whole history")
  .argument('<code>', 'the invitation code (- reads it from stdin)')
  .option('--as <name>', 'your name in the team (default: git user.name, else the OS user)')
  .option('--relay <url>', 'meet at this relay instead of the one in the code')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--json', 'print {"version":1,"joined":{...}}')
  .action(lazy(async () => ({ run: (await teamModule()).join })));

team
  .command('members')
  .description("the team's members, their roles and devices, from the signed membership log")
  .argument('<name>', 'team name or id prefix')
  .option('--json', 'print {"version":1,"team":{...},"members":[...]}')
  .action(lazy(async () => ({ run: (await teamModule()).members })));

team
  .command('remove')
  .description(
    'remove a member (admins only): rotates the team key; they read nothing shared afterwards',
  )
  .argument('<name>', 'team name or id prefix')
  .argument('<member>', 'member name or id prefix')
  .option('-y, --yes', 'do not ask for confirmation')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--json', 'print {"version":1,"removed":{...}}')
  .action(lazy(async () => ({ run: (await teamModule()).remove })));

team
  .command('leave')
  .description('leave a team (what you had stays readable here)')
  .argument('<name>', 'team name or id prefix')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--json', 'print {"version":1,"left":{...}}')
  .action(lazy(async () => ({ run: (await teamModule()).leave })));

team
  .command('log')
  .description("everyone's shared summaries, newest first (local: run trail sync to refresh)")
  .argument('<name>', 'team name or id prefix')
  .option('--author <member>', 'only summaries by this member (name or id prefix)')
  .option('--project <project>', 'only summaries of this project')
  .option('--since <when>', 'only summaries shared since (2026-11-01, 3d, 12h, yesterday)')
  .option('-n, --max-count <n>', 'show at most n summaries', (v) => parsePositive(v, '-n'))
  .option('--no-withdrawn', 'leave out withdrawn summaries')
  .option('--json', 'print {"version":1,"team":{...},"summaries":[...],"ignored":{...}}')
  .action(lazy(async () => ({ run: (await teamModule()).log })));

team
  .command('show')
  .description(
    'one shared summary: prompts, files, diffstat, commands, outcomes, comments, reviews',
  )
  .argument('<name>', 'team name or id prefix')
  .argument('<summary>', 'a reference from team log (author/session), or a session id prefix')
  .option('--json', 'print {"version":1,"summary":{...}}')
  .action(lazy(async () => ({ run: (await teamModule()).show })));

team
  .command('comment')
  .description('comment on a shared summary (concurrent comments all survive)')
  .argument('<name>', 'team name or id prefix')
  .argument('<summary>', 'a reference from team log, or a session id prefix')
  .argument('<text>', 'the comment')
  .option('--no-upload', 'publish into the local replica only; the next trail sync uploads it')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--json', 'print {"version":1,"comment":{...}}')
  .action(lazy(async () => ({ run: (await teamModule()).comment })));

team
  .command('review')
  .description('set your review status of a shared summary')
  .argument('<name>', 'team name or id prefix')
  .argument('<summary>', 'a reference from team log, or a session id prefix')
  .argument('<status>', 'approved, changes-requested, needs-discussion or seen')
  .option('--no-upload', 'publish into the local replica only; the next trail sync uploads it')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--json', 'print {"version":1,"review":{...}}')
  .action(lazy(async () => ({ run: (await teamModule()).review })));

team
  .command('list')
  .description('the teams this device is in')
  .option('--json', 'print {"version":1,"teams":[...]}')
  .action(lazy(async () => ({ run: (await teamModule()).list })));

team
  .command('sync')
  .description('sync one team (or every team) with its relay; trail sync does this too')
  .argument('[name]', 'team name or id prefix (default: every team)')
  .option('--watch', 'keep going: sync whenever a teammate shares')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--json', 'print one {"version":1,"team":{...}} line per team and round')
  .action(lazy(async () => ({ run: (await teamModule()).sync })));

program
  .command('share')
  .description('publish a redacted summary of a session to a team (--dry-run shows it first)')
  .argument('<session>', 'session id or unique prefix')
  .requiredOption('--team <name>', 'the team')
  .addOption(
    new Option('--policy <policy>', 'what is shared')
      .choices(['summary', 'trace'])
      .default('summary'),
  )
  .option('--dry-run', 'print what would be published; publish nothing')
  .option('--no-upload', 'publish into the local replica only; the next trail sync uploads it')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--json', 'print {"version":1,"shared":{...}} (with --dry-run: the summary)')
  .addHelpText(
    'after',
    examples([
      'trail share 3f2a --team acme --dry-run',
      'trail share 3f2a --team acme --policy trace',
    ]),
  )
  .action(lazy(() => import('./commands/share.js')));

program
  .command('unshare')
  .description('withdraw your shared summary of a session; teammates see it withdrawn')
  .argument('<session>', 'session id or unique prefix')
  .requiredOption('--team <name>', 'the team')
  .option('--no-upload', 'publish into the local replica only; the next trail sync uploads it')
  .option('--timeout <seconds>', 'give up on an unreachable relay after this long (default 120)')
  .option('--json', 'print {"version":1,"withdrawn":{...}}')
  .action(lazy(async () => ({ run: (await import('./commands/share.js')).unshare })));

function parsePositive(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(
      `trail: ${flag} needs a positive whole number, not ${JSON.stringify(v)}\n`,
    );
    process.exit(EXIT.usage);
  }
  return n;
}

await program.parseAsync(process.argv);
