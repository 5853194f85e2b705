/**
 * The structure of an aider chat history (`.aider.chat.history.md`, formats.md 3): a
 * `# aider chat started at YYYY-MM-DD HH:MM:SS` header per launch, user input on `#### `
 * lines (a multi-line input is several such lines in a row), the model's reply as plain
 * markdown, and aider's own output as `> ` blockquotes. Markdown line-break spaces at line
 * ends are dropped.
 */

/** One user input and what followed it. */
export interface AiderTurn {
  /** 1-based line of the first `#### ` line. */
  line: number;
  input: string;
  /** The model's reply (markdown), trimmed. */
  reply: string;
  /** aider's output lines (`> ` removed), in order. */
  notes: string[];
  /** The 1-based line of each note. */
  noteLines: number[];
}

/** One launch of aider. */
export interface AiderLaunch {
  /** 1-based line of the header. */
  line: number;
  /** The header's local time, as written (`2024-08-05 14:32:11`). */
  startedAt: string;
  /** aider's output before the first input (version, models, repo). */
  preamble: string[];
  turns: AiderTurn[];
}

const HEADER = /^# aider chat started at (.+?)\s*$/;
const INPUT = /^####(?: (.*))?$/;
const NOTE = /^>(?: (.*))?$/;

/** Splits a history into launches and turns. Text before the first header is ignored. */
export function splitAiderHistory(text: string): AiderLaunch[] {
  const launches: AiderLaunch[] = [];
  let launch: AiderLaunch | undefined;
  let turn: AiderTurn | undefined;
  let reply: string[] = [];
  let lastWasInput = false;
  const closeTurn = (): void => {
    if (turn) turn.reply = reply.join('\n').trim();
    reply = [];
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '').replace(/ {2}$/, '');
    const header = HEADER.exec(line);
    if (header) {
      closeTurn();
      turn = undefined;
      launch = { line: i + 1, startedAt: header[1]!, preamble: [], turns: [] };
      launches.push(launch);
      lastWasInput = false;
      continue;
    }
    if (!launch) continue;
    const input = INPUT.exec(line);
    if (input) {
      const t = input[1] ?? '';
      if (lastWasInput && turn) turn.input += '\n' + t;
      else {
        closeTurn();
        turn = { line: i + 1, input: t, reply: '', notes: [], noteLines: [] };
        launch.turns.push(turn);
      }
      lastWasInput = true;
      continue;
    }
    lastWasInput = false;
    const note = NOTE.exec(line);
    if (note && turn) {
      turn.notes.push((note[1] ?? '').trimEnd());
      turn.noteLines.push(i + 1);
    } else if (note) launch.preamble.push((note[1] ?? '').trimEnd());
    else if (turn) reply.push(line);
  }
  closeTurn();
  return launches;
}
