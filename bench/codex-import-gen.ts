// Writes a synthetic Codex history (a CODEX_HOME) mixing every rollout era, for the
// import-throughput benchmark: `node bench/codex-import-gen.ts <dir> <MB> [sessions]`.
// Deterministic (seeded), node builtins only, erasable TypeScript syntax only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Options of {@link generateCodexHistory}. */
export interface GenerateOptions {
  /** Approximate total size of the files written, in bytes. */
  totalBytes: number;
  /** Number of session files. */
  sessions: number;
  /** PRNG seed (default 1): the same seed writes the same bytes. */
  seed?: number;
}

/** What {@link generateCodexHistory} wrote. */
export interface GenerateResult {
  files: string[];
  bytes: number;
  /** Session files per era. */
  eras: Record<Era, number>;
}

type Era = 'ts-json' | 'pre-envelope' | 'shell' | 'shell_command' | 'exec';
const ERAS: readonly Era[] = ['ts-json', 'pre-envelope', 'shell', 'shell_command', 'exec'];
const WORDS =
  'the a fix test build route handler parse config error update refactor module export import value return async await index user session cache token file path patch'.split(
    ' ',
  );

/** Writes `opts.sessions` rollouts totalling about `opts.totalBytes` under `dir` (a CODEX_HOME). */
export function generateCodexHistory(dir: string, opts: GenerateOptions): GenerateResult {
  let seed = opts.seed ?? 1;
  const rand = (): number => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const lines = (n: number): string =>
    Array.from({ length: n }, () => words(4 + Math.floor(rand() * 8))).join('\n') + '\n';
  const hex = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');

  const result: GenerateResult = {
    files: [],
    bytes: 0,
    eras: { 'ts-json': 0, 'pre-envelope': 0, shell: 0, shell_command: 0, exec: 0 },
  };
  const perSession = Math.max(2000, Math.floor(opts.totalBytes / Math.max(1, opts.sessions)));
  const start = Date.UTC(2025, 3, 1);
  for (let i = 0; i < opts.sessions; i++) {
    const era = ERAS[i % ERAS.length]!;
    const t0 = start + i * 3_600_000;
    const day = new Date(t0).toISOString();
    const id = `${hex(8)}-${hex(4)}-7${hex(3)}-8${hex(3)}-${hex(12)}`;
    let clock = t0;
    const ts = (): string => new Date((clock += 500)).toISOString();
    const out = new Rollout(era, id, day);
    for (let turn = 1; out.bytes < perSession; turn++) {
      const file = `src/${pick(WORDS)}/${pick(WORDS)}-${turn}.ts`;
      const body = lines(5 + Math.floor(rand() * 30));
      out.prompt(`please ${words(6)} in ${file}`, ts());
      for (const call of toolsFor(era, turn, file, body, lines(20)))
        out.call(call, `call_${id.slice(0, 8)}_${turn}_${out.calls}`, ts(), ts());
      out.assistant(`Done: ${words(12)}.`, ts());
    }
    const rel =
      era === 'ts-json'
        ? join('sessions', `rollout-${day.slice(0, 10)}-${id}.json`)
        : join(
            'sessions',
            day.slice(0, 4),
            day.slice(5, 7),
            day.slice(8, 10),
            `rollout-${day.slice(0, 19).replace(/:/g, '-')}-${id}.jsonl`,
          );
    const text = out.text();
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    result.files.push(path);
    result.bytes += Buffer.byteLength(text);
    result.eras[era]++;
  }
  return result;
}

/** A tool call of the generated history and its output, as the era writes them. */
interface Call {
  name: string;
  kind: 'function' | 'custom';
  args: unknown;
  output: string;
}

function toolsFor(era: Era, turn: number, file: string, body: string, read: string): Call[] {
  const added = body
    .trimEnd()
    .split('\n')
    .map((l) => '+' + l)
    .join('\n');
  const patch = `*** Begin Patch\n*** Add File: ${file}\n${added}\n*** End Patch\n`;
  const json = (text: string, code = 0): string =>
    JSON.stringify({ output: text, metadata: { exit_code: code, duration_seconds: 0.2 } });
  const applied = json(`Success. Updated the following files:\nA ${file}\n`);
  const failing = turn % 3 === 0;
  switch (era) {
    case 'ts-json':
    case 'pre-envelope':
    case 'shell':
      return [
        {
          name: 'shell',
          kind: 'function',
          args: { command: ['bash', '-lc', `sed -n '1,200p' ${file}`], workdir: '/repo' },
          output: json(read),
        },
        era === 'pre-envelope'
          ? { name: 'apply_patch', kind: 'function', args: { input: patch }, output: applied }
          : {
              name: 'shell',
              kind: 'function',
              args: { command: ['apply_patch', patch] },
              output: applied,
            },
        {
          name: 'shell',
          kind: 'function',
          args: { command: ['bash', '-lc', `cat <<'EOF' > notes-${turn}.md\n${read}EOF`] },
          output: json(''),
        },
        {
          name: 'shell',
          kind: 'function',
          args: { command: ['bash', '-lc', 'npm test'] },
          output: json(read, failing ? 1 : 0),
        },
      ];
    case 'shell_command':
      return [
        {
          name: 'shell_command',
          kind: 'function',
          args: { command: `cat ${file}`, workdir: '/repo' },
          output: `Exit code: 0\nWall time: 0.1 seconds\nOutput:\n${read}`,
        },
        { name: 'apply_patch', kind: 'custom', args: patch, output: applied },
        {
          name: 'shell_command',
          kind: 'function',
          args: { command: 'cargo test' },
          output: `Exit code: ${failing ? 101 : 0}\nWall time: 3.2 seconds\nOutput:\n${read}`,
        },
      ];
    case 'exec':
      return [
        {
          name: 'exec_command',
          kind: 'function',
          args: { cmd: `nl -ba ${file} | head -n 80` },
          output: `Chunk ID: 1a2b3c\nWall time: 0.0500 seconds\nProcess exited with code 0\nOriginal token count: 100\nOutput:\n${read}`,
        },
        { name: 'apply_patch', kind: 'custom', args: patch, output: applied },
        {
          name: 'exec_command',
          kind: 'function',
          args: { cmd: 'mix test' },
          output: `Chunk ID: 4d5e6f\nWall time: 1.2000 seconds\nProcess exited with code ${failing ? 2 : 0}\nOriginal token count: 90\nOutput:\n${read}`,
        },
      ];
  }
}

/** One rollout being written in its era's layout, counting its bytes as it grows. */
class Rollout {
  bytes = 0;
  calls = 0;
  private readonly parts: string[] = [];
  private tokens = 0;
  private readonly era: Era;
  private readonly id: string;
  private readonly day: string;

  constructor(era: Era, id: string, day: string) {
    this.era = era;
    this.id = id;
    this.day = day;
    if (era === 'pre-envelope') {
      const git = {
        commit_hash: '0'.repeat(40),
        branch: 'main',
        repository_url: 'git@example.com:x/y.git',
      };
      this.line({ id, timestamp: day, instructions: null, git });
    } else if (era !== 'ts-json') {
      const version = era === 'shell' ? '0.44.0' : era === 'shell_command' ? '0.63.0' : '0.98.0';
      const meta = {
        id,
        timestamp: day,
        cwd: '/repo',
        originator: 'codex_cli_rs',
        cli_version: version,
        source: 'cli',
        git: { branch: 'main' },
      };
      this.env(day, 'session_meta', meta);
    }
  }

  prompt(text: string, ts: string): void {
    const msg = { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
    this.item(ts, msg);
    this.event(ts, { type: 'user_message', message: text, kind: 'plain' });
    this.event(
      ts,
      { cwd: '/repo', approval_policy: 'on-request', model: 'gpt-5-codex' },
      'turn_context',
    );
  }

  call(c: Call, callId: string, ts: string, doneTs: string): void {
    this.calls++;
    if (c.kind === 'custom') {
      this.item(ts, {
        type: 'custom_tool_call',
        status: 'completed',
        call_id: callId,
        name: c.name,
        input: c.args,
      });
      this.item(doneTs, { type: 'custom_tool_call_output', call_id: callId, output: c.output });
    } else {
      this.item(ts, {
        type: 'function_call',
        name: c.name,
        arguments: JSON.stringify(c.args),
        call_id: callId,
      });
      this.item(doneTs, { type: 'function_call_output', call_id: callId, output: c.output });
    }
    if (this.era === 'pre-envelope' && this.calls % 4 === 0) this.line({ record_type: 'state' });
  }

  assistant(text: string, ts: string): void {
    this.event(ts, { type: 'agent_message', message: text });
    this.item(ts, { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] });
    const n = ++this.tokens;
    const usage = {
      input_tokens: 1000 * n,
      cached_input_tokens: 800 * n,
      output_tokens: 50 * n,
      reasoning_output_tokens: 10 * n,
      total_tokens: 1050 * n,
    };
    this.event(ts, { type: 'token_count', info: { total_token_usage: usage } });
  }

  text(): string {
    if (this.era !== 'ts-json') return this.parts.join('');
    const head = JSON.stringify({ timestamp: this.day, id: this.id, instructions: '' });
    return `{\n  "session": ${head},\n  "items": [\n${this.parts.join(',\n')}\n  ]\n}\n`;
  }

  private item(ts: string, payload: object): void {
    if (this.era === 'ts-json') this.push('    ' + JSON.stringify(payload));
    else if (this.era === 'pre-envelope') this.line(payload);
    else this.env(ts, 'response_item', payload);
  }

  private event(ts: string, payload: Record<string, unknown>, type = 'event_msg'): void {
    if (this.era !== 'ts-json' && this.era !== 'pre-envelope') this.env(ts, type, payload);
  }

  private env(ts: string, type: string, payload: object): void {
    this.line({ timestamp: ts, type, payload });
  }

  private line(record: object): void {
    this.push(JSON.stringify(record) + '\n');
  }

  private push(text: string): void {
    this.parts.push(text);
    this.bytes += text.length;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, mb, sessions] = process.argv.slice(2);
  if (!dir || !mb || !(Number(mb) > 0)) {
    process.stderr.write('usage: node bench/codex-import-gen.ts <dir> <MB> [sessions]\n');
    process.exit(2);
  }
  const totalBytes = Math.round(Number(mb) * 1024 * 1024);
  const r = generateCodexHistory(dir, {
    totalBytes,
    sessions: sessions ? Number(sessions) : Math.max(5, Math.round(Number(mb) * 4)),
  });
  process.stdout.write(
    JSON.stringify({ dir, files: r.files.length, bytes: r.bytes, eras: r.eras }) + '\n',
  );
}
