import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTrailError } from '@trail/model';
import { afterEach, describe, expect, test } from 'vitest';
import { codexHookPayloadToEvents } from './hook-events.js';
import { installCodexHooks } from './hooks-install.js';
import { codexHooksSupport, compareVersions } from './hooks-support.js';
import { parseCodexSession } from './parse.js';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trail-codex-hooks-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const command = (event: string) => `/opt/trail/bin/trail hook codex ${event}`;
const readHooks = (home: string) => JSON.parse(readFileSync(join(home, 'hooks.json'), 'utf8'));

function rollout(
  home: string,
  version: string,
  name = 'rollout-2026-03-01T10-00-00-019c0000-0000-7000-8000-000000000001.jsonl',
) {
  mkdirSync(join(home, 'sessions/2026/03/01'), { recursive: true });
  const meta = { timestamp: 't', type: 'session_meta', payload: { id: 'x', cli_version: version } };
  writeFileSync(join(home, 'sessions/2026/03/01', name), JSON.stringify(meta) + '\n');
}

describe('installCodexHooks', () => {
  test('writes one hook per event, and a second run changes nothing', async () => {
    const home = tempDir();
    const first = await installCodexHooks(home, command, { version: 'codex-cli 0.120.0' });
    expect(first).toMatchObject({
      changed: true,
      installed: true,
      added: ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop'],
      removed: 0,
    });
    expect(readHooks(home).hooks.PostToolUse).toEqual([
      { hooks: [{ type: 'command', command: command('PostToolUse'), timeout: 10 }] },
    ]);
    const before = readFileSync(join(home, 'hooks.json'), 'utf8');
    const second = await installCodexHooks(home, command, { version: '0.120.0' });
    expect(second).toMatchObject({ changed: false, added: [], removed: 0 });
    expect(readFileSync(join(home, 'hooks.json'), 'utf8')).toBe(before);
  });

  test('preserves other hooks and replaces stale trail entries', async () => {
    const home = tempDir();
    const other = { type: 'command', command: 'notify-send done' };
    writeFileSync(
      join(home, 'hooks.json'),
      JSON.stringify({
        hooks: {
          Stop: [{ hooks: [other, { type: 'command', command: '/old/trail hook codex Stop' }] }],
          Notification: [{ matcher: 'x', hooks: [other] }],
        },
      }),
    );
    const r = await installCodexHooks(home, command, {
      version: '0.120.0',
      events: ['Stop'],
      isOurs: (c) => /trail hook codex/.test(c),
    });
    expect(r).toMatchObject({ changed: true, added: ['Stop'], removed: 1 });
    expect(readHooks(home).hooks).toEqual({
      Stop: [
        { hooks: [other] },
        { hooks: [{ type: 'command', command: command('Stop'), timeout: 10 }] },
      ],
      Notification: [{ matcher: 'x', hooks: [other] }],
    });
    const removed = await installCodexHooks(home, command, { remove: true });
    expect(removed).toMatchObject({ changed: true, removed: 1 });
    expect(readHooks(home).hooks).toEqual({
      Stop: [{ hooks: [other] }],
      Notification: [{ matcher: 'x', hooks: [other] }],
    });
  });

  test('refuses when the installed Codex predates hooks, unless forced', async () => {
    const home = tempDir();
    rollout(home, '0.63.0');
    const r = await installCodexHooks(home, command);
    expect(r).toMatchObject({
      installed: false,
      changed: false,
      support: { supported: false, version: '0.63.0', versionSource: 'rollout' },
    });
    expect(() => readFileSync(join(home, 'hooks.json'))).toThrow();
    expect(await installCodexHooks(home, command, { force: true })).toMatchObject({
      installed: true,
      changed: true,
    });
  });

  test('never overwrites a hooks file that is not valid JSON', async () => {
    const home = tempDir();
    writeFileSync(join(home, 'hooks.json'), '{ "hooks": ');
    const err = await installCodexHooks(home, command, { version: '0.120.0' }).catch(
      (e: unknown) => e,
    );
    expect(isTrailError(err, 'CODEX_HOOKS_FILE_INVALID')).toBe(true);
    expect(readFileSync(join(home, 'hooks.json'), 'utf8')).toBe('{ "hooks": ');
  });
});

describe('codexHooksSupport', () => {
  test('reads the version from the newest rollout and the feature flag from config.toml', async () => {
    const home = tempDir();
    rollout(
      home,
      '0.110.0',
      'rollout-2026-01-01T00-00-00-019c0000-0000-7000-8000-000000000000.jsonl',
    );
    rollout(home, '0.121.0');
    writeFileSync(
      join(home, 'config.toml'),
      'model = "gpt-5"\n[features]\ncodex_hooks = true # on\n',
    );
    expect(await codexHooksSupport(home)).toMatchObject({
      supported: true,
      version: '0.121.0',
      versionSource: 'rollout',
      featureFlag: true,
      hooksFile: join(home, 'hooks.json'),
    });
  });

  test('a source build or an empty home cannot tell', async () => {
    const home = tempDir();
    expect((await codexHooksSupport(home)).supported).toBe('unknown');
    rollout(home, '0.0.0');
    expect(await codexHooksSupport(home)).toMatchObject({ supported: 'unknown', version: '0.0.0' });
  });

  test('compareVersions orders numerically', () => {
    expect(compareVersions('0.114.0', '0.63.0')).toBeGreaterThan(0);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
  });
});

describe('codexHookPayloadToEvents', () => {
  const fixture = resolve(
    fileURLToPath(import.meta.url),
    '../../../fixtures/codex/home/sessions/2025/12/01/rollout-2025-12-01T18-30-00-019ac88c-0000-7000-8000-000000000063.jsonl',
  );
  const imported = parseCodexSession({ file: fixture, text: readFileSync(fixture, 'utf8') })
    .sessions[0]!;
  const base = {
    session_id: imported.id,
    turn_id: 'turn-1',
    transcript_path: fixture,
    cwd: '/work/repo',
    model: 'gpt-5.1-codex-max',
    permission_mode: 'default',
  };

  test('a prompt gets the id the importer gives it', () => {
    const m = codexHookPayloadToEvents(
      { ...base, hook_event_name: 'UserPromptSubmit', prompt: 'add lib functions\n' },
      { now: '2025-12-01T17:30:05Z' },
    );
    expect(m).toMatchObject({
      sessionId: imported.id,
      turnId: 'turn-1',
      transcriptPath: fixture,
      cwd: '/work/repo',
    });
    expect(m.events).toEqual([
      {
        id: imported.events[0]!.id,
        kind: 'prompt',
        ts: '2025-12-01T17:30:05Z',
        text: 'add lib functions\n',
      },
    ]);
  });

  test('a PostToolUse apply_patch yields the importer’s id and file changes', () => {
    const patch = imported.events.find((e) => e.id === 't-call_sc_add');
    const m = codexHookPayloadToEvents({
      ...base,
      hook_event_name: 'PostToolUse',
      tool_name: 'apply_patch',
      tool_use_id: 'call_sc_add',
      tool_input: { command: (patch as { input: string }).input },
      tool_response: 'Success. Updated the following files:\nA src/lib.rs\n',
    });
    expect(m.events[0]).toMatchObject({
      id: 't-call_sc_add',
      kind: 'tool',
      name: 'apply_patch',
      category: 'edit',
      status: 'ok',
      changes: (patch as { changes: unknown }).changes,
    });
  });

  test('Bash hooks give the command, exit status and heredoc writes', () => {
    const pre = codexHookPayloadToEvents(
      {
        ...base,
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_use_id: 'c9',
        tool_input: { command: 'npm test' },
      },
      { now: 'T' },
    );
    expect(pre.events).toEqual([
      {
        id: 't-c9',
        kind: 'tool',
        ts: 'T',
        name: 'Bash',
        category: 'command',
        input: { command: 'npm test' },
        status: 'pending',
        command: 'npm test',
      },
    ]);
    const post = codexHookPayloadToEvents({
      ...base,
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_use_id: 'c9',
      tool_input: { command: 'npm test' },
      tool_response: { exit_code: 1, output: 'fail' },
    });
    expect(post.events[0]).toMatchObject({ status: 'error', exitCode: 1, output: 'fail' });
    const write = codexHookPayloadToEvents({
      ...base,
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_use_id: 'c10',
      tool_input: { command: "cat <<'EOF' > a.txt\nhi\nEOF" },
      tool_response: 'Exit code: 0\nWall time: 0 seconds\nOutput:\n',
    });
    expect(write.events[0]).toMatchObject({
      status: 'ok',
      exitCode: 0,
      changes: [{ path: 'a.txt', op: 'create', added: 1 }],
    });
  });

  test('Stop gives the last assistant message; SessionStart only metadata', () => {
    const stop = codexHookPayloadToEvents(
      {
        ...base,
        hook_event_name: 'Stop',
        stop_hook_active: false,
        last_assistant_message: 'Added one() and two().',
      },
      { now: 'T' },
    );
    expect(stop.events).toEqual([
      {
        id: imported.events.find((e) => e.kind === 'assistant')!.id,
        kind: 'assistant',
        ts: 'T',
        text: 'Added one() and two().',
        model: 'gpt-5.1-codex-max',
      },
    ]);
    expect(
      codexHookPayloadToEvents({ ...base, hook_event_name: 'SessionStart', source: 'startup' })
        .events,
    ).toEqual([]);
    expect(codexHookPayloadToEvents(null)).toEqual({ hookEvent: '', sessionId: '', events: [] });
  });
});
