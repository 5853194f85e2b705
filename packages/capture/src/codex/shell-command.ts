/**
 * Shell command lines as Codex's shell tools give them: an argv (`["bash","-lc","ls"]`)
 * in the `shell`/`local_shell_call` eras, a string in `shell_command`/`exec_command`.
 */

const SHELLS = /^(?:.*[\\/])?(?:bash|zsh|sh|dash|ksh|fish|pwsh|powershell)(?:\.exe)?$/i;
const SCRIPT_FLAGS = new Set([
  '-c',
  '-lc',
  '-cl',
  '-ic',
  '-ci',
  '-l -c',
  '-Command',
  '-command',
  '-c:',
  '/c',
  '/C',
]);

/**
 * The command line an argv runs: the script of `<shell> -lc <script>` (also `-c`,
 * PowerShell's `-Command`, `cmd /c`), else the argv joined with shell quoting.
 */
export function argvToCommand(argv: readonly string[]): string {
  if (argv.length >= 3) {
    const prog = argv[0]!;
    const isShell = SHELLS.test(prog) || /^(?:.*[\\/])?cmd(?:\.exe)?$/i.test(prog);
    if (isShell) {
      // flags before the script: ["bash", "-l", "-c", "x"] or ["bash", "-lc", "x"]
      let i = 1;
      while (i < argv.length - 1 && argv[i]!.startsWith('-') && !SCRIPT_FLAGS.has(argv[i]!)) i++;
      if (i < argv.length - 1 && SCRIPT_FLAGS.has(argv[i]!)) return argv.slice(i + 1).join(' ');
    }
  }
  return argv.map(quoteArg).join(' ');
}

/** Quotes one argument for display when it contains shell-special characters. */
export function quoteArg(a: string): string {
  if (a === '') return "''";
  if (/^[\w@%+=:,./-]+$/.test(a)) return a;
  return `'${a.replace(/'/g, `'\\''`)}'`;
}

/** A word of a shell command line, or an operator (`&&`, `|`, `;`, `>`...). */
export interface ShellToken {
  text: string;
  op: boolean;
}

/**
 * Splits a command line into words and operators, honouring single and double quotes and
 * backslash escapes. Not a full shell parser: enough to find programs, arguments and
 * redirections in the simple commands agents run.
 */
export function tokenize(line: string): ShellToken[] {
  const out: ShellToken[] = [];
  let word = '';
  let inWord = false;
  const flush = (): void => {
    if (inWord) out.push({ text: word, op: false });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += end < 0 ? line.slice(i + 1) : line.slice(i + 1, end);
      inWord = true;
      i = end < 0 ? line.length : end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        word += line[j];
        j++;
      }
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      flush();
    } else if ('|&;<>()'.includes(c)) {
      flush();
      let op = c;
      while (i + 1 < line.length && '|&<>'.includes(line[i + 1]!) && op.length < 3) op += line[++i];
      if (/^\d$/.test(out[out.length - 1]?.text ?? '') && (c === '>' || c === '<')) {
        // "2>" "2>&1": fold the fd into the operator
        const fd = out.pop()!;
        op = fd.text + op;
      }
      if (op.endsWith('&') && line[i + 1] && /\d/.test(line[i + 1]!)) op += line[++i];
      out.push({ text: op, op: true });
    } else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return out;
}

/** Splits tokens into simple commands at `&&`, `||`, `;`, `|`, `&` and parentheses. */
export function simpleCommands(toks: readonly ShellToken[]): ShellToken[][] {
  const out: ShellToken[][] = [[]];
  for (const t of toks) {
    if (t.op && /^(&&|\|\||;|\||\(|\)|&)$/.test(t.text)) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((c) => c.length > 0);
}
