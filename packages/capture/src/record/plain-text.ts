import stripAnsi from 'strip-ansi';

/**
 * The text a terminal transcript shows, for search and reading: ANSI escape sequences
 * (colours, cursor moves, titles) removed, CR LF and lone LF as line ends, and within a
 * line a carriage return or a backspace overwrites what it moves back over, as on screen
 * (progress bars keep their last state, an echoed "\b \b" erases a character).
 */
export function plainText(raw: string): string {
  const text = stripAnsi(raw).replace(/\r+\n/g, '\n');
  if (!/[\r\b]/.test(text)) return dropControls(text);
  return dropControls(
    text
      .split('\n')
      .map((l) => (/[\r\b]/.test(l) ? overstrike(l) : l))
      .join('\n'),
  );
}

/** Renders one line with its carriage returns and backspaces applied. */
function overstrike(line: string): string {
  const cells: string[] = [];
  let col = 0;
  for (const ch of line) {
    if (ch === '\r') col = 0;
    else if (ch === '\b') col = Math.max(0, col - 1);
    else {
      cells[col] = ch;
      col++;
    }
  }
  return Array.from(cells, (c) => c ?? ' ')
    .join('')
    .replace(/\s+$/, '');
}

/** Drops the control characters other than tab and newline (bells, stray escapes). */
function dropControls(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}
