import { simpleCommands, tokenize, type ShellToken } from './shell-command.js';

/**
 * Programs whose file arguments are files they read, with their options that take a value
 * (so the value is not mistaken for a file).
 */
const READERS: Record<string, readonly string[]> = {
  cat: [],
  nl: ['-b', '-s', '-v', '-w', '-i', '-n'],
  head: ['-n', '-c', '--lines', '--bytes'],
  tail: ['-n', '-c', '--lines', '--bytes'],
  less: [],
  more: [],
  bat: ['-r', '--line-range', '-l', '--language'],
  batcat: ['-r', '--line-range', '-l', '--language'],
  wc: [],
  sed: ['-e', '-f'],
  awk: ['-f', '-F', '-v'],
  jq: ['-f', '--arg', '--argjson'],
  xxd: ['-l', '-s', '-c'],
  od: ['-N', '-j', '-t'],
};
/** Programs whose first operand is a script, not a file (unless given with -e/-f). */
const SCRIPTED = new Set(['sed', 'awk', 'jq']);

/**
 * Files a shell command line reads, for simple reader commands (`cat a`, `sed -n '1,80p' b`,
 * `nl -ba c | head`, `head -n 20 d`...). Commands that search (`rg`, `grep`, `find`) or
 * run code are not reads of named files and are ignored, as are paths with globs or
 * variables. The result is in order of first appearance, without duplicates.
 */
export function commandReads(commandLine: string): string[] {
  const out: string[] = [];
  for (const cmd of simpleCommands(tokenize(commandLine))) {
    const words = cmd.filter((t) => !t.op).map((t) => t.text);
    const prog = (words[0] ?? '').replace(/^.*\//, '');
    if (!(prog in READERS)) continue;
    if (prog === 'sed' && words.some((w) => /^-[a-zA-Z]*i/.test(w) || w.startsWith('--in-place')))
      continue;
    // a reader fed by a pipe or heredoc reads stdin; only its file arguments count
    const args = fileArgs(prog, words.slice(1), cmd);
    for (const a of args) if (!out.includes(a)) out.push(a);
  }
  return out;
}

function fileArgs(prog: string, args: string[], cmd: ShellToken[]): string[] {
  const redirectTargets = new Set<string>();
  cmd.forEach((t, i) => {
    if (t.op && /[<>]/.test(t.text) && cmd[i + 1] && !cmd[i + 1]!.op)
      redirectTargets.add(cmd[i + 1]!.text);
  });
  const files: string[] = [];
  const valued = READERS[prog] ?? [];
  let scriptTaken = !SCRIPTED.has(prog);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (redirectTargets.has(a)) continue;
    if (a === '--') continue;
    if (a.startsWith('-') && a !== '-') {
      if (valued.includes(a)) {
        if (SCRIPTED.has(prog) && (a === '-e' || a === '-f')) scriptTaken = true;
        i += a === '--arg' || a === '--argjson' ? 2 : 1;
      }
      continue;
    }
    if (!scriptTaken) {
      scriptTaken = true;
      continue;
    }
    if (a === '-' || /[*?$`[\]{}]/.test(a) || /^\d+$/.test(a)) continue;
    files.push(a);
  }
  return files;
}
