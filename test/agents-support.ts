// Shared by the agents-*.test.ts end-to-end tests: fixture locations, small builders of
// agent stores (an aider repository, an OpenCode database), and a Codex line counter that
// shares no code with the importer.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ROOT, trailJson } from './helpers.js';

/** The capture package's own fixtures: every Codex era, Gemini, OpenCode, aider. */
export const FIXTURES = join(ROOT, 'packages', 'capture', 'fixtures');

/** What `trail show --json` prints, as far as these tests read it. */
export interface ShowSession {
  id: string;
  agent: string;
  model: string;
  title: string;
  cwd: string;
  counts: {
    prompts: number;
    toolCalls: number;
    filesChanged: number;
    commands: number;
    errors: number;
    events: number;
  };
  prompts: {
    index: number;
    text: string;
    filesChanged: { path: string; op: string; added: number; removed: number }[];
  }[];
  filesChanged: { path: string; op: string; added: number; removed: number }[];
  events: {
    id: string;
    kind: string;
    tool?: string;
    category?: string;
    command?: string;
    status?: string;
    exitCode?: number | null;
    subtype?: string;
    preview: string;
    promptNo: number;
    changes?: { path: string }[];
    terminal?: { hash: string; type: string };
  }[];
}

/** One session as `trail show --json` gives it. */
export function show(home: string, id: string, cwd?: string): ShowSession {
  return trailJson<{ session: ShowSession }>(home, ['show', id], cwd ? { cwd } : {}).session;
}

/** The sessions `trail log --json` lists (with extra flags). */
export function log(
  home: string,
  args: string[] = [],
): { id: string; agent: string; title: string; counts: Record<string, number> }[] {
  return trailJson<{
    sessions: { id: string; agent: string; title: string; counts: Record<string, number> }[];
  }>(home, ['log', ...args]).sessions;
}

/** Runs git in `dir` as a fixed author at a fixed date. */
function gitAt(dir: string, args: string[], date: string): string {
  return execFileSync(
    'git',
    [
      '-c',
      'commit.gpgsign=false',
      '-c',
      'core.autocrlf=false',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Dev (aider)',
        GIT_AUTHOR_EMAIL: 'dev@example.com',
        GIT_COMMITTER_NAME: 'Dev',
        GIT_COMMITTER_EMAIL: 'dev@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    },
  ).trim();
}

/**
 * A git repository holding the commits the fixture aider history names, and that history as
 * `.aider.chat.history.md` (its commit placeholders replaced by the real hashes).
 */
export function makeAiderRepo(dir: string): { history: string; commits: Record<string, string> } {
  gitAt(dir, ['init', '-q'], '2025-01-10T09:00:00');
  writeFileSync(join(dir, 'app.py'), 'def main():\n    pass\n');
  writeFileSync(
    join(dir, 'README.md'),
    '# demo\n\nA small demo of greeting people.\nRun it with python app.py.\n',
  );
  gitAt(dir, ['add', '.'], '2025-01-10T09:00:00');
  gitAt(dir, ['commit', '-q', '-m', 'initial'], '2025-01-10T09:00:00');
  writeFileSync(
    join(dir, 'app.py'),
    'def greet(name):\n    return f"hello {name}"\n\n\ndef main():\n    pass\n',
  );
  gitAt(dir, ['commit', '-q', '-am', 'feat: Add greet function'], '2025-01-10T09:01:30');
  const c2 = gitAt(dir, ['rev-parse', '--short=7', 'HEAD'], '');
  writeFileSync(
    join(dir, 'README.md'),
    '# demo\n\nA small demo of greeting people.\nRun it with python app.py.\nuser notes\n',
  );
  gitAt(dir, ['commit', '-q', '-am', 'docs: Update README'], '2025-01-10T09:03:00');
  const c3 = gitAt(dir, ['rev-parse', '--short=7', 'HEAD'], '');
  gitAt(dir, ['mv', 'README.md', 'README.txt'], '2025-01-10T09:03:10');
  writeFileSync(
    join(dir, 'README.txt'),
    '# demo\n\nA small demo of greeting people.\nRun it with python app.py.\nuser notes\ngreet(name) says hello.\n',
  );
  gitAt(
    dir,
    ['commit', '-q', '-am', 'docs: Move README to README.txt and document greet'],
    '2025-01-10T09:03:10',
  );
  const c4 = gitAt(dir, ['rev-parse', '--short=7', 'HEAD'], '');
  const commits: Record<string, string> = { c2, c3, c4 };
  const template = readFileSync(join(FIXTURES, 'aider', 'chat-history.template.txt'), 'utf8');
  const history = join(dir, '.aider.chat.history.md');
  writeFileSync(
    history,
    template.replace(/\{\{(c\d)\}\}/g, (_m, k: string) => commits[k]!),
  );
  return { history, commits };
}

const jsonFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};
const readJson = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;

/** An OpenCode ≥ 1.2 database (tables `project`, `session`, `message`, `part`) holding what a JSON-file store holds. */
export function buildOpencodeDb(file: string, storage: string, journal = 'wal'): void {
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA journal_mode = ${journal};
    CREATE TABLE project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, vcs TEXT, name TEXT, time_created INTEGER, time_updated INTEGER);
    CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, parent_id TEXT, slug TEXT, directory TEXT NOT NULL, title TEXT NOT NULL, version TEXT NOT NULL,
      share_url TEXT, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, time_compacting INTEGER, time_archived INTEGER);
    CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);`);
  for (const f of jsonFiles(join(storage, 'project'))) {
    const p = readJson(f);
    db.prepare('INSERT INTO project VALUES (?, ?, ?, NULL, 0, 0)').run(
      p.id as string,
      p.worktree as string,
      p.vcs as string,
    );
  }
  for (const projectDir of readdirSync(join(storage, 'session')))
    for (const f of jsonFiles(join(storage, 'session', projectDir))) {
      const s = readJson(f) as {
        id: string;
        projectID: string;
        parentID?: string;
        directory: string;
        title: string;
        version: string;
        time: { created: number; updated: number };
      };
      db.prepare(
        'INSERT INTO session (id, project_id, parent_id, directory, title, version, time_created, time_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        s.id,
        s.projectID,
        s.parentID ?? null,
        s.directory,
        s.title,
        s.version,
        s.time.created,
        s.time.updated,
      );
      for (const mf of jsonFiles(join(storage, 'message', s.id))) {
        const { id, sessionID, ...rest } = readJson(mf);
        const created = (rest.time as { created: number }).created;
        db.prepare('INSERT INTO message VALUES (?, ?, ?, ?, ?)').run(
          id as string,
          sessionID as string,
          created,
          created,
          JSON.stringify(rest),
        );
        for (const pf of jsonFiles(join(storage, 'part', id as string))) {
          const { id: pid, messageID, sessionID: sid, ...prest } = readJson(pf);
          db.prepare('INSERT INTO part VALUES (?, ?, ?, ?, ?, ?)').run(
            pid as string,
            messageID as string,
            sid as string,
            created,
            created,
            JSON.stringify(prest),
          );
        }
      }
    }
  db.close();
}

const SHELL_TOOLS = [
  'shell',
  'shell_command',
  'exec_command',
  'container.exec',
  'local_shell_call',
];

/** Tool names that run a shell command line in any Codex era. */
export const CODEX_SHELL_TOOLS: readonly string[] = SHELL_TOOLS;

/**
 * Counts in a Codex rollout, straight from its raw lines: human prompts, shell commands
 * (pure apply_patch invocations excluded), apply_patch invocations in any form, and the
 * distinct files touched by patches and heredoc writes.
 */
export function codexRawCounts(text: string): {
  prompts: number;
  commands: number;
  patches: number;
  files: number;
} {
  let userEvents = 0;
  let userItems = 0;
  let commands = 0;
  let patches = 0;
  const files = new Set<string>();
  const patchFiles = (s: string) => {
    for (const m of s.matchAll(/^\s*\*\*\* (?:(?:Add|Update|Delete) File|Move to): (.+?)\s*$/gm))
      files.add(m[1]!);
  };
  for (const line of text.split('\n')) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw counter reads untyped JSON on purpose
    let o: any;
    try {
      o = JSON.parse(line);
    } catch {
      continue;
    }
    const p = o.payload ?? o;
    if (o.type === 'event_msg') {
      if (p.type === 'user_message' && (!p.kind || p.kind === 'plain')) userEvents++;
      continue;
    }
    if (p.type === 'message' && p.role === 'user') {
      const t = (p.content ?? []).map((c: { text?: string }) => c.text ?? '').join('');
      if (!/^\s*(<[A-Za-z_ ]+>|# AGENTS\.md instructions)/.test(t)) userItems++;
    }
    if (!['custom_tool_call', 'function_call', 'local_shell_call'].includes(p.type)) continue;
    const args =
      p.type === 'function_call'
        ? JSON.parse(p.arguments)
        : p.type === 'local_shell_call'
          ? p.action
          : p.input;
    if (p.name === 'apply_patch') {
      patches++;
      patchFiles(typeof args === 'string' ? args : args.input);
      continue;
    }
    if (p.type !== 'local_shell_call' && !SHELL_TOOLS.includes(p.name)) continue;
    const cmd = args.cmd ?? args.command;
    if (Array.isArray(cmd) && cmd[0] === 'apply_patch') {
      patches++;
      patchFiles(cmd[1]);
      continue;
    }
    const script: string = Array.isArray(cmd) ? cmd[cmd.length - 1] : cmd;
    const heredocPatches = (script.match(/apply_patch\s*<</g) ?? []).length;
    patches += heredocPatches;
    patchFiles(script);
    for (const m of script.matchAll(
      /^\s*cat\s+(?:<<-?\s*'?\w+'?\s*>>?\s*(\S+)|>>?\s*(\S+)\s*<<)/gm,
    ))
      files.add((m[1] ?? m[2])!.replace(/^['"]|['"]$/g, ''));
    if (!(heredocPatches === 1 && /^\s*(cd \S+ && )?apply_patch\s*<</.test(script))) commands++;
  }
  return { prompts: userEvents > 0 ? userEvents : userItems, commands, patches, files: files.size };
}
