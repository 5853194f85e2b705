import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, HOOK, envFor, tempDir, trail, trailJson } from './helpers.js';
import { generateClaudeHistory } from '../bench/claude-import-gen.ts';

describe('crash safety', () => {
  it('survives a kill -9 in the middle of an import: the store opens cleanly and re-running finishes the job', async () => {
    const root = tempDir();
    const projects = join(root, 'projects');
    generateClaudeHistory(projects, { totalBytes: 6_000_000, sessions: 120 });
    const clean = join(root, 'clean');
    const reference = trailJson<{ imports: { sessions: number; events: number }[] }>(clean, [
      'import',
      'claude',
      '--from',
      projects,
    ]).imports[0]!;
    const home = join(root, 'home');
    const child = spawn(process.execPath, [CLI, 'import', 'claude', '--from', projects], {
      env: envFor(home),
      stdio: 'ignore',
    });
    // kill it once it has written part of the store
    for (
      let i = 0;
      i < 400 &&
      !(existsSync(join(home, 'automerge')) && readdirSync(join(home, 'automerge')).length > 20);
      i++
    )
      await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const partial = trail(home, ['log', '--json']);
    expect(partial.status).toBe(0);
    const seen = JSON.parse(partial.stdout).sessions.length as number;
    expect(seen).toBeLessThan(reference.sessions);
    const again = trailJson<{ imports: { sessions: number }[] }>(home, [
      'import',
      'claude',
      '--from',
      projects,
    ]);
    expect(again.imports[0]!.sessions).toBeGreaterThan(0);
    const finalLog = trailJson<{ sessions: { id: string; counts: { events: number } }[] }>(home, [
      'log',
    ]);
    const cleanLog = trailJson<{ sessions: { id: string; counts: { events: number } }[] }>(clean, [
      'log',
    ]);
    expect(finalLog.sessions.map((s) => [s.id, s.counts.events]).sort()).toEqual(
      cleanLog.sessions.map((s) => [s.id, s.counts.events]).sort(),
    );
  });

  it('loses nothing already recorded when a hook is killed while it reads its payload', async () => {
    const home = join(tempDir(), 'home');
    const ok = spawn(process.execPath, [HOOK, '--home', home], {
      env: envFor(home),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    ok.stdin.end(
      JSON.stringify({
        session_id: 'k-1',
        cwd: '/nonexistent',
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_use_id: 'toolu_1',
        tool_input: { command: 'true' },
        tool_response: { stdout: '', stderr: '', interrupted: false },
      }),
    );
    await new Promise((r) => ok.on('exit', r));
    const slow = spawn(process.execPath, [HOOK, '--home', home], {
      env: envFor(home),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    slow.stdin.write('{"session_id":"k-1","hook_event_name":"PostToolUse","tool_na');
    await new Promise((r) => setTimeout(r, 200));
    slow.kill('SIGKILL');
    await new Promise((r) => slow.on('exit', r));
    const show = trailJson<{ session: { counts: { toolCalls: number } } }>(home, ['show', 'k-1']);
    expect(show.session.counts.toolCalls).toBe(1);
  });
});
