import type { CapturedSession } from '@trail/model';

/** A deterministic pseudo-random generator (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'token refresh auth cache retry parse render queue schema index build deploy lint format worker session'.split(
    ' ',
  );

function text(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  return out.join(' ');
}

/** Options for {@link makeSession}. */
export interface SessionShape {
  /** Approximate bytes of raw content (outputs, file contents). Default 24 KiB. */
  readonly contentBytes?: number;
  /** Strings to plant in prompts, paths, outputs and file contents. */
  readonly canaries?: readonly string[];
  /** Project directory (its last segment is the project name). */
  readonly cwd?: string;
  readonly seed?: number;
  /** Bytes of incompressible text added to the command output (to make large blobs). */
  readonly noiseBytes?: number;
}

function noise(rand: () => number, bytes: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes; i++) out += alphabet[Math.floor(rand() * 64)];
  return out;
}

/** A realistic small agent session: prompts, assistant text, an edit with a patch, a command. */
export function makeSession(id: string, shape: SessionShape = {}): CapturedSession {
  const rand = prng(shape.seed ?? [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  const canaries = shape.canaries ?? [];
  const canary = (i: number) => (canaries.length > 0 ? ` ${canaries[i % canaries.length]!} ` : '');
  const cwd = shape.cwd ?? `/home/dev/projects/app-${id.slice(0, 4)}`;
  const budget = shape.contentBytes ?? 24 * 1024;
  const big = (n: number) => text(rand, Math.max(4, Math.floor(n / 7)));
  const t0 = Date.UTC(2026, 10, 1, 10, 0, 0) + Math.floor(rand() * 1e9);
  const ts = (k: number) => new Date(t0 + k * 1000).toISOString();
  const file = `${cwd}/src/${WORDS[Math.floor(rand() * WORDS.length)]}${canary(1).trim() ? `-${canaries[1 % canaries.length]}` : ''}.ts`;
  const before = `${big(budget / 4)}\n${canary(2)}\n`;
  const after = `${before}${big(budget / 8)}\n`;
  return {
    id,
    agent: 'claude-code',
    cwd,
    model: 'claude-sonnet-4-6',
    title: `${text(rand, 5)}${canary(3)}`,
    events: [
      { kind: 'prompt', id: `p-${id}-1`, ts: ts(0), text: `Please ${text(rand, 12)}${canary(0)}` },
      {
        kind: 'assistant',
        id: `a-${id}-1`,
        ts: ts(1),
        text: big(400),
        usage: { input: 100, output: 50, cacheRead: 0, cacheCreate: 0 },
      },
      {
        kind: 'tool',
        id: `t-${id}-1`,
        ts: ts(2),
        name: 'Edit',
        category: 'edit',
        input: { file_path: file },
        status: 'ok',
        changes: [
          {
            path: file,
            op: 'modify',
            added: 2,
            removed: 0,
            patch: `--- a\n+++ b\n@@ -1 +1,2 @@\n+${big(200)}${canary(4)}\n`,
            before,
            after,
          },
        ],
      },
      {
        kind: 'tool',
        id: `t-${id}-2`,
        ts: ts(3),
        name: 'Bash',
        category: 'command',
        input: { command: 'npm test' },
        command: 'npm test',
        status: 'ok',
        exitCode: 0,
        output: `${big(budget / 4)}${canary(5)}${noise(rand, shape.noiseBytes ?? 0)}`,
      },
      { kind: 'prompt', id: `p-${id}-2`, ts: ts(4), text: `Now ${text(rand, 8)}${canary(6)}` },
    ],
  };
}
