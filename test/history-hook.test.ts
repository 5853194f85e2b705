import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClaudeSession } from './history-claude.js';
import { HOOK, envFor, git, tempDir, trail, trailJson } from './helpers.js';

function spooled(home: string): { event: string; payload: Record<string, unknown> }[] {
  const dir = join(home, 'spool', 'claude-code');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
    .map((l) => JSON.parse(l) as { event: string; payload: Record<string, unknown> });
}

function repo(): { base: string; root: string; home: string } {
  const base = realpathSync(tempDir('trail-history-hook-'));
  const root = join(base, 'repo');
  mkdirSync(root);
  writeFileSync(join(root, 'a.txt'), 'a\n');
  git(root, ['init', '-q']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'initial']);
  return { base, root, home: join(base, 'home') };
}

describe('the hook takes checkpoints', () => {
  it('spools a checkpoint before the prompt, and after a turn and a subagent end', () => {
    const { root, home } = repo();
    const c = new ClaudeSession(home, root).start();
    c.prompt('go');
    c.hook('SubagentStop', { agent_id: 'a1b2c3', stop_hook_active: false });
    c.stop();
    const lines = spooled(home).map((r) =>
      r.event === 'TrailCheckpoint' ? `checkpoint:${String(r.payload.moment)}` : r.event,
    );
    expect(lines).toEqual([
      'SessionStart',
      'checkpoint:start',
      'UserPromptSubmit',
      'SubagentStop',
      'checkpoint:subagent-end',
      'Stop',
      'checkpoint:end',
    ]);
    const cps = trailJson<{
      checkpoints: { moment: string; agentId: string | null; root: string }[];
    }>(home, ['checkpoints', c.id]).checkpoints;
    expect(cps.map((x) => [x.moment, x.agentId, x.root])).toEqual([
      ['start', null, root],
      ['subagent-end', 'a1b2c3', root],
      ['end', null, root],
    ]);
  });

  it('never fails the agent when a checkpoint cannot be taken, and logs why', () => {
    const { base, root, home } = repo();
    const send = (payload: object, env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [HOOK, '--agent', 'claude-code', '--home', home], {
        input: JSON.stringify(payload),
        env: envFor(home, env),
        encoding: 'utf8',
      });
    const gone = send({
      session_id: 's-1',
      hook_event_name: 'UserPromptSubmit',
      cwd: join(base, 'missing'),
      prompt: 'x',
    });
    const noGit = send(
      { session_id: 's-1', hook_event_name: 'Stop', cwd: root },
      { PATH: join(base, 'no-bin') },
    );
    expect([gone.status, noGit.status]).toEqual([0, 0]);
    const log = readFileSync(join(home, 'logs', 'hook.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; code: string });
    expect(log.map((l) => [l.event, l.code])).toEqual([
      ['UserPromptSubmit', 'CHECKPOINT_NO_TREE'],
      ['Stop', 'GIT_MISSING'],
    ]);
    expect(spooled(home).map((r) => r.event)).toEqual(['UserPromptSubmit', 'Stop']);
  });

  it('blames a binary file with a plain refusal', () => {
    const { root, home } = repo();
    writeFileSync(join(root, 'img.bin'), Buffer.from([0, 1, 2, 3]));
    const c = new ClaudeSession(home, root).start();
    c.prompt('look');
    c.stop();
    const r = trail(home, ['blame', 'img.bin'], { cwd: root });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('trail: img.bin is a binary file; blame annotates text\n');
  });
});
