import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  stableHash,
  type CapturedEvent,
  type CapturedSession,
  type FileChange,
  type ToolEvent,
} from '@trail/model';
import { CAPTURE_CODES } from '../codex/codes.js';
import { EventIds } from '../codex/ids.js';
import { describeError, ProblemLog, type ImportResult } from '../codex/problem.js';
import { blocksToChange, parseEditBlocks } from './edit-blocks.js';
import { CommitReader } from './git-commit.js';
import { splitAiderHistory, type AiderLaunch, type AiderTurn } from './history.js';

/** Counts from one aider history. */
export interface AiderImportStats {
  sessions: number;
  prompts: number;
  commits: number;
  /** Commits the history names that the repository does not have. */
  missingCommits: number;
  /** Turns whose edits are known only from the reply's SEARCH/REPLACE blocks. */
  uncommittedEdits: number;
  commands: number;
}

/** Options of {@link parseAiderHistory}. */
export interface AiderParseOptions {
  /** The git repository aider worked in (its commits give the diffs). */
  repoDir: string;
  /** The history's text, when the caller has already read it. */
  text?: string;
}

/** What parsing an aider history returns. */
export type AiderParseResult = ImportResult<AiderImportStats>;

const PROMPT_COMMANDS = new Set(['/ask', '/code', '/architect', '/context']);
const COMMIT = /^Commit ([0-9a-f]{7,40}) (.*)$/;
const DIRTY = /^Committing .* before applying edits\.?$/;

/**
 * Parses an aider chat history into one session per launch: `#### ` inputs become prompts
 * (slash commands become system events, `/run` and `!` commands tool calls), replies
 * assistant text, and each `> Commit <hash> <msg>` aider made for a prompt a tool event
 * whose changes are that commit's real diffs, read with `git show` in `repoDir`. A commit
 * the repository lacks is reported, and the turn's edits then come from the reply's
 * SEARCH/REPLACE blocks and `> Applied edit to` lines. Commits aider made of the user's own
 * pending changes ("Committing … before applying edits") are not charged to the agent.
 */
export async function parseAiderHistory(
  file: string,
  opts: AiderParseOptions,
): Promise<AiderParseResult> {
  const log = new ProblemLog(file);
  const stats: AiderImportStats = {
    sessions: 0,
    prompts: 0,
    commits: 0,
    missingCommits: 0,
    uncommittedEdits: 0,
    commands: 0,
  };
  let text = opts.text;
  if (text === undefined) {
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      log.add(0, `${CAPTURE_CODES.unreadable}: cannot read the file (${describeError(e)})`);
      return { sessions: [], problems: log.problems, stats };
    }
  }
  const launches = splitAiderHistory(text);
  if (launches.length === 0) {
    log.add(
      0,
      text.trim() === ''
        ? `${CAPTURE_CODES.empty}: the file is empty`
        : `${CAPTURE_CODES.unknownFormat}: no "# aider chat started at" header`,
    );
    return { sessions: [], problems: log.problems, stats };
  }
  const commits = new CommitReader(resolve(opts.repoDir), log);
  const sessions: CapturedSession[] = [];
  for (const launch of launches)
    sessions.push(await toSession(launch, opts.repoDir, commits, stats));
  return { sessions, problems: log.problems, stats };
}

async function toSession(
  launch: AiderLaunch,
  repoDir: string,
  commits: CommitReader,
  stats: AiderImportStats,
): Promise<CapturedSession> {
  const startedAt = localToIso(launch.startedAt);
  const id = `aider-${stableHash(basename(resolve(repoDir)), launch.startedAt)}`;
  const ids = new EventIds(id);
  const session: CapturedSession = { id, agent: 'aider', cwd: resolve(repoDir), events: [] };
  if (startedAt) session.startedAt = startedAt;
  for (const note of launch.preamble) {
    const version = /^Aider v(\S+)/.exec(note)?.[1];
    const model = /^(?:Main model|Models?): (\S+)/.exec(note)?.[1];
    if (version) session.agentVersion = version;
    if (model && !session.model) session.model = model;
  }
  stats.sessions++;
  let clock = startedAt ?? '';
  for (const turn of launch.turns) {
    const events = await turnEvents(turn, ids, clock, session.model, commits, stats);
    for (const e of events) {
      session.events.push(e);
      if (e.ts > clock) clock = e.ts;
    }
  }
  if (clock) session.endedAt = clock;
  return session;
}

async function turnEvents(
  turn: AiderTurn,
  ids: EventIds,
  ts: string,
  model: string | undefined,
  commits: CommitReader,
  stats: AiderImportStats,
): Promise<CapturedEvent[]> {
  const out: CapturedEvent[] = [];
  const input = turn.input.trim();
  const command = input.startsWith('/') ? (input.split(/\s/)[0] ?? '') : undefined;
  if (input.startsWith('!') || command === '/run' || command === '/test') {
    stats.commands++;
    const cmd = input.startsWith('!') ? input.slice(1).trim() : input.slice(command!.length).trim();
    const output = turn.notes
      .filter((n) => !/^Add (the )?(command )?output to the chat\?/i.test(n))
      .join('\n');
    out.push({
      id: ids.keyed('t', 'run', cmd),
      kind: 'tool',
      ts,
      name: command ?? '!',
      category: 'command',
      input: { command: cmd },
      status: 'ok',
      command: cmd,
      exitCode: null,
      output,
    });
    return out;
  }
  if (command !== undefined && !(PROMPT_COMMANDS.has(command) && input.length > command.length)) {
    out.push({
      id: ids.keyed('s', input),
      kind: 'system',
      ts,
      subtype: command === '/undo' ? 'undo' : 'command',
      text: [input, ...turn.notes].join('\n'),
    });
    return out;
  }
  if (input) {
    stats.prompts++;
    out.push({ id: ids.prompt(input), kind: 'prompt', ts, text: input });
  }
  if (turn.reply) {
    const a: CapturedEvent = {
      id: ids.assistant(turn.reply),
      kind: 'assistant',
      ts,
      text: turn.reply,
    };
    if (model) a.model = model;
    out.push(a);
  }
  out.push(...(await editEvents(turn, ids, ts, commits, stats)));
  return out;
}

async function editEvents(
  turn: AiderTurn,
  ids: EventIds,
  ts: string,
  commits: CommitReader,
  stats: AiderImportStats,
): Promise<CapturedEvent[]> {
  const out: CapturedEvent[] = [];
  const applied = turn.notes.flatMap((n) => /^Applied edit to (.+)$/.exec(n)?.[1] ?? []);
  let committed = false;
  let dirtyPending = false;
  for (const [i, note] of turn.notes.entries()) {
    if (DIRTY.test(note)) {
      dirtyPending = true;
      continue;
    }
    const m = COMMIT.exec(note);
    if (!m) continue;
    const [, hash = '', message = ''] = m;
    if (dirtyPending) {
      dirtyPending = false;
      out.push({
        id: `s-commit-${hash}`,
        kind: 'system',
        ts,
        subtype: 'user-changes-committed',
        text: `${hash} ${message}`,
      });
      continue;
    }
    const c = await commits.read(hash, turn.noteLines[i] ?? turn.line);
    if (c === 'missing') stats.missingCommits++;
    if (typeof c === 'string') continue;
    committed = true;
    stats.commits++;
    out.push({
      id: `t-commit-${hash}`,
      kind: 'tool',
      ts: c.date,
      name: 'aider_commit',
      category: 'edit',
      input: { commit: hash, message, applied },
      status: 'ok',
      output: `${c.hash} ${c.subject}`,
      changes: c.changes,
    });
  }
  if (!committed && applied.length > 0) {
    stats.uncommittedEdits++;
    const blocks = parseEditBlocks(turn.reply);
    const changes: FileChange[] = applied.map((path) =>
      blocksToChange(
        path,
        blocks.filter((b) => b.path === path),
      ),
    );
    const e: ToolEvent = {
      id: ids.keyed('t', 'edit', applied.join('\n')),
      kind: 'tool',
      ts,
      name: 'aider_edit',
      category: 'edit',
      input: { applied },
      status: 'ok',
      changes,
    };
    out.push(e);
  }
  return out;
}

/** aider's header time (local, `YYYY-MM-DD HH:MM:SS`) as ISO-8601 UTC, in this machine's zone. */
export function localToIso(local: string): string | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)/.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(y, mo - 1, d, h, mi, s).toISOString();
}
