import { asBlobHash, type BlobRef, type BlobType, type DocEvent } from '@trail/model';
import type { IndexedEvent, SessionSummary } from '@trail/store/query';
import type { ExportInput } from '../build.js';

/** Every kind of field a secret can sit in, as the issue lists them. */
export const FIELDS = [
  'prompt',
  'assistant',
  'tool-input',
  'output',
  'patch',
  'path',
  'command',
  'title',
] as const;

/** A field of a recorded session. */
export type Field = (typeof FIELDS)[number];

/** Fields a multi-line or context-bound secret cannot sit in (a path holds one token). */
export const TOKEN_ONLY_FIELDS: ReadonlySet<Field> = new Set(['path']);

const CWD = '/home/dev/src/shop';

/**
 * A realistic session in the query index's shape (two prompts: reads, an edit with a patch, a
 * command with its output, a failing test run, a subagent), with `text` placed in `field`
 * exactly as capture would have stored it had no redactor run at capture time (the worst
 * case: an old store, or a secret the capture-time redactor did not know).
 */
export function sessionWith(field: Field | undefined, text = ''): ExportInput {
  const blobs = new Map<string, string>();
  const put = (content: string, type: BlobType): BlobRef => {
    const hash = asBlobHash((blobs.size + 1).toString(16).padStart(64, '0'));
    blobs.set(hash, content);
    return { hash, size: content.length, type };
  };
  const at = (f: Field, normal: string) => (field === f ? text : normal);
  const flat = (s: string) => s.replace(/\s+/g, ' ').slice(0, 200);
  const dir = field === 'path' ? `src/${text}` : 'src';
  const file = `${CWD}/${dir}/auth.ts`;
  const prompt = at('prompt', 'Fix the token refresh in auth.ts and run the tests');
  const said = at('assistant', 'The refresh used the wrong expiry; fixed it and added a test.');
  const input = {
    file_path: file,
    old_string: 'expiresIn',
    new_string: at('tool-input', 'expiresAt'),
  };
  const command = at('command', 'npm test -- auth');
  const output = at(
    'output',
    'PASS test/auth.test.ts\n  ✓ refreshes a token (12 ms)\nTests: 1 passed',
  );
  const added = at('patch', 'const expiresAt = Date.now() + ttl * 1000;').split('\n');
  const patch = [
    `--- a/${file.slice(1)}`,
    `+++ b/${file.slice(1)}`,
    `@@ -10,3 +10,${2 + added.length} @@`,
    ' export function refresh(token: Token) {',
    '-  const expiresIn = ttl;',
    ...added.map((l) => `+${l}`),
    '   return schedule(token, expiresAt);',
    '',
  ].join('\n');
  let seq = 0;
  const ev = (promptNo: number, e: Omit<DocEvent, 'ts'>): IndexedEvent => ({
    ...e,
    ts: new Date(Date.UTC(2026, 10, 21, 9, 0, seq * 7)).toISOString(),
    seq: seq++,
    promptNo,
  });
  const events: IndexedEvent[] = [
    ev(1, { id: 'p1', kind: 'prompt', preview: flat(prompt), body: put(prompt, 'text') }),
    ev(1, {
      id: 'a1',
      kind: 'assistant',
      preview: 'I will read auth.ts first.',
      body: put('I will read auth.ts first.', 'text'),
    }),
    ev(1, {
      id: 't1',
      kind: 'tool',
      tool: 'Read',
      category: 'read',
      status: 'ok',
      preview: flat(`Read ${file}`),
      body: put(JSON.stringify({ file_path: file }), 'json'),
      reads: [file],
      output: put('1\texport function refresh(token: Token) {', 'text'),
      outputPreview: '1 export function refresh',
    }),
    ev(1, {
      id: 't2',
      kind: 'tool',
      tool: 'Edit',
      category: 'edit',
      status: 'ok',
      preview: flat(`Edit ${file}`),
      body: put(JSON.stringify(input), 'json'),
      changes: [
        { path: file, op: 'modify', added: added.length, removed: 1, patch: put(patch, 'patch') },
      ],
    }),
    ev(1, {
      id: 't3',
      kind: 'tool',
      tool: 'Bash',
      category: 'command',
      status: 'ok',
      preview: flat(command),
      command: flat(command),
      exitCode: 0,
      body: put(JSON.stringify({ command }), 'json'),
      output: put(output, 'text'),
      outputPreview: flat(output),
    }),
    ev(1, {
      id: 't4',
      kind: 'tool',
      tool: 'Task',
      category: 'agent',
      status: 'ok',
      preview: 'Task check the other callers',
      body: put(
        JSON.stringify({
          description: 'check the other callers',
          prompt: 'Find callers of refresh()',
        }),
        'json',
      ),
    }),
    ev(1, {
      id: 't5',
      kind: 'tool',
      tool: 'Grep',
      category: 'search',
      status: 'ok',
      preview: 'Grep refresh(',
      agentId: 'agent-a71969c1',
      body: put(JSON.stringify({ pattern: 'refresh(' }), 'json'),
      output: put('src/auth.ts:10', 'text'),
      outputPreview: 'src/auth.ts:10',
    }),
    ev(1, { id: 'a2', kind: 'assistant', preview: flat(said), body: put(said, 'text') }),
    ev(2, {
      id: 'p2',
      kind: 'prompt',
      preview: 'Now run the whole suite',
      body: put('Now run the whole suite', 'text'),
    }),
    ev(2, {
      id: 't6',
      kind: 'tool',
      tool: 'Bash',
      category: 'command',
      status: 'error',
      preview: 'npx vitest run',
      command: 'npx vitest run',
      exitCode: 1,
      body: put(JSON.stringify({ command: 'npx vitest run' }), 'json'),
      output: put('FAIL test/session.test.ts > expires\nTests: 1 failed, 41 passed', 'text'),
      outputPreview: 'FAIL test/session.test.ts',
    }),
    ev(2, {
      id: 'a3',
      kind: 'assistant',
      preview: 'One unrelated test fails.',
      body: put('One unrelated test fails; it was failing before.', 'text'),
    }),
  ];
  const summary: SessionSummary = {
    id: '3f2a9c1d-5b7e-4c0a-9d1e-2b3c4d5e6f70',
    agent: 'claude-code',
    project: 'git:github.com/acme/shop',
    projectName: 'shop',
    title: at('title', 'Fix the token refresh in auth.ts and run the tests'),
    startedAt: events[0]!.ts,
    endedAt: events[events.length - 1]!.ts,
    model: 'claude-sonnet-4-6',
    cwd: CWD,
    counts: {
      prompts: 2,
      toolCalls: 6,
      filesChanged: 1,
      commands: 2,
      errors: 1,
      events: events.length,
    },
    tags: [],
    status: '',
    hidden: false,
    url: 'automerge:2xyz',
    agentVersion: '2.1.90',
    gitBranch: 'fix/refresh',
    usage: { input: 1200, output: 340, cacheRead: 0, cacheCreate: 0 },
  };
  return { summary, events, text: (ref) => blobs.get(ref.hash) };
}
