import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCodexSession } from './parse.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
const corpus = resolve(repoRoot, '../shared/corpus/codex');
const files = existsSync(corpus)
  ? readdirSync(corpus, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && /^rollout-.*\.jsonl?$/.test(d.name))
      .map((d) => join(d.parentPath, d.name))
      .sort()
  : [];

/**
 * Counts straight from the raw lines, sharing no code with the importer: human prompts,
 * shell commands, apply_patch calls, file operations in patches, heredoc file writes.
 */
function rawCounts(text: string) {
  let userEvents = 0;
  let userItems = 0;
  let commands = 0;
  let patches = 0;
  let patchFiles = 0;
  let heredocWrites = 0;
  const fileOps = (s: string) => (s.match(/^\s*\*\*\* (Add|Update|Delete) File: /gm) ?? []).length;
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
    if (
      p.type === 'custom_tool_call' ||
      p.type === 'function_call' ||
      p.type === 'local_shell_call'
    ) {
      const args =
        p.type === 'function_call'
          ? JSON.parse(p.arguments)
          : p.type === 'local_shell_call'
            ? p.action
            : p.input;
      if (p.name === 'apply_patch') {
        patches++;
        patchFiles += fileOps(typeof args === 'string' ? args : args.input);
        continue;
      }
      const isShell =
        p.type === 'local_shell_call' ||
        ['shell', 'shell_command', 'exec_command', 'container.exec'].includes(p.name);
      if (!isShell) continue;
      const cmd = args.cmd ?? args.command;
      if (Array.isArray(cmd) && cmd[0] === 'apply_patch') {
        patches++;
        patchFiles += fileOps(cmd[1]);
        continue;
      }
      const script: string = Array.isArray(cmd) ? cmd[cmd.length - 1] : cmd;
      const heredocPatches = (script.match(/apply_patch\s*<</g) ?? []).length;
      patches += heredocPatches;
      patchFiles += fileOps(script);
      heredocWrites += (
        script.match(/^\s*cat\s+(<<-?\s*'?\w+'?\s*>>?\s*\S+|>>?\s*\S+\s*<<)/gm) ?? []
      ).length;
      if (!(heredocPatches === 1 && /^\s*(cd \S+ && )?apply_patch\s*<</.test(script))) commands++;
    }
  }
  return {
    prompts: userEvents > 0 ? userEvents : userItems,
    commands,
    patches,
    patchFiles,
    heredocWrites,
  };
}

describe.skipIf(files.length === 0)(
  'real Codex rollouts (corpus not in this checkout when skipped)',
  () => {
    test.each(files.map((f) => [f.slice(corpus.length + 1), f]))(
      '%s parses with the counts a raw line counter finds',
      (_name, file) => {
        const text = readFileSync(file, 'utf8');
        const result = parseCodexSession({ file, text });
        expect(result.problems).toEqual([]);
        expect(result.sessions).toHaveLength(1);
        const raw = rawCounts(text);
        const { prompts, commands, patches, patchFiles, heredocWrites } = result.stats;
        expect({ prompts, commands, patches, patchFiles, heredocWrites }).toEqual(raw);
        const s = result.sessions[0]!;
        const edits = s.events.flatMap((e) =>
          e.kind === 'tool' && e.name === 'apply_patch' ? (e.changes ?? []) : [],
        );
        expect(edits).toHaveLength(raw.patchFiles);
        expect(s.events.filter((e) => e.kind === 'prompt')).toHaveLength(raw.prompts);
        expect(new Set(s.events.map((e) => e.id)).size).toBe(s.events.length);
        // per-text usage adds up to the session total of the last token_count
        const u = result.stats.usage;
        if (u && s.events.some((e) => e.kind === 'assistant')) {
          const charged = { input: 0, output: 0, cacheRead: 0 };
          for (const e of s.events)
            if (e.kind === 'assistant' && e.usage)
              for (const k of ['input', 'output', 'cacheRead'] as const) charged[k] += e.usage[k];
          expect(charged).toEqual({ input: u.input, output: u.output, cacheRead: u.cacheRead });
        }
      },
    );

    test.each(files.map((f) => [f.slice(corpus.length + 1), f]))(
      '%s parses the same way twice',
      (_name, file) => {
        const text = readFileSync(file, 'utf8');
        expect(parseCodexSession({ file, text })).toEqual(parseCodexSession({ file, text }));
      },
    );

    test('every tool call of a finished corpus session has an outcome', () => {
      for (const file of files) {
        const s = parseCodexSession({ file, text: readFileSync(file, 'utf8') }).sessions[0]!;
        for (const e of s.events)
          if (e.kind === 'tool')
            expect([file, e.id, e.status]).not.toEqual([file, e.id, 'pending']);
      }
    });
  },
);

test('the corpus counter and the importer agree on a session with heredoc patches', () => {
  const patch = "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: a.txt\n+x\n*** End Patch\nEOF";
  const lines = [
    { timestamp: 't', type: 'session_meta', payload: { id: 's1', cwd: '/r' } },
    {
      timestamp: 't',
      type: 'response_item',
      payload: {
        type: 'function_call',
        name: 'shell',
        call_id: 'c1',
        arguments: JSON.stringify({ command: ['bash', '-lc', patch] }),
      },
    },
    {
      timestamp: 't',
      type: 'response_item',
      payload: {
        type: 'function_call',
        name: 'shell',
        call_id: 'c2',
        arguments: JSON.stringify({ command: ['bash', '-lc', `mkdir -p d && ${patch}`] }),
      },
    },
  ].map((l) => JSON.stringify(l));
  const text = lines.join('\n') + '\n';
  const { stats } = parseCodexSession({ file: 'x.jsonl', text });
  const raw = rawCounts(text);
  expect({
    prompts: stats.prompts,
    commands: stats.commands,
    patches: stats.patches,
    patchFiles: stats.patchFiles,
    heredocWrites: stats.heredocWrites,
  }).toEqual(raw);
  expect(raw).toEqual({ prompts: 0, commands: 1, patches: 2, patchFiles: 2, heredocWrites: 0 });
});
