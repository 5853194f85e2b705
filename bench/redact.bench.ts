// Throughput of @trail/redact on a ~100 MB synthetic Claude Code transcript (JSONL): every
// string of every parsed line is redacted, against plain JSON.parse + JSON.stringify of the
// same lines in the same run. Run after `npx tsc -b packages/redact`:
//   node bench/redact.bench.ts [megabytes]
// Prints a markdown table and writes bench/out/redact.json.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRedactor } from '@trail/redact';

const TARGET_MB = Number(process.argv[2] ?? 100);
// The machine may be shared: interleave runs and keep each measure's best (least disturbed) time.
const RUNS = 7;
const HOME = '/home/bench-user';

// ---- deterministic synthetic data ------------------------------------------------------------

let seed = 0x5eed;
function rand(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (a: number, b: number): number => a + Math.floor(rand() * (b - a + 1));
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
const chars = (alphabet: string, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[int(0, alphabet.length - 1)];
  return s;
};
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const uuid = (): string =>
  `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-a${chars(HEX, 3)}-${chars(HEX, 12)}`;
const base64 = (bytes: number): string => {
  const b = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < bytes; i++) b[i] = int(0, 255);
  return b.toString('base64');
};

const WORDS = (
  'the a to of and in is it that for on with as this be are by or from at which an not have ' +
  'function test file error build module import export const return value type interface class ' +
  'async await promise request response server client cache config update fix refactor parser ' +
  'session transcript redact secret token user project branch commit merge review deploy ' +
  'should would could check run make sure also then now let me look at what why how'
).split(' ');
const prose = (n: number): string => {
  const out: string[] = [];
  let len = 0;
  while (len < n) {
    const w = pick(WORDS);
    out.push(w);
    len += w.length + 1;
    if (rand() < 0.06) out.push(rand() < 0.5 ? '.\n' : ',');
  }
  return out.join(' ');
};
const ident = (): string =>
  pick(WORDS) + pick(['', 'Value', 'Config', 'Handler', 'State', 'Id', 'List']);
const CODE_LINES = [
  () => `import { ${ident()}, ${ident()} } from './${pick(WORDS)}.js';`,
  () => `export function ${ident()}(${ident()}: string, ${ident()}: number): boolean {`,
  () => `  const ${ident()} = await ${ident()}.${ident()}(${ident()});`,
  () => `  if (!${ident()}) throw new Error('${prose(30)}');`,
  () => `  return ${ident()}.map((x) => x.${ident()}).filter(Boolean);`,
  () => `  // ${prose(50)}`,
  () => '}',
  () => '',
  () => `  ${ident()}: ${pick(['string', 'number', 'boolean', 'string[]'])};`,
  () => `  expect(${ident()}(${int(0, 999)})).toBe(${int(0, 999)});`,
];
const code = (n: number): string => {
  const lines: string[] = [];
  let len = 0;
  while (len < n) {
    const l = pick(CODE_LINES)();
    lines.push(l);
    len += l.length + 1;
  }
  return lines.join('\n');
};
const numbered = (text: string): string =>
  text
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(6)}→${l}`)
    .join('\n');
const path = (): string => `${HOME}/work/${pick(WORDS)}/src/${pick(WORDS)}/${ident()}.ts`;

const SECRETS = [
  () => `export GITHUB_TOKEN=ghp_${chars(ALNUM, 36)}`,
  () => `AWS_ACCESS_KEY_ID=AKIA${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  () => `aws_secret_access_key = ${chars(ALNUM + '+/', 40)}`,
  () => `DATABASE_URL=postgres://app:${chars(ALNUM, 20)}@db.internal:5432/app`,
  () => `Authorization: Bearer ${chars(ALNUM, 40)}`,
  () => `ANTHROPIC_API_KEY=sk-ant-api03-${chars(ALNUM + '-_', 93)}AA`,
  () => `DB_PASSWORD=${chars(ALNUM + '!@#%^', 18)}`,
  () => `contact: dana.scully@example-corp.com`,
  () =>
    `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA${base64(300).replace(/(.{70})/g, '$1\n')}\n-----END OPENSSH PRIVATE KEY-----`,
  () =>
    `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(`{"sub":"${int(1, 1e6)}"}`).toString('base64url')}.${chars(ALNUM, 43)}`,
];
const maybeSecret = (text: string): string =>
  rand() < 0.01 ? `${text}\n${pick(SECRETS)()}\n` : text;

const envelope = (type: string, message: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    parentUuid: uuid(),
    isSidechain: false,
    userType: 'external',
    cwd: `${HOME}/work/trail`,
    sessionId: '6f1e2d3c-4b5a-4987-a6b5-c4d3e2f1a0b9',
    version: '2.1.81',
    gitBranch: 'main',
    type,
    message,
    uuid: uuid(),
    timestamp: new Date(1_760_000_000_000 + int(0, 1e9)).toISOString(),
    ...extra,
  });
const usage = () => ({
  input_tokens: int(1, 9000),
  output_tokens: int(1, 4000),
  cache_creation_input_tokens: int(0, 20000),
  cache_read_input_tokens: int(0, 90000),
  service_tier: 'standard',
});
const assistant = (content: unknown[]): string =>
  envelope(
    'assistant',
    {
      id: `msg_01${chars(ALNUM, 22)}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content,
      stop_reason: null,
      usage: usage(),
    },
    { requestId: `req_011C${chars(ALNUM, 20)}` },
  );
const toolResult = (content: unknown, toolUseResult: unknown): string =>
  envelope(
    'user',
    {
      role: 'user',
      content: [{ tool_use_id: `toolu_01${chars(ALNUM, 22)}`, type: 'tool_result', content }],
    },
    { toolUseResult },
  );

const LINES: [number, () => string][] = [
  [
    15,
    () =>
      envelope('user', {
        role: 'user',
        content: maybeSecret(prose(int(80, 1500)) + (rand() < 0.3 ? ` see ${path()}` : '')),
      }),
  ],
  [
    18,
    () =>
      assistant([
        {
          type: 'text',
          text: maybeSecret(prose(int(200, 2500)) + '\n```ts\n' + code(int(100, 800)) + '\n```'),
        },
      ]),
  ],
  [
    10,
    () =>
      assistant([
        {
          type: 'thinking',
          thinking: prose(int(300, 3000)),
          signature: 'E' + base64(int(300, 1500)),
        },
      ]),
  ],
  [
    8,
    () =>
      assistant([
        {
          type: 'tool_use',
          id: `toolu_01${chars(ALNUM, 22)}`,
          name: 'Bash',
          input: {
            command: `cd ${HOME}/work/trail && npm test -- ${pick(WORDS)}`,
            description: prose(40),
          },
        },
      ]),
  ],
  [
    8,
    () =>
      assistant([
        {
          type: 'tool_use',
          id: `toolu_01${chars(ALNUM, 22)}`,
          name: 'Edit',
          input: {
            file_path: path(),
            old_string: code(int(100, 1500)),
            new_string: maybeSecret(code(int(100, 1500))),
          },
        },
      ]),
  ],
  [
    18,
    () => {
      const content = maybeSecret(code(int(2000, 40000)));
      const filePath = path();
      return toolResult(numbered(content), {
        type: 'text',
        file: { filePath, content, numLines: content.split('\n').length, startLine: 1 },
      });
    },
  ],
  [
    18,
    () => {
      const out = maybeSecret(
        Array.from({ length: int(5, 300) }, () =>
          rand() < 0.7
            ? ` ✓ ${prose(60)} (${int(1, 900)}ms)`
            : `${path()}:${int(1, 400)}:${int(1, 80)} ${prose(40)}`,
        ).join('\n'),
      );
      return toolResult(out, { stdout: out, stderr: '', interrupted: false, isImage: false });
    },
  ],
  [
    1.5,
    () =>
      envelope('user', {
        role: 'user',
        content: [
          {
            type: 'image',
            source: {
              type: 'base64',
              media_type: 'image/png',
              data: 'iVBORw0KGgo' + base64(int(50_000, 400_000)),
            },
          },
        ],
      }),
  ],
];
const TOTAL_WEIGHT = LINES.reduce((s, [w]) => s + w, 0);
function line(): string {
  let r = rand() * TOTAL_WEIGHT;
  for (const [w, f] of LINES) if ((r -= w) < 0) return f();
  return LINES[0]![1]();
}

// ---- measurement ---------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
const best = (xs: number[]): number => Math.min(...xs);

process.stderr.write(`generating ~${TARGET_MB} MB of transcript… `);
const lines: string[] = [];
let bytes = 0;
while (bytes < TARGET_MB * 1e6) {
  const l = line();
  lines.push(l);
  bytes += Buffer.byteLength(l) + 1;
}
process.stderr.write(`${lines.length} lines, ${(bytes / 1e6).toFixed(1)} MB\n`);

const redactor = createRedactor({ homeDir: HOME, userName: 'bench-user' });
let findings = 0;

function baseline(): number {
  let n = 0;
  for (const l of lines) n += JSON.stringify(JSON.parse(l)).length;
  return n;
}
function redacted(): number {
  let n = 0;
  for (const l of lines) n += JSON.stringify(redactor.redactValue(JSON.parse(l))).length;
  return n;
}
function time(f: () => number): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

// warm up JIT and caches on a slice
const all = lines.splice(0);
lines.push(...all.slice(0, Math.min(all.length, 2000)));
baseline();
redacted();
lines.length = 0;
lines.push(...all);

const base: number[] = [];
const red: number[] = [];
for (let i = 0; i < RUNS; i++) {
  base.push(time(baseline));
  red.push(time(redacted));
}
if (!process.env['BENCH_SKIP_COUNT']) {
  for (const l of lines)
    findings += (redactor.redact(l).match(/\[REDACTED:|~\/|\[USER\]/g) ?? []).length;
}

// The same measure on the real public transcripts beside the repository, when they are there:
// less uniform than the synthetic mix (more escapes, more JSON inside strings).
const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpus');
function corpusLines(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return corpusLines(p);
    return e.name.endsWith('.jsonl')
      ? readFileSync(p, 'utf8')
          .split('\n')
          .filter((l) => l.trim())
      : [];
  });
}
let corpus:
  { megabytes: number; baselineMbPerSecond: number; redactionMbPerSecond: number } | undefined;
if (existsSync(corpusDir)) {
  const real = corpusLines(corpusDir);
  const realMb = real.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) / 1e6;
  const saved = lines.splice(0, lines.length, ...real);
  const rb: number[] = [];
  const rr: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    rb.push(time(baseline));
    rr.push(time(redacted));
  }
  lines.splice(0, lines.length, ...saved);
  corpus = {
    megabytes: Number(realMb.toFixed(1)),
    baselineMbPerSecond: Number((realMb / best(rb)).toFixed(1)),
    redactionMbPerSecond: Number((realMb / best(rr)).toFixed(1)),
  };
}

// Worst cases: 1 MB of one repeated anchor, name or escape each. Every detector must stay
// linear; a quadratic one shows up here as seconds.
const ADVERSARIAL: Record<string, string> = {
  'repeated `password=x1;`': 'password=x1;',
  'repeated `PASSWORD=`': 'PASSWORD=',
  'repeated `token: `': 'token: ',
  'repeated `ABCD_EFGH=`': 'ABCD_EFGH=',
  'repeated placeholder + e-mail': '[REDACTED:email] x@example.com ',
  'repeated `ab@cd.ef `': 'ab@cd.ef ',
  'repeated `-----BEGIN PRIVATE KEY-----`': '-----BEGIN PRIVATE KEY-----\n',
  'repeated `\\n\\u0041` escapes': '\\n\\u0041',
  backslashes: '\\',
  'repeated `eyJaaaaaaaaaa.`': 'eyJaaaaaaaaaa.',
  'repeated `sk-ant-api03-`': 'sk-ant-api03-',
};
const adversarial: Record<string, number> = {};
for (const [name, unit] of Object.entries(ADVERSARIAL)) {
  const text = unit.repeat(Math.ceil(1e6 / unit.length));
  const t = process.hrtime.bigint();
  redactor.redact(text);
  adversarial[name] = Math.round(Number(process.hrtime.bigint() - t) / 1e6);
}

const mb = bytes / 1e6;
const tBase = best(base);
const tRed = best(red);
const result = {
  input: { lines: lines.length, megabytes: Number(mb.toFixed(1)) },
  baseline: {
    seconds: Number(tBase.toFixed(3)),
    mbPerSecond: Number((mb / tBase).toFixed(1)),
    what: 'JSON.parse + JSON.stringify',
  },
  redaction: {
    seconds: Number(tRed.toFixed(3)),
    mbPerSecond: Number((mb / tRed).toFixed(1)),
    what: 'JSON.parse + redactValue + JSON.stringify',
  },
  redactValueOnly: {
    seconds: Number((tRed - tBase).toFixed(3)),
    mbPerSecond: Number((mb / (tRed - tBase)).toFixed(1)),
  },
  slowdown: Number((tRed / tBase).toFixed(2)),
  medians: {
    baselineMbPerSecond: Number((mb / median(base)).toFixed(1)),
    redactionMbPerSecond: Number((mb / median(red)).toFixed(1)),
  },
  placeholdersInRawLines: findings,
  realCorpus: corpus ?? 'absent',
  adversarialMillisecondsPerMegabyte: adversarial,
  runs: RUNS,
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? '?',
    memGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    date: new Date().toISOString(),
  },
};

console.log(`\n| measure | seconds | MB/s |\n|---|---:|---:|`);
console.log(
  `| baseline: JSON.parse + JSON.stringify (${result.input.megabytes} MB, ${lines.length} lines) | ${result.baseline.seconds} | ${result.baseline.mbPerSecond} |`,
);
console.log(
  `| redaction: JSON.parse + redactValue + JSON.stringify | ${result.redaction.seconds} | ${result.redaction.mbPerSecond} |`,
);
console.log(
  `| redactValue alone (difference) | ${result.redactValueOnly.seconds} | ${result.redactValueOnly.mbPerSecond} |`,
);
if (corpus) {
  console.log(
    `| real corpus (${corpus.megabytes} MB): JSON.parse + JSON.stringify | | ${corpus.baselineMbPerSecond} |`,
  );
  console.log(
    `| real corpus: JSON.parse + redactValue + JSON.stringify | | ${corpus.redactionMbPerSecond} |`,
  );
}
console.log(`\n| adversarial input, 1 MB | ms |\n|---|---:|`);
for (const [name, ms] of Object.entries(adversarial)) console.log(`| ${name} | ${ms} |`);
console.log(
  `\nbest of ${RUNS} interleaved runs (medians: ${result.medians.baselineMbPerSecond} and ${result.medians.redactionMbPerSecond} MB/s); ` +
    `slowdown ×${result.slowdown}; goal ≥ 50 MB/s end to end: ${result.redaction.mbPerSecond >= 50 ? 'met' : 'NOT met'}`,
);

const out = join(dirname(fileURLToPath(import.meta.url)), 'out', 'redact.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
