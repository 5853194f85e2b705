import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, tempDir, trail, trailJson, HOOK } from './helpers.js';

const settingsOf = (root: string) => join(root, 'claude-config', 'settings.json');

describe('trail init', () => {
  it('installs a handler per event with absolute paths, keeps other hooks, and is idempotent', () => {
    const root = tempDir();
    const home = join(root, 'home');
    mkdirSync(join(root, 'claude-config'), { recursive: true });
    const theirs = {
      matcher: 'Bash',
      hooks: [{ type: 'command', command: '/usr/local/bin/audit.sh' }],
    };
    writeFileSync(
      settingsOf(root),
      JSON.stringify({ model: 'opus', hooks: { PreToolUse: [theirs] } }, null, 2),
    );
    const first = trailJson<{ added: string[]; settings: string }>(home, ['init']);
    expect(first.settings).toBe(settingsOf(root));
    expect(first.added).toEqual([
      'SessionStart',
      'UserPromptSubmit',
      'PreToolUse',
      'PostToolUse',
      'Stop',
      'SubagentStop',
      'SessionEnd',
    ]);
    const s = JSON.parse(readFileSync(settingsOf(root), 'utf8'));
    expect(s.model).toBe('opus');
    expect(s.hooks.PreToolUse[0]).toEqual(theirs);
    const cmd: string = s.hooks.PostToolUse[0].hooks[0].command;
    expect(cmd).toContain(HOOK);
    expect(cmd).toContain(`--home ${home}`);
    expect(cmd.split(' ')[0]).toBe(process.execPath);
    const again = trailJson<{ added: string[]; unchanged: string[] }>(home, ['init']);
    expect(again.added).toEqual([]);
    expect(again.unchanged).toHaveLength(7);
    expect(readFileSync(settingsOf(root), 'utf8')).toBe(JSON.stringify(s, null, 2) + '\n');
  });

  it('takes out only its own hooks with --remove', () => {
    const root = tempDir();
    const home = join(root, 'home');
    mkdirSync(join(root, 'claude-config'), { recursive: true });
    const theirs = { hooks: [{ type: 'command', command: 'echo mine' }] };
    writeFileSync(settingsOf(root), JSON.stringify({ hooks: { Stop: [theirs] } }));
    trailJson(home, ['init']);
    const r = trailJson<{ removed: number }>(home, ['init', '--remove']);
    expect(r.removed).toBe(7);
    expect(JSON.parse(readFileSync(settingsOf(root), 'utf8'))).toEqual({
      hooks: { Stop: [theirs] },
    });
  });

  it("installs into the repository's .claude/settings.json with --project", () => {
    const root = tempDir();
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'sub'), { recursive: true });
    git(repo, ['init', '-q']);
    trailJson(join(root, 'home'), ['init', '--project'], { cwd: join(repo, 'sub') });
    expect(
      Object.keys(JSON.parse(readFileSync(join(repo, '.claude', 'settings.json'), 'utf8')).hooks),
    ).toHaveLength(7);
  });

  it('refuses to overwrite a settings file that is not valid JSON, naming it', () => {
    const root = tempDir();
    mkdirSync(join(root, 'claude-config'), { recursive: true });
    writeFileSync(settingsOf(root), '{ "hooks": ');
    const r = trail(join(root, 'home'), ['init']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(settingsOf(root));
    expect(r.stderr).toContain('not valid JSON');
    expect(readFileSync(settingsOf(root), 'utf8')).toBe('{ "hooks": ');
  });
});

describe('trail doctor', () => {
  it('says what is wrong and how to fix it, then passes once hooks are installed', () => {
    const root = tempDir();
    const home = join(root, 'home');
    const before = trail(home, ['doctor', '--json']);
    expect(before.status).toBe(1);
    const checks = JSON.parse(before.stdout).checks as {
      name: string;
      ok: boolean;
      fix?: string;
    }[];
    expect(checks.find((c) => c.name === 'user hooks')).toMatchObject({
      ok: false,
      fix: '`trail init`',
    });
    trailJson(home, ['init']);
    const after = trail(home, ['doctor', '--json']);
    expect(after.status).toBe(0);
    expect(JSON.parse(after.stdout).ok).toBe(true);
    expect(existsSync(home)).toBe(false); // doctor never creates a store
  });
});
