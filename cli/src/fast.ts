// The read commands' fast path: `trail log` and `trail search` with plain, valid flags run
// without loading commander and the other commands' definitions, which cost more than the
// read itself. Anything else (help, errors, unusual spellings) goes to the full parser in
// main.ts, so messages and exit codes come from one place.
import { fail, writeDirectly, type GlobalOptions } from './output.js';
import { quietWarnings } from './stdio.js';

type Kind = 'flag' | 'value' | 'count';

/** Program options, accepted before or after the command as commander does. */
const GLOBAL: Readonly<Record<string, readonly [string, Kind]>> = {
  '--home': ['home', 'value'],
  '-q': ['quiet', 'flag'],
  '--quiet': ['quiet', 'flag'],
  '--no-color': ['color', 'flag'],
  '--debug': ['debug', 'flag'],
};

/** The options of each fast command, as declared in main.ts. */
const COMMANDS: Readonly<Record<string, Readonly<Record<string, readonly [string, Kind]>>>> = {
  log: {
    '-n': ['maxCount', 'count'],
    '--max-count': ['maxCount', 'count'],
    '--project': ['project', 'value'],
    '--agent': ['agent', 'value'],
    '--since': ['since', 'value'],
    '--until': ['until', 'value'],
    '--tag': ['tag', 'value'],
    '--all': ['all', 'flag'],
    '--oneline': ['oneline', 'flag'],
    '--json': ['json', 'flag'],
  },
  search: {
    '-n': ['maxCount', 'count'],
    '--max-count': ['maxCount', 'count'],
    '--project': ['project', 'value'],
    '--agent': ['agent', 'value'],
    '--json': ['json', 'flag'],
  },
};

/** A read command line the fast path can run. */
export interface FastCommand {
  command: 'log' | 'search';
  /** The search words (empty for log). */
  words: string[];
  /** The options commander would hand the command: its own merged with the program's. */
  opts: GlobalOptions & Record<string, unknown>;
}

/**
 * Reads `argv` (without node and the script) when it is `log` or `search` with only their
 * declared options, each spelled plainly (`-n 5`, `--max-count 5`, `--max-count=5`) and valid.
 * Undefined for everything else, which commander then parses, so help, usage errors and their
 * exit codes stay exactly as main.ts defines them.
 */
export function parseFast(argv: readonly string[]): FastCommand | undefined {
  let command: 'log' | 'search' | undefined;
  const words: string[] = [];
  const opts: FastCommand['opts'] = { color: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.length > 1 && arg.startsWith('-')) {
      const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const spec = GLOBAL[name] ?? (command ? COMMANDS[command]![name] : undefined);
      if (!spec) return undefined;
      const [key, kind] = spec;
      if (kind === 'flag') {
        if (eq > 0) return undefined;
        opts[key] = name !== '--no-color';
        continue;
      }
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      // a value that looks like an option is left to commander, which may read it as one
      if (value === undefined || value.startsWith('-')) return undefined;
      if (kind === 'count') {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) return undefined;
        opts[key] = n;
      } else opts[key] = value;
    } else if (!command) {
      if (arg !== 'log' && arg !== 'search') return undefined;
      command = arg;
    } else if (command === 'search') words.push(arg);
    else return undefined;
  }
  if (!command || (command === 'search' && words.length === 0)) return undefined;
  return { command, words, opts };
}

/** Runs a fast command line; false when `argv` is not one (main.ts then takes it). */
export async function runFast(argv: readonly string[]): Promise<boolean> {
  const fast = parseFast(argv);
  if (!fast) return false;
  quietWarnings();
  writeDirectly(); // log and search write only through output.ts

  try {
    if (fast.command === 'log') await (await import('./commands/log.js')).run(fast.opts);
    else await (await import('./commands/search.js')).run(fast.words, fast.opts);
  } catch (e) {
    fail(e, fast.opts);
  }
  return true;
}
