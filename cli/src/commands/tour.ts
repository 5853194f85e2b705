import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { structuredPatch } from 'diff';
import { TOUR_FILES, TOUR_SCRIPT, TOUR_TOKEN } from '../tour/script.js';
import { entryPoints } from './init.js';
import { openBrowser } from './ui.js';
import { palette, type GlobalOptions } from '../output.js';

interface TourOptions extends GlobalOptions {
  dir?: string;
  keep?: boolean;
}

/**
 * `trail tour`: records a scripted agent session through the very hook entry point Claude
 * Code runs (payloads in its real hook format), in a scratch git repository with its own
 * store, then shows it with `trail log`, `show`, `diff` and the rest; syncs it to a second
 * device and shares it with a teammate through a relay on loopback. Nothing touches the
 * user's store.
 */
export async function run(opts: TourOptions): Promise<void> {
  const c = palette(process.stderr, opts);
  const root = opts.dir ? resolve(opts.dir) : mkdtempSync(join(tmpdir(), 'trail-tour-'));
  const repo = join(root, 'repo');
  const home = join(root, 'store');
  mkdirSync(repo, { recursive: true });
  const say = (s: string) => process.stderr.write(s + '\n');
  say(c.bold('trail tour') + c.dim(`  scratch repository ${repo}, store ${home}`));
  git(repo, ['init', '-q', '-b', 'main']);
  for (const [f, content] of Object.entries(TOUR_FILES)) write(repo, f, content);
  git(repo, ['add', '-A']);
  git(repo, [
    '-c',
    'user.name=Tour',
    '-c',
    'user.email=tour@example.invalid',
    'commit',
    '-q',
    '-m',
    'initial',
  ]);

  const sessionId = randomUUID();
  const transcript = join(root, 'claude', `${sessionId}.jsonl`);
  const e = entryPoints();
  const hook = (payload: Record<string, unknown>) => {
    const body = JSON.stringify({
      session_id: sessionId,
      transcript_path: transcript,
      cwd: repo,
      permission_mode: 'default',
      ...payload,
    });
    const r = spawnSync(
      e.node,
      [e.hook, '--agent', 'claude-code', '--home', home, '--cli', e.cli],
      { input: body, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`hook exited ${String(r.status)}: ${r.stderr}`);
  };

  say(c.dim('\n1. an agent session, captured through the real hook entry point'));
  hook({ hook_event_name: 'SessionStart', source: 'startup', model: 'claude-sonnet-4-6' });
  let n = 0;
  for (const step of TOUR_SCRIPT) {
    if ('prompt' in step) {
      if (n > 0) hook({ hook_event_name: 'Stop', stop_hook_active: false });
      say(`   ${c.cyan('prompt')}  ${step.prompt}`);
      hook({ hook_event_name: 'UserPromptSubmit', prompt: step.prompt });
      continue;
    }
    const id = `toolu_tour${String(++n).padStart(4, '0')}`;
    if ('read' in step) {
      const file = join(repo, step.read);
      const input = { file_path: file };
      hook({
        hook_event_name: 'PreToolUse',
        tool_name: 'Read',
        tool_input: input,
        tool_use_id: id,
      });
      const content = readFileSync(file, 'utf8');
      hook({
        hook_event_name: 'PostToolUse',
        tool_name: 'Read',
        tool_input: input,
        tool_use_id: id,
        tool_response: {
          type: 'text',
          file: {
            filePath: file,
            content,
            numLines: content.split('\n').length,
            startLine: 1,
            totalLines: content.split('\n').length,
          },
        },
      });
      say(`   ${c.blue('Read')}    ${step.read}`);
    } else if ('edit' in step) {
      const file = join(repo, step.edit);
      const input = { file_path: file, old_string: step.old, new_string: step.new };
      hook({
        hook_event_name: 'PreToolUse',
        tool_name: 'Edit',
        tool_input: input,
        tool_use_id: id,
      });
      const before = readFileSync(file, 'utf8');
      const after = before.replace(step.old, step.new);
      writeFileSync(file, after);
      const patch = structuredPatch(file, file, before, after, undefined, undefined, {
        context: 3,
      });
      hook({
        hook_event_name: 'PostToolUse',
        tool_name: 'Edit',
        tool_input: input,
        tool_use_id: id,
        tool_response: {
          filePath: file,
          oldString: step.old,
          newString: step.new,
          originalFile: before,
          structuredPatch: patch.hunks,
          userModified: false,
          replaceAll: false,
        },
      });
      say(`   ${c.blue('Edit')}    ${step.edit}`);
    } else if ('write' in step) {
      const file = join(repo, step.write);
      const input = { file_path: file, content: step.content };
      hook({
        hook_event_name: 'PreToolUse',
        tool_name: 'Write',
        tool_input: input,
        tool_use_id: id,
      });
      write(repo, step.write, step.content);
      hook({
        hook_event_name: 'PostToolUse',
        tool_name: 'Write',
        tool_input: input,
        tool_use_id: id,
        tool_response: {
          type: 'create',
          filePath: file,
          content: step.content,
          structuredPatch: [],
          originalFile: null,
        },
      });
      say(`   ${c.blue('Write')}   ${step.write}`);
    } else {
      const input = { command: step.bash, description: step.description };
      hook({
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: input,
        tool_use_id: id,
      });
      const r = spawnSync('bash', ['-c', step.bash], { cwd: repo, encoding: 'utf8' });
      hook({
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_input: input,
        tool_use_id: id,
        tool_response: { stdout: r.stdout, stderr: r.stderr, interrupted: false, isImage: false },
      });
      // the made-up token is shown shortened: the tour's own output never prints it whole
      const shown = step.bash.replaceAll(TOUR_TOKEN, `${TOUR_TOKEN.slice(0, 10)}…`);
      const note = shown === step.bash ? '' : c.dim('   (a made-up token: see where it goes)');
      say(`   ${c.blue('Bash')}    ${shown}${note}`);
    }
  }
  hook({ hook_event_name: 'Stop', stop_hook_active: false });
  hook({ hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' });

  const trail = (...args: string[]) => {
    say(c.bold(`\n$ trail ${args.join(' ')}`));
    const r = spawnSync(e.node, [e.cli, '--home', home, ...args], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
      encoding: 'utf8',
    });
    process.stdout.write(r.stdout);
    if (r.status !== 0) throw new Error(`trail ${args.join(' ')} exited ${String(r.status)}`);
    return r.stdout;
  };
  const cat = (file: string) => {
    say(c.bold(`\n$ cat ${file}`));
    process.stdout.write(readFileSync(join(repo, file), 'utf8'));
  };
  say(c.dim('\n2. what trail recorded'));
  trail('log', '-n', '5');
  trail('show', sessionId.slice(0, 8));
  trail('diff', sessionId.slice(0, 8), '--prompt', '2');
  trail('search', 'farewell');
  say(c.dim('\n3. which prompt wrote each line (the sed in prompt 2 is charged to its turn)'));
  trail('blame', 'src/greet.js');
  say(c.dim('\n4. take the working tree back to before prompt 2, then undo that'));
  const rewound = trail('rewind', `${sessionId.slice(0, 8)}:2`);
  cat('src/greet.js');
  const undo = /trail rewind (\S+)/.exec(rewound.replace(/\u001b\[[0-9;]*m/g, ''))?.[1];
  if (!undo) throw new Error('rewind printed no undo command');
  trail('rewind', undo);
  cat('src/greet.js');
  say(c.dim('\n5. what a reviewer gets: the session redacted, as Markdown for the pull request'));
  trail('export', sessionId.slice(0, 8), '--format', 'md');
  // one relay on loopback serves both the second device and the teammate
  const relayDir = join(root, 'relay');
  const relay = await startRelay(relayDir, e);
  try {
    await syncStep(home, join(root, 'desktop-store'), relay.url, e, say, c);
    teamStep(home, join(root, 'teammate-store'), relayDir, sessionId, e, say, c);
  } finally {
    await relay.close();
  }
  say(c.dim('\n8. the same history in the browser: `trail ui`'));
  const { startUiServer } = await import('../ui/server.js');
  const ui = await startUiServer({ ...opts, home, port: 0 });
  try {
    const page = await fetch(ui.url, { redirect: 'manual' });
    say(`   ${ui.url} ${c.dim(`(HTTP ${page.status})`)}`);
    if (process.stdout.isTTY && process.stdin.isTTY && !process.env.CI) {
      openBrowser(ui.url);
      say(c.dim('   opened in your browser; Ctrl-C ends the tour'));
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await ui.close();
  }
  if (opts.keep || opts.dir) say(c.dim(`\nkept ${root}; try: trail --home ${home} log`));
  else rmSync(root, { recursive: true, force: true });
}

function git(cwd: string, args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
}

function write(repo: string, file: string, content: string): void {
  const p = join(repo, file);
  if (!existsSync(dirname(p))) mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
}

/** The relay, as its own process (the steps below block this one while they run). */
async function startRelay(
  relayDir: string,
  e: { node: string; cli: string },
): Promise<{ url: string; close: () => Promise<void> }> {
  mkdirSync(relayDir, { recursive: true });
  const relayProc = spawn(
    e.node,
    [e.cli, '--home', join(relayDir, 'home'), 'relay', '--port', '0', '--data', relayDir],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const exited = new Promise<void>((resolve) => relayProc.once('exit', () => resolve()));
  return {
    url: await firstLine(relayProc, /^ws:\/\//),
    close: () => {
      relayProc.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Tour step: a second device (another store) pairs through the relay on loopback and syncs
 * the whole history; the relay only ever holds ciphertext.
 */
async function syncStep(
  home: string,
  desktop: string,
  relayUrl: string,
  e: { node: string; cli: string },
  say: (s: string) => void,
  c: ReturnType<typeof palette>,
): Promise<void> {
  say(
    c.dim(
      '\n6. a second device: pair it through an embedded relay, then sync (end-to-end encrypted)',
    ),
  );
  const run = (store: string, args: string[]) => {
    say(
      c.bold(`\n$ trail ${args.map(abbreviate).join(' ')}`) +
        c.dim(`   (${store === home ? 'laptop' : 'desktop'})`),
    );
    const r = spawnSync(e.node, [e.cli, '--home', store, ...args], { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(`trail ${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
    process.stdout.write(r.stdout);
    return r.stdout;
  };
  run(home, ['sync', '--relay', relayUrl]);
  say(c.bold('\n$ trail devices add --yes') + c.dim('   (laptop)'));
  const add = spawn(e.node, [e.cli, '--home', home, 'devices', 'add', '--yes', '--json'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<number | null>((resolve) => add.on('exit', resolve));
  const code = /"code":"([^"]+)"/.exec(await firstLine(add, /"code"/))![1]!;
  say(`   invitation ${abbreviate(code)}`);
  run(desktop, ['devices', 'join', code, '--name', 'desktop']);
  if ((await exited) !== 0) throw new Error('trail devices add failed');
  run(desktop, ['sync']);
  run(desktop, ['log', '--oneline']);
}

/** The team the tour makes, and who is in it. */
const TEAM = 'demo';
const YOU = 'ada';
const TEAMMATE = 'grace';

/**
 * Tour step: a team of two people (the laptop's store and a teammate's store of her own). The
 * laptop shares a redacted summary of the session; the teammate receives it through the relay,
 * comments, and the comment comes back. The relay's files hold none of it in plaintext.
 */
function teamStep(
  home: string,
  teammate: string,
  relayDir: string,
  sessionId: string,
  e: { node: string; cli: string },
  say: (s: string) => void,
  c: ReturnType<typeof palette>,
): void {
  say(
    c.dim(
      `\n7. a team: you (${YOU}) share a redacted summary with ${TEAMMATE}, who has a store of her own`,
    ),
  );
  const run = (
    store: string,
    args: string[],
    show: (out: string) => string | undefined = (o) => o,
  ) => {
    const shown = args.map((a) => (/\s/.test(a) ? `"${a}"` : abbreviate(a))).join(' ');
    say(c.bold(`\n$ trail ${shown}`) + c.dim(`   (${store === home ? YOU : TEAMMATE})`));
    const r = spawnSync(e.node, [e.cli, '--home', store, ...args], { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(`trail ${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
    process.stdout.write(show(r.stdout) ?? '');
    process.stderr.write(r.stderr);
    return r.stdout;
  };
  const short = sessionId.slice(0, 8);
  run(home, ['team', 'create', TEAM, '--as', YOU], (out) => `   team id ${out.trim()}\n`);
  const code = /TRAIL\w+/.exec(
    run(home, ['team', 'invite', TEAM], (out) => `   invitation ${abbreviate(out.trim())}\n`),
  )?.[0];
  if (!code) throw new Error('trail team invite printed no code');
  run(teammate, ['team', 'join', code, '--as', TEAMMATE]);
  say(c.dim('\n   --dry-run prints exactly what would leave (folded here: one line per value)'));
  run(home, ['share', short, '--team', TEAM, '--dry-run'], fold);
  run(home, ['share', short, '--team', TEAM]);
  run(teammate, ['team', 'sync', TEAM]);
  run(teammate, ['team', 'log', TEAM]);
  run(teammate, [
    'team',
    'comment',
    TEAM,
    short,
    'Looks good; can the token come out of the test command?',
  ]);
  run(home, ['team', 'sync', TEAM]);
  run(home, ['team', 'show', TEAM, short]);
  const { files, bytes, plaintext } = scanRelay(relayDir, [
    'Add a farewell()',
    'Looks good',
    'greet.js',
    TOUR_TOKEN,
  ]);
  if (plaintext.length > 0)
    throw new Error(`the relay's files hold plaintext: ${plaintext.join(', ')}`);
  say(
    c.dim(
      `\n   the relay holds ${String(files)} files (${(bytes / 1024).toFixed(0)} KiB): no title, prompt, path or comment in any of them, only ciphertext`,
    ),
  );
}

/** An invitation code as the tour prints it: long enough to recognise, short enough to read. */
function abbreviate(arg: string): string {
  return /^TRAIL\w{16}/.test(arg) ? `${arg.slice(0, 16)}…` : arg;
}

/** The `share --dry-run` JSON with each top-level value on one line (arrays: one per item). */
function fold(out: string): string {
  const summary = JSON.parse(out) as Record<string, unknown>;
  const lines = ['{'];
  for (const [k, v] of Object.entries(summary)) {
    if (Array.isArray(v)) {
      lines.push(`  ${JSON.stringify(k)}: [`);
      for (const item of v) lines.push(`    ${JSON.stringify(item)},`);
      lines.push('  ],');
    } else {
      const one = `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`;
      lines.push(one.length > 110 ? `${one.slice(0, 106)}…},` : one);
    }
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** How many files the relay keeps and how big, and which of `needles` any of them contains. */
function scanRelay(
  dir: string,
  needles: string[],
): { files: number; bytes: number; plaintext: string[] } {
  let files = 0;
  let bytes = 0;
  const found = new Set<string>();
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const data = readFileSync(join(f.parentPath, f.name));
    files++;
    bytes += data.length;
    for (const n of needles) if (data.includes(n)) found.add(n);
  }
  return { files, bytes, plaintext: [...found] };
}

/** The first line a child prints on stdout that matches `re` (rejects if it exits first). */
function firstLine(child: ChildProcessByStdio<null, Readable, null>, re: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      buf += d;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        if (re.test(line)) resolve(line);
      }
    });
    child.once('exit', (st) =>
      reject(new Error(`a tour step exited ${String(st)} before printing what it should`)),
    );
  });
}
