// Markdown that renders as the text it holds, on GitHub and elsewhere: no raw HTML, no
// accidental @-mentions, code spans and fences that cannot be closed by their content.

/** Prose: HTML is shown, not interpreted, and `@name` does not notify anyone. */
export function prose(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=[\w-])/g, '&#64;');
}

/** Every line of `text` as a block quote. */
export function quote(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.trim() ? `> ${prose(l)}` : '>'))
    .join('\n');
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** An inline code span holding `text` on one line, whatever backticks it contains. */
export function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ⏎ ');
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block holding `text` exactly, with an info string such as `diff`. */
export function fenced(text: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return `${fence}${info}\n${body}\n${fence}`;
}

/** A table cell: no pipes or line breaks to break the row. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** `<summary>` text inside a `<details>` block (HTML context). */
export function summaryText(text: string): string {
  return prose(text.replace(/\s+/g, ' '));
}
