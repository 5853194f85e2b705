import { Command, Option } from 'commander';
import { fail, type GlobalOptions } from './output.js';
import { EXIT } from './exit-codes.js';

/** Runs a lazily loaded command module, so `trail log` never loads Automerge. */
function lazy<A extends unknown[]>(load: () => Promise<{ run: (...a: [...A, GlobalOptions]) => Promise<void> | void }>) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals<GlobalOptions>();
    try {
      const mod = await load();
      await mod.run(...(args.slice(0, -2) as A), { ...opts, ...(args[args.length - 2] as object) } as GlobalOptions);
    } catch (e) {
      fail(e, opts);
    }
  };
}

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
    examples(['trail init                 # record every Claude Code session from now on', 'trail import claude        # backfill history', 'trail log -n 10', 'trail show 3f2a --full', 'trail search "token refresh"']),
  );
program.configureOutput({ outputError: (s, write) => write(s) });
program.exitOverride((err) => {
  process.exit(err.exitCode === 0 ? 0 : err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : EXIT.usage);
});

program
  .command('init')
  .description("install trail's hooks into Claude Code's settings (user-level by default)")
  .option('--project', "install into this repository's .claude/settings.json instead")
  .option('--remove', "take trail's hooks out again, leaving every other hook")
  .option('--settings <file>', 'settings file to edit (overrides --project)')
  .addOption(new Option('--agent <agent>', 'agent to install hooks for').choices(['claude', 'codex']).default('claude'))
  .option('--json', 'print what was done as JSON')
  .addHelpText('after', examples(['trail init', 'trail init --project', 'trail init --remove']))
  .action(lazy(() => import('./commands/init.js')));

program
  .command('doctor')
  .description('check hooks, the store and recent capture problems, and say how to fix what is wrong')
  .option('--json', 'print the checks as JSON')
  .action(lazy(() => import('./commands/doctor.js')));

program
  .command('import')
  .description('backfill history from agent transcripts (claude, codex, gemini, opencode, aider)')
  .argument('[agent]', 'agent to import from; all found when omitted')
  .option('--from <dir>', 'where the transcripts are (default: the agent’s own directory)')
  .option('--force', 're-read files even when unchanged since the last import')
  .option('--json', 'print the summary as JSON')
  .addHelpText('after', examples(['trail import claude', 'trail import claude --from ~/backup/.claude/projects', 'trail import']))
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
  .addHelpText('after', examples(['trail log -n 20', 'trail log --agent claude-code --since 2d --oneline', 'trail log --json | jq ".sessions[0].id"']))
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
  .option('--prompt <n>', 'only the changes made under prompt n (1-based)', (v) => parsePositive(v, '--prompt'))
  .option('--stat', 'a diffstat instead of the patch')
  .option('--json', 'print the changes as JSON')
  .addHelpText('after', examples(['trail diff 3f2a', 'trail diff 3f2a --prompt 2', 'trail diff 3f2a --stat']))
  .action(lazy(() => import('./commands/diff.js')));

program
  .command('search')
  .description('full-text search over prompts, assistant text, commands, outputs and paths')
  .argument('<query...>', 'words (all must match) or "quoted phrases"')
  .option('-n, --max-count <n>', 'at most n results (default 20)', (v) => parsePositive(v, '-n'))
  .option('--project <p>', 'only this project')
  .option('--agent <a>', 'only this agent')
  .option('--json', 'print {"version":1,"results":[...]}')
  .addHelpText('after', examples(['trail search token refresh', 'trail search "npm test" --agent codex']))
  .action(lazy(() => import('./commands/search.js')));

program
  .command('reindex')
  .description('rebuild the query index from the documents (the index is a cache)')
  .option('--json', 'print the result as JSON')
  .action(lazy(() => import('./commands/reindex.js')));

program
  .command('tour')
  .description('a guided tour: records a scripted agent session in a scratch repository and shows it')
  .option('--dir <dir>', 'where to make the scratch repository and store (default: a temp dir)')
  .option('--keep', 'keep the scratch directory afterwards')
  .action(lazy(() => import('./commands/tour.js')));

function parsePositive(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`trail: ${flag} needs a positive whole number, not ${JSON.stringify(v)}\n`);
    process.exit(EXIT.usage);
  }
  return n;
}

await program.parseAsync(process.argv);
