import { simpleCommands, tokenize } from './shell-command.js';

/** A here-document in a shell script: the command line that opened it and its body. */
export interface Heredoc {
  /** The line holding `<<DELIM` (with the operator), e.g. `cat <<'EOF' > src/a.ts`. */
  command: string;
  delimiter: string;
  body: string;
}

/** What a heredoc does to files, as far as the importer can tell. */
export type HeredocAction =
  | { kind: 'apply_patch'; patch: string; cd?: string }
  | { kind: 'write'; path: string; append: boolean; content: string }
  | { kind: 'other' };

/** The script with heredoc bodies removed (the commands that remain), and the heredocs. */
export interface ScriptParts {
  commands: string;
  heredocs: Heredoc[];
}

const OPEN = /<<(-?)[ \t]*(?:'([^'\n]+)'|"([^"\n]+)"|\\?([A-Za-z_][\w.-]*))/;

/**
 * Splits a shell script into its command lines and its here-documents. A heredoc opened
 * with `<<-` may indent its closing delimiter with tabs. An unterminated heredoc runs to
 * the end of the script, as in the shell.
 */
export function splitHeredocs(script: string): ScriptParts {
  const lines = script.split('\n');
  const kept: string[] = [];
  const heredocs: Heredoc[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    kept.push(line);
    const m = OPEN.exec(stripQuoted(line));
    if (!m) continue;
    const delimiter = m[2] ?? m[3] ?? m[4] ?? '';
    const dash = m[1] === '-';
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = dash ? lines[j]!.replace(/^\t+/, '') : lines[j]!;
      if (l === delimiter || l.trimEnd() === delimiter) break;
      body.push(lines[j]!);
    }
    heredocs.push({
      command: line,
      delimiter,
      body: body.length > 0 ? body.join('\n') + '\n' : '',
    });
    i = j;
  }
  return { commands: kept.join('\n'), heredocs };
}

/** Blanks out quoted strings so a `<<` inside quotes is not read as a heredoc. */
function stripQuoted(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"(?=.*<<)/g, (s) => ' '.repeat(s.length));
}

/**
 * Classifies a heredoc by its command: `apply_patch <<EOF` (optionally after `cd dir &&`)
 * applies a patch; `cat <<EOF > file`, `cat > file <<EOF`, `tee [-a] file <<EOF` write the
 * body to a file (`>>` and `tee -a` append). Anything else (python, git commit -m "$(cat…)")
 * is `other`.
 */
export function heredocAction(h: Heredoc): HeredocAction {
  const toks = tokenize(h.command.replace(OPEN, ' '));
  const words = toks.filter((t) => !t.op).map((t) => t.text);
  const prog = words.find((w) => w !== 'cd') ?? '';
  if (/(^|\/)apply_?patch$/.test(prog) || words.includes('apply_patch')) {
    const cdAt = words.indexOf('cd');
    const cd =
      cdAt >= 0 && words[cdAt + 1] !== undefined && words.indexOf('apply_patch') > cdAt
        ? words[cdAt + 1]
        : undefined;
    return cd !== undefined
      ? { kind: 'apply_patch', patch: h.body, cd }
      : { kind: 'apply_patch', patch: h.body };
  }
  for (const cmd of simpleCommands(toks)) {
    const head = cmd[0]?.text;
    if (head === 'cat') {
      const r = cmd.findIndex(
        (t) => t.op && (t.text === '>' || t.text === '>>' || t.text === '>|'),
      );
      const target = r >= 0 ? cmd[r + 1] : undefined;
      const extraWords = cmd.filter((t, i) => !t.op && i !== 0 && i !== r + 1);
      if (target && !target.op && extraWords.length === 0)
        return { kind: 'write', path: target.text, append: cmd[r]!.text === '>>', content: h.body };
    }
    if (head === 'tee') {
      const args = cmd
        .slice(1)
        .filter((t) => !t.op)
        .map((t) => t.text);
      const append = args.includes('-a') || args.includes('--append');
      const files = args.filter((a) => !a.startsWith('-'));
      if (files.length === 1) return { kind: 'write', path: files[0]!, append, content: h.body };
    }
  }
  return { kind: 'other' };
}
