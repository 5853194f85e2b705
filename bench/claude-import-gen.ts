// Writes a synthetic Claude Code history (a `~/.claude/projects` directory) in the 2.1.x
// layout, for the import benchmark: `node bench/claude-import-gen.ts <dir> <MB> [sessions]`.
// Realistic records: human prompts with promptId, responses split into one record per
// content block sharing message.id and requestId (thinking, text, parallel tool calls),
// tool results with toolUseResult (Read file objects, Edit with structuredPatch and
// originalFile, Write creations, Bash stdout or "Exit code N" failures), file-history
// snapshots, turn durations, titles and last-prompt records, and some Agent calls whose
// subagents live in `<session>/subagents/agent-<id>.jsonl` beside a `.meta.json`.
// Deterministic (seeded), node builtins only, erasable TypeScript syntax only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Options of {@link generateClaudeHistory}. */
export interface GenerateClaudeOptions {
  /** Approximate total size of the files written, in bytes. */
  totalBytes: number;
  /** Number of main session files. */
  sessions: number;
  /** Number of project directories (default: one per 50 sessions). */
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

/** One transcript being written: its lines, the last record's uuid, and its envelope. */
interface Thread {
  lines: string[];
  bytes: number;
  parent: string | null;
  envelope: Rec;
  model: string;
}

const WORDS =
  'the a fix test build route handler parse config error update refactor module export import value return async await index user session cache token file path header render state query'.split(
    ' ',
  );
const TOOLS = ['Read', 'Read', 'Edit', 'Edit', 'Bash', 'Bash', 'Write'] as const;

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
  const code = (n: number): string =>
    Array.from(
      { length: n },
      (_, i) =>
        `${'  '.repeat(i % 3)}const ${pick(WORDS)}${i} = ${pick(WORDS)}(${words(int(1, 4)).replace(/ /g, ', ')});\n`,
    ).join('');

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
  let clock = Date.UTC(2026, 0, 5, 9);
  const ts = (): string => new Date((clock += int(200, 4000))).toISOString();

  const write = (t: Thread, r: Rec): void => {
    const line = JSON.stringify(r);
    t.lines.push(line);
    t.bytes += line.length + 1;
  };
  // A conversation record: envelope, chained to the previous record of its thread.
  const record = (t: Thread, r: Rec): void => {
    const id = uuid();
    write(t, { parentUuid: t.parent, ...t.envelope, ...r, uuid: id, timestamp: ts() });
    t.parent = id;
  };
  // One API response: one record per content block, sharing message.id and requestId, with
  // the usage repeated on each and the output count growing as it streams.
  const respond = (t: Thread, blocks: Rec[]): void => {
    const id = `msg_01${hex(22)}`;
    const requestId = `req_011${hex(21)}`;
    const usage = {
      input_tokens: int(1, 9),
      cache_creation_input_tokens: int(0, 3000),
      cache_read_input_tokens: int(10_000, 60_000),
      output_tokens: int(2, 20),
      service_tier: 'standard',
    };
    for (const block of blocks) {
      usage.output_tokens += int(20, 400);
      const message = {
        model: t.model,
        id,
        type: 'message',
        role: 'assistant',
        content: [block],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage },
      };
      record(t, { type: 'assistant', message, requestId });
    }
  };
  const toolResult = (
    t: Thread,
    toolId: string,
    content: unknown,
    toolUseResult: unknown,
    isError = false,
  ): void => {
    const block = {
      tool_use_id: toolId,
      type: 'tool_result',
      content,
      ...(isError ? { is_error: true } : {}),
    };
    record(t, { type: 'user', message: { role: 'user', content: [block] }, toolUseResult });
  };
  const toolUse = (t: Thread, name: string, input: Rec): string => {
    const id = `toolu_01${hex(22)}`;
    respond(t, [{ type: 'tool_use', id, name, input, caller: { type: 'direct' } }]);
    return id;
  };

  for (let s = 0; s < opts.sessions; s++) {
    const project = `-home-dev-project${s % projects}`;
    const cwd = `/home/dev/project${s % projects}`;
    const sessionId = uuid();
    const envelope: Rec = {
      isSidechain: false,
      userType: 'external',
      entrypoint: 'cli',
      cwd,
      sessionId,
      version: '2.1.81',
      gitBranch: 'main',
      slug: words(3).replace(/ /g, '-'),
    };
    const main: Thread = {
      lines: [],
      bytes: 0,
      parent: null,
      envelope,
      model: 'claude-sonnet-4-6',
    };
    const files = Array.from({ length: int(3, 12) }, (_, i) => `${cwd}/src/${pick(WORDS)}-${i}.ts`);
    const contents = new Map(files.map((f) => [f, code(int(30, 250))]));
    const target = perSession * (0.35 + rand());
    clock = Date.UTC(2026, 0, 5, 9) + s * 3_600_000;

    // A tool call and its result, with the toolUseResult Claude Code records for it.
    const toolCall = (t: Thread, kind: string): void => {
      const file = pick(files);
      const before = contents.get(file)!;
      if (kind === 'Read') {
        const id = toolUse(t, 'Read', { file_path: file });
        const all = before.split('\n').slice(0, -1);
        const numbered = all.map((l, i) => `${String(i + 1).padStart(6)}\t${l}`).join('\n');
        toolResult(t, id, numbered, {
          type: 'text',
          file: {
            filePath: file,
            content: before,
            numLines: all.length,
            startLine: 1,
            totalLines: all.length,
          },
        });
      } else if (kind === 'Edit') {
        const lines = before.split('\n');
        const at = int(0, lines.length - 2);
        const oldString = lines[at]!;
        const newString = `${oldString} // ${words(3)}`;
        const from = Math.max(0, at - 3);
        const to = Math.min(lines.length - 1, at + 4);
        const hunk = [
          ...lines.slice(from, at).map((l) => ` ${l}`),
          `-${oldString}`,
          `+${newString}`,
          ...lines.slice(at + 1, to).map((l) => ` ${l}`),
        ];
        const id = toolUse(t, 'Edit', {
          replace_all: false,
          file_path: file,
          old_string: oldString,
          new_string: newString,
        });
        const structuredPatch = [
          {
            oldStart: from + 1,
            oldLines: to - from,
            newStart: from + 1,
            newLines: to - from,
            lines: hunk,
          },
        ];
        toolResult(t, id, `The file ${file} has been updated successfully.`, {
          filePath: file,
          oldString,
          newString,
          originalFile: before,
          structuredPatch,
          userModified: false,
          replaceAll: false,
        });
        contents.set(file, [...lines.slice(0, at), newString, ...lines.slice(at + 1)].join('\n'));
      } else if (kind === 'Write') {
        const path = `${cwd}/src/new-${pick(WORDS)}-${hex(4)}.ts`;
        const content = code(int(10, 80));
        const id = toolUse(t, 'Write', { file_path: path, content });
        toolResult(t, id, `File created successfully at: ${path}`, {
          type: 'create',
          filePath: path,
          content,
          structuredPatch: [],
          originalFile: null,
        });
      } else {
        const command = pick([
          'npm test',
          'git status',
          'npx tsc --noEmit',
          `grep -rn ${pick(WORDS)} src`,
          'ls -la src',
        ]);
        const id = toolUse(t, 'Bash', { command, description: words(4) });
        if (rand() < 0.15) {
          const failure = `Exit code 1\n${code(int(2, 10))}`;
          toolResult(t, id, failure, `Error: ${failure}`, true);
        } else {
          const stdout = code(int(1, 60));
          toolResult(t, id, stdout, {
            stdout,
            stderr: '',
            interrupted: false,
            isImage: false,
            noOutputExpected: false,
          });
        }
      }
    };

    for (let turn = 0; main.bytes < target; turn++) {
      const prompt = `${words(int(4, 30))}${rand() < 0.3 ? `\n\n${code(int(2, 12))}` : ''}`;
      write(main, {
        type: 'file-history-snapshot',
        messageId: uuid(),
        snapshot: {
          messageId: uuid(),
          trackedFileBackups: {},
          timestamp: new Date(clock).toISOString(),
        },
        isSnapshotUpdate: false,
      });
      record(main, {
        type: 'user',
        promptId: uuid(),
        permissionMode: 'default',
        message: { role: 'user', content: prompt },
      });
      if (turn === 0) write(main, { type: 'ai-title', aiTitle: words(4), sessionId });
      for (let round = int(1, 4); round > 0 && main.bytes < target; round--) {
        respond(main, [
          { type: 'thinking', thinking: '', signature: hex(120) },
          { type: 'text', text: words(int(8, 60)) },
        ]);
        for (let k = int(1, 3); k > 0; k--) toolCall(main, pick(TOOLS));
      }
      if (s % 10 === 3 && turn === 1) {
        // An Agent call whose subagent keeps its own transcript.
        const agentId = `a${hex(16)}`;
        const description = words(3);
        const agentPrompt = words(int(10, 40));
        const id = toolUse(main, 'Agent', {
          description,
          prompt: agentPrompt,
          subagent_type: 'Explore',
        });
        const sub: Thread = {
          lines: [],
          bytes: 0,
          parent: null,
          envelope: { ...envelope, isSidechain: true, agentId },
          model: 'claude-haiku-4-5-20251001',
        };
        record(sub, {
          type: 'user',
          promptId: uuid(),
          message: { role: 'user', content: agentPrompt },
        });
        for (let k = int(2, 6); k > 0; k--) toolCall(sub, pick(['Read', 'Bash']));
        const answer = words(int(20, 80));
        respond(sub, [{ type: 'text', text: answer }]);
        const subDir = join(dir, project, sessionId, 'subagents');
        mkdirSync(subDir, { recursive: true });
        writeFileSync(join(subDir, `agent-${agentId}.jsonl`), `${sub.lines.join('\n')}\n`);
        writeFileSync(
          join(subDir, `agent-${agentId}.meta.json`),
          JSON.stringify({ agentType: 'Explore', description }),
        );
        result.subagents++;
        result.files += 2;
        result.records += sub.lines.length;
        result.bytes += sub.bytes;
        const content = [{ type: 'text', text: answer }];
        toolResult(main, id, content, {
          status: 'completed',
          prompt: agentPrompt,
          agentId,
          agentType: 'Explore',
          content,
          totalDurationMs: int(2000, 90_000),
          totalTokens: int(2000, 40_000),
          totalToolUseCount: 4,
          usage: { input_tokens: 10, output_tokens: 400 },
        });
      }
      respond(main, [{ type: 'text', text: words(int(10, 120)) }]);
      record(main, {
        type: 'system',
        subtype: 'turn_duration',
        durationMs: int(2000, 200_000),
        messageCount: int(4, 60),
        isMeta: false,
      });
      write(main, {
        type: 'last-prompt',
        lastPrompt: prompt.slice(0, 200),
        leafUuid: main.parent,
        sessionId,
      });
    }
    mkdirSync(join(dir, project), { recursive: true });
    writeFileSync(join(dir, project, `${sessionId}.jsonl`), `${main.lines.join('\n')}\n`);
    result.sessions++;
    result.files++;
    result.records += main.lines.length;
    result.bytes += main.bytes;
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, mb, sessions] = process.argv.slice(2);
  if (!dir || !mb || Number.isNaN(Number(mb))) {
    process.stderr.write('usage: node bench/claude-import-gen.ts <dir> <MB> [sessions]\n');
    process.exit(2);
  }
  const totalBytes = Number(mb) * 1e6;
  const r = generateClaudeHistory(dir, {
    totalBytes,
    sessions: sessions ? Number(sessions) : Math.max(1, Math.round(Number(mb) * 10)),
  });
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
