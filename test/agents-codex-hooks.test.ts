import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envFor, git, HOOK, tempDir, trail, trailJson } from './helpers.js';
import { show } from './agents-support.js';

/** A directory with a `codex` that prints the given `--version`, to put first on PATH. */
function fakeCodex(root: string, version: string): string {
  const bin = join(root, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'codex'), `#!/bin/sh\necho "codex-cli ${version}"\n`);
  chmodSync(join(bin, 'codex'), 0o755);
  return bin;
}

/** Feeds one payload to the hook entry point, as Codex runs the command trail installed. */
function codexHook(home: string, payload: Record<string, unknown>): void {
  const r = spawnSync(process.execPath, [HOOK, '--agent', 'codex', '--home', home], {
    input: JSON.stringify(payload),
    encoding: 'utf8',
    env: envFor(home),
  });
  expect(r.status).toBe(0);
}

const SID = '019c9999-0000-7000-8000-00000000c0de';

describe('Codex live capture', () => {
  it('trail init --agent codex installs hooks that run trail, once, and takes them out again', () => {
    const root = tempDir();
    const home = join(root, 'home');
    const codexHome = join(root, 'codex');
    const env = {
      PATH: `${fakeCodex(root, '0.120.0')}:${process.env.PATH}`,
      CODEX_HOME: codexHome,
    };
    const r = trailJson<{ hooks: string; added: string[] }>(home, ['init', '--agent', 'codex'], {
      env,
    });
    expect(r.hooks).toBe(join(codexHome, 'hooks.json'));
    expect(r.added).toEqual([
      'SessionStart',
      'UserPromptSubmit',
      'PreToolUse',
      'PostToolUse',
      'Stop',
    ]);
    const hooks = JSON.parse(readFileSync(join(codexHome, 'hooks.json'), 'utf8')).hooks;
    const command: string = hooks.UserPromptSubmit[0].hooks[0].command;
    expect(command).toContain('trail-hook.js --agent codex --home');
    expect(
      trailJson<{ added: string[]; changed: boolean }>(home, ['init', '--agent', 'codex'], { env }),
    ).toMatchObject({ added: [], changed: false });
    const removed = trail(home, ['init', '--agent', 'codex', '--remove'], { env });
    expect(removed.stderr).toContain(`removed 5 trail hooks from ${join(codexHome, 'hooks.json')}`);
  });

  it('trail init --agent codex says plainly when the installed Codex has no hooks', () => {
    const root = tempDir();
    const env = {
      PATH: `${fakeCodex(root, '0.63.0')}:${process.env.PATH}`,
      CODEX_HOME: join(root, 'codex'),
    };
    const r = trail(join(root, 'home'), ['init', '--agent', 'codex'], { env });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Codex 0.63.0 has no hooks (they arrived in 0.114.0)');
    expect(r.stderr).toContain('trail import codex');
  });

  it('records a session from Codex hook payloads, checkpoints each turn, and folds the rollout into the same session', () => {
    const root = tempDir();
    const repo = join(root, 'repo');
    mkdirSync(repo);
    git(repo, ['init', '-q']);
    writeFileSync(join(repo, 'greet.txt'), 'hello\n');
    const home = join(root, 'home');
    const rollout = join(
      root,
      'codex',
      'sessions',
      'rollout-2026-03-01T10-00-00-' + SID + '.jsonl',
    );
    const base = { session_id: SID, cwd: repo, transcript_path: rollout, model: 'gpt-5-codex' };
    const prompt = 'make the greeting louder';
    codexHook(home, { ...base, hook_event_name: 'SessionStart', source: 'startup' });
    codexHook(home, { ...base, hook_event_name: 'UserPromptSubmit', turn_id: 't1', prompt });
    const cmd = "printf 'HELLO\\n' >> greet.txt";
    codexHook(home, {
      ...base,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_use_id: 'call_1',
      tool_input: { command: cmd },
    });
    writeFileSync(join(repo, 'greet.txt'), 'hello\nHELLO\n'); // what the command did
    codexHook(home, {
      ...base,
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_use_id: 'call_1',
      tool_input: { command: cmd },
      tool_response: { exit_code: 0, output: '' },
    });
    // what trail knows from the hooks alone
    const live = show(home, SID);
    expect(live).toMatchObject({ agent: 'codex', model: 'gpt-5-codex' });
    expect(live.prompts.filter((p) => p.index > 0).map((p) => p.text)).toEqual([prompt]);
    expect(
      live.events.filter((e) => e.kind === 'tool').map((e) => [e.id, e.command, e.exitCode]),
    ).toEqual([['t-call_1', cmd, 0]]);

    // the rollout Codex writes for the session: the same prompt, call and answer
    mkdirSync(join(rollout, '..'), { recursive: true });
    const ts = (s: number) => `2026-03-01T10:00:0${s}.000Z`;
    const lines = [
      {
        timestamp: ts(0),
        type: 'session_meta',
        payload: { id: SID, timestamp: ts(0), cwd: repo, cli_version: '0.120.0' },
      },
      { timestamp: ts(1), type: 'turn_context', payload: { cwd: repo, model: 'gpt-5-codex' } },
      { timestamp: ts(2), type: 'event_msg', payload: { type: 'user_message', message: prompt } },
      {
        timestamp: ts(2),
        type: 'response_item',
        payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: prompt }] },
      },
      {
        timestamp: ts(3),
        type: 'response_item',
        payload: {
          type: 'function_call',
          name: 'shell_command',
          call_id: 'call_1',
          arguments: JSON.stringify({ command: cmd, workdir: repo }),
        },
      },
      {
        timestamp: ts(4),
        type: 'response_item',
        payload: {
          type: 'function_call_output',
          call_id: 'call_1',
          output: 'Exit code: 0\nWall time: 0.1 seconds\nOutput:\n',
        },
      },
      {
        timestamp: ts(5),
        type: 'response_item',
        payload: {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Done: the greeting is louder.' }],
        },
      },
    ];
    writeFileSync(rollout, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    codexHook(home, {
      ...base,
      hook_event_name: 'Stop',
      last_assistant_message: 'Done: the greeting is louder.',
    });

    const merged = show(home, SID);
    expect(merged.prompts.filter((p) => p.index > 0).map((p) => p.text)).toEqual([prompt]);
    expect(merged.events.filter((e) => e.kind === 'tool').map((e) => e.id)).toEqual(['t-call_1']);
    expect(merged.events.filter((e) => e.kind === 'assistant')).toHaveLength(1);
    expect(merged.events.filter((e) => e.kind === 'checkpoint').map((e) => e.subtype)).toEqual([
      'start',
      'end',
    ]);
    expect(merged.counts.prompts).toBe(1);
    expect(trailJson<{ sessions: unknown[] }>(home, ['log']).sessions).toHaveLength(1);
    // the shell command's edit, found by the checkpoints around the turn, is charged to it
    const blame = trailJson<{ lines: { text: string; prompt: number | null }[] }>(
      home,
      ['blame', 'greet.txt'],
      { cwd: repo },
    );
    expect(blame.lines.map((l) => [l.text, l.prompt])).toEqual([
      ['hello', null],
      ['HELLO', 1],
    ]);
  });
});
