// A store with real sessions for the web view's tests, screenshots and benchmark: a git
// repository worked on by the scripted fake Claude Code through the real hook entry point.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFakeClaude, sampleRepo, SAMPLE_STEPS, type Step } from '../fixtures/fake-claude.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The real CLI and hook entry points (built). */
export const CLI = join(ROOT, 'cli', 'bin', 'trail.js');
const HOOK = join(ROOT, 'cli', 'bin', 'trail-hook.js');

/** A GitHub token in the shape the redactor knows, made up for the tests. */
export const FAKE_TOKEN = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

/** Environment for a CLI run against a store home, isolated from the user's. */
export function env(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TRAIL_HOME: home,
    HOME: join(home, '..', 'userhome'),
    NO_COLOR: '1',
    CLAUDE_CONFIG_DIR: join(home, '..', 'claude-config'),
  };
}

/** Runs the real CLI; throws on a non-zero exit. */
export function cli(home: string, args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: env(home),
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0)
    throw new Error(`trail ${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  return r.stdout;
}

function git(cwd: string, args: string[]): void {
  const r = spawnSync(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.invalid',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

/** The second session: a refactor whose test run prints a (made-up) token. */
export const SECOND_STEPS: Step[] = [
  { prompt: 'Make greet() polite and log the deploy token check' },
  { say: 'I will update greet() and run the tests.' },
  {
    edit: 'src/greet.js',
    old: 'return `Hello, ${name}`;',
    new: 'const polite = name.trim();\n  return `Hello, ${polite}, welcome back`;',
  },
  {
    bash: `echo "checking deploy token ${FAKE_TOKEN}" && node test/greet.test.mjs && echo all passed`,
  },
  { say: 'greet() is polite now; the tests pass.' },
];

/** A few more sessions, so a screenshot shows a list that looks lived in. */
export const MORE_STEPS: { title: string; steps: Step[] }[] = [
  {
    title: 'Document greet() and farewell() in the README',
    steps: [
      { prompt: 'Document greet() and farewell() in the README' },
      { read: 'README.md' },
      {
        edit: 'README.md',
        old: 'A tiny module to say hello.\n',
        new: 'A tiny module to say hello.\n\n- `greet(name)`: a welcome\n- `farewell(name)`: a goodbye\n',
      },
      { say: 'The README lists both functions.' },
    ],
  },
  {
    title: 'Why does the test script fail on CI?',
    steps: [
      { prompt: 'Why does the test script fail on CI?' },
      { bash: 'node test/greet.test.mjs; echo exit $?' },
      { say: 'It passes here; CI probably runs an older Node.' },
    ],
  },
  {
    title: 'Add a package.json test script',
    steps: [
      { prompt: 'Add a package.json test script' },
      {
        write: 'package.json',
        content: '{\n  "type": "module",\n  "scripts": { "test": "node test/greet.test.mjs" }\n}\n',
      },
      { bash: 'npm test --silent && echo ok' },
      { say: 'npm test runs the test now.' },
    ],
  },
];

/** What {@link makeStore} made. */
export interface UiStore {
  home: string;
  repo: string;
  first: string;
  second: string;
}

/** Records two sessions (five with `more`) into `<dir>/home` from a repository at `<dir>/repo`, through the hooks. */
export function makeStore(dir: string, opts: { more?: boolean } = {}): UiStore {
  const repo = join(dir, 'repo');
  const home = join(dir, 'home');
  const projects = join(dir, 'claude-projects');
  mkdirSync(repo, { recursive: true });
  sampleRepo(repo);
  writeFileSync(join(repo, 'README.md'), '# greet\n\nA tiny module to say hello.\n');
  git(repo, ['init', '-q']);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'initial']);
  const hook = (p: Record<string, unknown>) => {
    const r = spawnSync(process.execPath, [HOOK, '--agent', 'claude-code', '--home', home], {
      input: JSON.stringify(p),
      encoding: 'utf8',
      env: env(home),
    });
    if (r.status !== 0) throw new Error(`hook failed: ${r.stderr}`);
  };
  const first = runFakeClaude({
    cwd: repo,
    projectsDir: projects,
    steps: SAMPLE_STEPS,
    hook,
  }).sessionId;
  const second = runFakeClaude({
    cwd: repo,
    projectsDir: projects,
    steps: SECOND_STEPS,
    hook,
    model: 'claude-opus-4-1',
  }).sessionId;
  if (opts.more)
    for (const m of MORE_STEPS)
      runFakeClaude({ cwd: repo, projectsDir: projects, steps: m.steps, hook });
  cli(home, ['log']); // folds the spooled hook events into the store
  return { home, repo, first, second };
}
