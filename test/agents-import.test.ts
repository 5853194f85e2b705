import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir, trail, trailJson } from './helpers.js';
import {
  buildOpencodeDb,
  CODEX_SHELL_TOOLS,
  codexRawCounts,
  FIXTURES,
  log,
  makeAiderRepo,
  show,
} from './agents-support.js';

interface Summary {
  agent: string;
  files: number;
  unchanged: number;
  sessions: number;
  newSessions: number;
  events: number;
  problems: { file: string; line: number; reason: string }[];
}
const imports = (home: string, args: string[], cwd?: string) =>
  trailJson<{ imports: Summary[] }>(home, ['import', ...args], cwd ? { cwd } : {}).imports;

const CORPUS = resolve(ROOT, '../shared/corpus/codex');
const corpusFiles = existsSync(CORPUS)
  ? readdirSync(CORPUS, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && /^rollout-.*\.jsonl?$/.test(d.name))
      .map((d) => join(d.parentPath, d.name))
      .sort()
  : [];
const uuidOf = (file: string) =>
  /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(file)![1]!;

describe.skipIf(corpusFiles.length === 0)(
  'trail import codex over the real Codex corpus (skipped: ../shared/corpus/codex is not beside this checkout)',
  () => {
    let home = '';
    let first: Summary | undefined;
    let dir = '';
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'trail-agents-corpus-'));
      home = join(dir, 'home');
      [first] = imports(home, ['codex', '--from', CORPUS]);
    });

    it('reads every file without a problem', () => {
      expect(first).toMatchObject({ agent: 'codex', files: corpusFiles.length, problems: [] });
    });

    it.each(corpusFiles.map((f) => [f.slice(CORPUS.length + 1), f]))(
      '%s has the counts its raw lines have',
      (_name, file) => {
        const raw = codexRawCounts(readFileSync(file, 'utf8'));
        if (raw.prompts + raw.commands + raw.patches === 0) {
          // a session that never got past its header has nothing to record
          expect(trail(home, ['show', uuidOf(file)]).status).toBe(3);
          return;
        }
        const s = show(home, uuidOf(file));
        expect(s.agent).toBe('codex');
        const tools = s.events.filter((e) => e.kind === 'tool');
        expect({
          prompts: s.counts.prompts,
          commands: tools.filter(
            (e) => e.category === 'command' && CODEX_SHELL_TOOLS.includes(e.tool ?? ''),
          ).length,
          patches: tools.filter(
            (e) => e.tool === 'apply_patch' || /apply_patch\s*<</.test(e.command ?? ''),
          ).length,
          files: s.counts.filesChanged,
        }).toEqual(raw);
      },
    );

    it('re-importing adds nothing and re-reads nothing', () => {
      const [again] = imports(home, ['codex', '--from', CORPUS]);
      expect(again).toMatchObject({
        events: 0,
        newSessions: 0,
        unchanged: corpusFiles.length,
        problems: [],
      });
      const [forced] = imports(home, ['codex', '--from', CORPUS, '--force']);
      expect(forced).toMatchObject({ events: 0, newSessions: 0, unchanged: 0 });
    });
  },
);

describe('trail import for every agent, on fixtures of every format', () => {
  it('imports Codex sessions of every era, archived ones included, and shows, diffs and finds them as codex', () => {
    const home = join(tempDir(), 'home');
    const [s] = imports(home, ['codex', '--from', join(FIXTURES, 'codex', 'home')]);
    expect(s).toMatchObject({
      agent: 'codex',
      files: 6,
      sessions: 6,
      newSessions: 6,
      problems: [],
    });
    const sessions = log(home, ['--agent', 'codex']);
    expect(sessions).toHaveLength(6);
    expect(sessions.every((x) => x.agent === 'codex')).toBe(true);
    // the TypeScript CLI's single JSON file, the pre-envelope JSONL and the 2026 envelope
    expect(show(home, '5f1c2d3e').prompts.map((p) => p.text)).toContain('add a hello script');
    expect(show(home, '7a0b1c2d').prompts.map((p) => p.text)).toContain(
      'rename app.js to main.js and say hello',
    );
    const latest = show(home, '019c45b2');
    expect(latest.filesChanged.length).toBeGreaterThan(0);
    expect(trail(home, ['diff', '019c45b2']).stdout).toBe('--- a/lib/legacy.ex\n+++ /dev/null\n');
    const diff = trail(home, ['diff', '7a0b1c2d']);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain(
      '--- /dev/null\n+++ b/docs/NOTES.md\n@@ -0,0 +1,3 @@\n+# Notes\n',
    );
    const found = trailJson<{ results: { sessionId: string }[] }>(home, [
      'search',
      'legacy',
      'module',
      '--agent',
      'codex',
    ]);
    expect(found.results.map((r) => r.sessionId)).toContain(latest.id);
  });

  it('imports Gemini CLI sessions (JSON and JSONL) as gemini', () => {
    const home = join(tempDir(), 'home');
    const [s] = imports(home, ['gemini', '--from', join(FIXTURES, 'gemini', 'home')]);
    expect(s).toMatchObject({ agent: 'gemini', files: 2, sessions: 2, problems: [] });
    const g = show(home, '1a2b3c4d');
    expect(g).toMatchObject({
      agent: 'gemini',
      model: 'gemini-2.5-pro',
      title: 'Add greet to util.py',
    });
    expect(g.filesChanged.length).toBeGreaterThan(0);
    expect(trail(home, ['diff', g.id]).stdout).toContain('+++ ');
    const found = trailJson<{ results: { sessionId: string }[] }>(home, [
      'search',
      'greet',
      '--agent',
      'gemini',
    ]);
    expect(found.results.map((r) => r.sessionId)).toContain(g.id);
    expect(log(home, ['--agent', 'gemini'])).toHaveLength(2);
  });

  it('imports OpenCode from its JSON files and from its SQLite database as the same sessions', () => {
    const root = tempDir();
    const home = join(root, 'home');
    const [json] = imports(home, ['opencode', '--from', join(FIXTURES, 'opencode', 'data')]);
    expect(json).toMatchObject({ agent: 'opencode', sessions: 1, newSessions: 1, problems: [] });
    const data = join(root, 'opencode');
    mkdirSync(data);
    buildOpencodeDb(join(data, 'opencode.db'), join(FIXTURES, 'opencode', 'data', 'storage'));
    const [db] = imports(home, ['opencode', '--from', data]);
    // the subagent's session is folded into its parent: one session, and the database adds nothing new
    expect(db).toMatchObject({ sessions: 1, newSessions: 0, events: 0, problems: [] });
    const [s] = log(home, ['--agent', 'opencode']);
    expect(s).toMatchObject({ agent: 'opencode', title: 'Fix the login form' });
    const o = show(home, s!.id);
    expect(o.filesChanged.length).toBeGreaterThan(0);
    expect(
      trailJson<{ results: unknown[] }>(home, ['search', 'login', '--agent', 'opencode']).results
        .length,
    ).toBeGreaterThan(0);
  });

  it('imports an aider history with the commits aider made as each prompt’s changes', () => {
    const root = tempDir();
    const repo = join(root, 'repo');
    mkdirSync(repo);
    makeAiderRepo(repo);
    const home = join(root, 'home');
    // no --from: the history of the repository trail runs in
    const [s] = imports(home, ['aider'], repo);
    expect(s).toMatchObject({ agent: 'aider', sessions: 2, newSessions: 2 });
    const sessions = log(home, ['--agent', 'aider']);
    const first = sessions.find((x) => x.title === 'add a greet function to app.py')!;
    const a = show(home, first.id);
    expect(a).toMatchObject({ agent: 'aider', model: 'claude-3-5-sonnet-20241022' });
    expect(a.prompts.find((p) => p.index === 1)!.filesChanged).toEqual([
      { path: 'app.py', op: 'modify', added: 4, removed: 0 },
    ]);
    const diff = trail(home, ['diff', a.id, '--prompt', '1']);
    expect(diff.stdout).toContain('+def greet(name):');
    expect(imports(home, ['aider'], repo)[0]).toMatchObject({ events: 0, unchanged: 1 });
  });

  it('with no agent named, imports from every agent found and says what it found where', () => {
    const root = tempDir();
    const userHome = join(root, 'userhome');
    cpSync(join(FIXTURES, 'codex', 'home'), join(userHome, '.codex'), { recursive: true });
    cpSync(join(FIXTURES, 'gemini', 'home'), join(userHome, '.gemini'), { recursive: true });
    cpSync(join(FIXTURES, 'opencode', 'data'), join(userHome, '.local', 'share', 'opencode'), {
      recursive: true,
    });
    const repo = join(root, 'repo');
    mkdirSync(repo);
    makeAiderRepo(repo);
    const home = join(root, 'home');
    const env = { XDG_DATA_HOME: '', CODEX_HOME: '', GEMINI_CLI_HOME: '' };
    const r = trail(home, ['import'], { cwd: repo, env });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`found codex history in ${join(userHome, '.codex')}`);
    expect(r.stderr).toContain(`found gemini history in ${join(userHome, '.gemini')}`);
    expect(r.stderr).toContain(
      `found opencode history in ${join(userHome, '.local', 'share', 'opencode')}`,
    );
    expect(r.stderr).toContain(`found aider history in ${join(repo, '.aider.chat.history.md')}`);
    expect(r.stderr).toMatch(/no history found for claude-code \(/);
    const agents = log(home).map((s) => s.agent);
    expect(new Set(agents)).toEqual(new Set(['codex', 'gemini', 'opencode', 'aider']));
    expect(agents).toHaveLength(6 + 2 + 1 + 2);
  });
});
