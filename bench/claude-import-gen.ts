// Writes a synthetic Claude Code history (a `~/.claude/projects` directory) in the 2.1.x
// layout, for the import benchmark: `node bench/claude-import-gen.ts <dir> <MB> [sessions]`.
// Realistic records: human prompts with promptId, responses split into one record per
// content block sharing message.id and requestId (thinking, text, parallel tool calls),
// tool results with toolUseResult (Read file objects, Edit/Write with structuredPatch and
// originalFile, Bash stdout/stderr), file-history snapshots, turn durations, titles, and
// some Agent calls whose subagents live in `<session>/subagents/agent-<id>.jsonl` beside a
// `.meta.json`. Deterministic (seeded), node builtins only, erasable TypeScript only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Options of {@link generateClaudeHistory}. */
export interface GenerateClaudeOptions {
  /** Approximate total size of the files written, in bytes. */
  totalBytes: number;
  /** Number of main session files. */
  sessions: number;
  /** Number of project directories (default: one per 50 sessions, at least 1). */
  projects?: number;
  /** PRNG seed (default 1): the same seed writes the same bytes. */
  seed?: number;
}

/** What {@link generateClaudeHistory} wrote. */
export interface GenerateClaudeResult {
  dir: string;
  sessions: number;
  subagents: number;
  files: number;
  records: number;
  bytes: number;
}

type Rec = Record<string, unknown>;

const WORDS =
  'the a fix test build route handler parse config error update refactor module export import value return async await index user session cache token file path header render state query'.split(
    ' ',
  );
const VERSION = '2.1.81';
const MODEL = 'claude-sonnet-4-6';
const SUB_MODEL = 'claude-haiku-4-5-20251001';

/** Writes `opts.sessions` sessions totalling about `opts.totalBytes` under `dir`. */
export function generateClaudeHistory(
  dir: string,
  opts: GenerateClaudeOptions,
): GenerateClaudeResult {
  let seed = opts.seed ?? 1;
  const rand = (): number => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const hex = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const uuid = (): string =>
    `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  const code = (n: number): string[] =>
    Array.from(
      { length: n },
      (_, i) =>
        `${'  '.repeat(i % 3)}const ${pick(WORDS)}${i} = ${pick(WORDS)}(${words(int(1, 5)).replace(/ /g, ', ')});`,
    );

  const projects = Math.max(1, opts.projects ?? Math.ceil(opts.sessions / 50));
  const perSession = Math.max(4000, Math.floor(opts.totalBytes / Math.max(1, opts.sessions)));
  const result: GenerateClaudeResult = {
    dir,
    sessions: 0,
    subagents: 0,
    files: 0,
    records: 0,
    bytes: 0,
  };
  const start = Date.UTC(2026, 0, 5, 9);

  for (let s = 0; s < opts.sessions; s++) {
    const project = `-home-dev-project${s % projects}`;
    const cwd = `/home/dev/project${s % projects}`;
    const sessionId = uuid();
    const slug = `${pick(WORDS)}-${pick(WORDS)}-${pick(WORDS)}`;
    let clock = start + s * 3_600_000;
    const ts = (): string => new Date((clock += int(200, 4000))).toISOString();
    const out: string[] = [];
    let size = 0;
    const push = (r: Rec, lines: string[] = out): void => {
      const line = JSON.stringify(r);
      lines.push(line);
      if (lines === out) size += line.length + 1;
    };
    const envelope = (extra: Rec): Rec => ({
      isSidechain: false,
      userType: 'external',
      entrypoint: 'cli',
      cwd,
      sessionId,
      version: VERSION,
      gitBranch: 'main',
      slug,
      ...extra,
    });
    const files = Array.from({ length: int(3, 12) }, (_, i) => `${cwd}/src/${pick(WORDS)}-${i}.ts`);
    const contents = new Map(files.map((f) => [f, code(int(30, 250)).join('\n') + '\n']));
    const target = perSession * (0.35 + rand());
    let subagentsDir: string | undefined;

    // One response: a thinking block, some text and tool calls, each its own record.
    const respond = (
      blocks: Rec[],
      model: string,
      extra: Rec,
      lines: string[],
      chain: { parent: string | null },
    ): string[] => {
      const id = `msg_01${hex(22)}`;
      const requestId = `req_011${hex(21)}`;
      const ids: string[] = [];
      let outTokens = int(2, 20);
      for (const block of blocks) {
        const u = uuid();
        outTokens += int(20, 400);
        push(
          envelope({
            parentUuid: chain.parent,
            ...extra,
            message: {
              model,
              id,
              type: 'message',
              role: 'assistant',
              content: [block],
              stop_reason: null,
              stop_sequence: null,
              usage: {
                input_tokens: int(1, 9),
                cache_creation_input_tokens: int(0, 3000),
                cache_read_input_tokens: int(10_000, 60_000),
                output_tokens: outTokens,
                service_tier: 'standard',
              },
            },
            requestId,
            type: 'assistant',
            uuid: u,
            timestamp: ts(),
          }),
          lines,
        );
        chain.parent = u;
        ids.push(u);
      }
      return ids;
    };
    const toolResult = (
      toolId: string,
      content: unknown,
      tur: unknown,
      extra: Rec,
      lines: string[],
      chain: { parent: string | null },
      isError = false,
    ): void => {
      const u = uuid();
      push(
        envelope({
          parentUuid: chain.parent,
          ...extra,
          type: 'user',
          message: {
            role: 'user',
            content: [
              {
                tool_use_id: toolId,
                type: 'tool_result',
                content,
                ...(isError ? { is_error: true } : {}),
              },
            ],
          },
          uuid: u,
          timestamp: ts(),
          toolUseResult: tur,
        }),
        lines,
      );
      chain.parent = u;
    };
    // A tool call with a realistic result; returns nothing, records go to `lines`.
    const toolCall = (
      kind: string,
      extra: Rec,
      lines: string[],
      chain: { parent: string | null },
      model: string,
    ): void => {
      const id = `toolu_01${hex(22)}`;
      const file = pick(files);
      const before = contents.get(file)!;
      if (kind === 'Read') {
        respond(
          [
            {
              type: 'tool_use',
              id,
              name: 'Read',
              input: { file_path: file },
              caller: { type: 'direct' },
            },
          ],
          model,
          extra,
          lines,
          chain,
        );
        const n = before.split('\n').length - 1;
        const numbered = before
          .split('\n')
          .slice(0, n)
          .map((l, i) => `${String(i + 1).padStart(6)}\t${l}`)
          .join('\n');
        toolResult(
          id,
          numbered,
          {
            type: 'text',
            file: { filePath: file, content: before, numLines: n, startLine: 1, totalLines: n },
          },
          extra,
          lines,
          chain,
        );
      } else if (kind === 'Edit') {
        const lines0 = before.split('\n');
        const at = int(0, lines0.length - 2);
        const oldLine = lines0[at]!;
        const newLine = `${oldLine} // ${words(3)}`;
        const after = [...lines0.slice(0, at), newLine, ...lines0.slice(at + 1)].join('\n');
        const from = Math.max(0, at - 3);
        const to = Math.min(lines0.length - 1, at + 4);
        const hunkLines = [
          ...lines0.slice(from, at).map((l) => ` ${l}`),
          `-${oldLine}`,
          `+${newLine}`,
          ...lines0.slice(at + 1, to).map((l) => ` ${l}`),
        ];
        const ctx = to - from;
        respond(
          [
            {
              type: 'tool_use',
              id,
              name: 'Edit',
              input: {
                replace_all: false,
                file_path: file,
                old_string: oldLine,
                new_string: newLine,
              },
            },
          ],
          model,
          extra,
          lines,
          chain,
        );
        toolResult(
          id,
          `The file ${file} has been updated successfully.`,
          {
            filePath: file,
            oldString: oldLine,
            newString: newLine,
            originalFile: before,
            structuredPatch: [
              {
                oldStart: from + 1,
                oldLines: ctx,
                newStart: from + 1,
                newLines: ctx,
                lines: hunkLines,
              },
            ],
            userModified: false,
            replaceAll: false,
          },
          extra,
          lines,
          chain,
        );
        contents.set(file, after);
      } else if (kind === 'Write') {
        const path = `${cwd}/src/new-${pick(WORDS)}-${hex(4)}.ts`;
        const content = code(int(10, 80)).join('\n') + '\n';
        respond(
          [{ type: 'tool_use', id, name: 'Write', input: { file_path: path, content } }],
          model,
          extra,
          lines,
          chain,
        );
        toolResult(
          id,
          `File created successfully at: ${path}`,
          { type: 'create', filePath: path, content, structuredPatch: [], originalFile: null },
          extra,
          lines,
          chain,
        );
      } else {
        const command = pick([
          'npm test',
          'git status',
          'npx tsc --noEmit',
          `grep -rn ${pick(WORDS)} src`,
          'ls -la src',
        ]);
        respond(
          [{ type: 'tool_use', id, name: 'Bash', input: { command, description: words(4) } }],
          model,
          extra,
          lines,
          chain,
        );
        if (rand() < 0.15) {
          const msg = `Exit code 1\n${code(int(2, 10)).join('\n')}`;
          toolResult(id, msg, `Error: ${msg}`, extra, lines, chain, true);
        } else {
          const stdout = code(int(1, 60)).join('\n');
          toolResult(
            id,
            stdout,
            { stdout, stderr: '', interrupted: false, isImage: false, noOutputExpected: false },
            extra,
            lines,
            chain,
          );
        }
      }
    };

    const main: { parent: string | null } = { parent: null };
    for (let turn = 0; size < target; turn++) {
      const prompt = `${words(int(4, 30))}${rand() < 0.3 ? `\n\n${code(int(2, 12)).join('\n')}` : ''}`;
      const pu = uuid();
      push({
        type: 'file-history-snapshot',
        messageId: pu,
        snapshot: {
          messageId: pu,
          trackedFileBackups: {},
          timestamp: new Date(clock).toISOString(),
        },
        isSnapshotUpdate: false,
      });
      push(
        envelope({
          parentUuid: main.parent,
          promptId: uuid(),
          type: 'user',
          message: { role: 'user', content: prompt },
          uuid: pu,
          timestamp: ts(),
          permissionMode: 'default',
        }),
      );
      main.parent = pu;
      if (turn === 0) push({ type: 'ai-title', aiTitle: words(4), sessionId });
      for (let round = int(1, 4); round > 0 && size < target; round--) {
        const parallel = int(1, 3);
        const kinds = Array.from({ length: parallel }, () =>
          pick(['Read', 'Read', 'Edit', 'Edit', 'Bash', 'Bash', 'Write']),
        );
        respond(
          [
            { type: 'thinking', thinking: '', signature: hex(120) },
            { type: 'text', text: words(int(8, 60)) },
          ],
          MODEL,
          {},
          out,
          main,
        );
        for (const k of kinds) toolCall(k, {}, out, main, MODEL);
      }
      if (s % 10 === 3 && turn === 1) {
        // An Agent call whose subagent has its own transcript.
        const agentId = `a${hex(16)}`;
        const description = words(3);
        const agentPrompt = words(int(10, 40));
        const id = `toolu_01${hex(22)}`;
        respond(
          [
            {
              type: 'tool_use',
              id,
              name: 'Agent',
              input: { description, prompt: agentPrompt, subagent_type: 'Explore' },
            },
          ],
          MODEL,
          {},
          out,
          main,
        );
        const sub: string[] = [];
        const chain: { parent: string | null } = { parent: null };
        const extra = { isSidechain: true, agentId };
        const su = uuid();
        push(
          envelope({
            parentUuid: null,
            ...extra,
            promptId: uuid(),
            type: 'user',
            message: { role: 'user', content: agentPrompt },
            uuid: su,
            timestamp: ts(),
          }),
          sub,
        );
        chain.parent = su;
        for (let k = int(2, 6); k > 0; k--)
          toolCall(pick(['Read', 'Bash']), extra, sub, chain, SUB_MODEL);
        const answer = words(int(20, 80));
        respond([{ type: 'text', text: answer }], SUB_MODEL, extra, sub, chain);
        subagentsDir = join(dir, project, sessionId, 'subagents');
        mkdirSync(subagentsDir, { recursive: true });
        const body = sub.join('\n') + '\n';
        writeFileSync(join(subagentsDir, `agent-${agentId}.jsonl`), body);
        writeFileSync(
          join(subagentsDir, `agent-${agentId}.meta.json`),
          JSON.stringify({ agentType: 'Explore', description }),
        );
        result.subagents++;
        result.files += 2;
        result.records += sub.length;
        result.bytes += Buffer.byteLength(body);
        toolResult(
          id,
          [{ type: 'text', text: answer }],
          {
            status: 'completed',
            prompt: agentPrompt,
            agentId,
            agentType: 'Explore',
            content: [{ type: 'text', text: answer }],
            totalDurationMs: int(2000, 90_000),
            totalTokens: int(2000, 40_000),
            totalToolUseCount: 4,
            usage: { input_tokens: 10, output_tokens: 400 },
          },
          {},
          out,
          main,
        );
      }
      respond([{ type: 'text', text: words(int(10, 120)) }], MODEL, {}, out, main);
      const su = uuid();
      push(
        envelope({
          parentUuid: main.parent,
          type: 'system',
          subtype: 'turn_duration',
          durationMs: int(2000, 200_000),
          messageCount: int(4, 60),
          isMeta: false,
          uuid: su,
          timestamp: ts(),
        }),
      );
      main.parent = su;
      push({ type: 'last-prompt', lastPrompt: prompt.slice(0, 200), leafUuid: su, sessionId });
    }
    const projectDir = join(dir, project);
    mkdirSync(projectDir, { recursive: true });
    const body = out.join('\n') + '\n';
    writeFileSync(join(projectDir, `${sessionId}.jsonl`), body);
    result.sessions++;
    result.files++;
    result.records += out.length;
    result.bytes += Buffer.byteLength(body);
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, mb, sessions] = process.argv.slice(2);
  if (!dir || !mb || Number.isNaN(Number(mb))) {
    process.stderr.write('usage: node bench/claude-import-gen.ts <dir> <MB> [sessions]\n');
    process.exit(2);
  }
  const r = generateClaudeHistory(dir, {
    totalBytes: Number(mb) * 1e6,
    sessions: sessions ? Number(sessions) : Math.max(1, Math.round(Number(mb) * 10)),
  });
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
