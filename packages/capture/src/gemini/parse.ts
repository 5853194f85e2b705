import { readFile } from 'node:fs/promises';
import type { AssistantEvent, CapturedEvent, CapturedSession, TokenUsage } from '@trail/model';
import { CAPTURE_CODES } from '../codex/codes.js';
import { arr, num, obj, str } from '../codex/json-value.js';
import { describeError, ProblemLog, type ImportResult } from '../codex/problem.js';
import { loadGeminiConversation } from './conversation.js';
import { geminiProjectHash } from './find.js';
import { geminiToolEvent } from './tools.js';

/** Counts from one Gemini session file. */
export interface GeminiImportStats {
  messages: number;
  prompts: number;
  assistantMessages: number;
  reasoning: number;
  tools: number;
  commands: number;
  edits: number;
  unknown: number;
}

/** Options of {@link parseGeminiSession}. */
export interface GeminiParseOptions {
  /** The project root, if known; used as cwd when it hashes to the file's projectHash. */
  projectRoot?: string;
}

/** What parsing one Gemini session returns. */
export type GeminiParseResult = ImportResult<GeminiImportStats>;

const emptyStats = (): GeminiImportStats => ({
  messages: 0,
  prompts: 0,
  assistantMessages: 0,
  reasoning: 0,
  tools: 0,
  commands: 0,
  edits: 0,
  unknown: 0,
});

/**
 * Parses a Gemini CLI session (formats.md 3): user messages become prompts, `gemini`
 * messages assistant text (with their `thoughts` as reasoning and `toolCalls` as tool
 * events), `info`/`warning` system events, `error` errors; other message types are kept
 * as unknown events. Ids derive from Gemini's own message and tool-call ids, so re-reading
 * a file Gemini rewrote in place gives the same ids. Pure and deterministic.
 */
export function parseGeminiSession(
  src: { file: string; text: string },
  opts: GeminiParseOptions = {},
): GeminiParseResult {
  const log = new ProblemLog(src.file);
  const stats = emptyStats();
  if (src.text.trim() === '') {
    log.add(0, `${CAPTURE_CODES.empty}: the file is empty`);
    return { sessions: [], problems: log.problems, stats };
  }
  const conv = loadGeminiConversation(src.text, src.file, log);
  if (!conv) {
    log.add(0, `${CAPTURE_CODES.unknownFormat}: not a Gemini session (no sessionId or messages)`);
    return { sessions: [], problems: log.problems, stats };
  }
  const id = conv.sessionId ?? src.file.replace(/^.*[\\/]/, '').replace(/\.jsonl?$/, '');
  const session: CapturedSession = { id, agent: 'gemini', events: [] };
  if (
    opts.projectRoot &&
    (!conv.projectHash || conv.projectHash === geminiProjectHash(opts.projectRoot))
  )
    session.cwd = opts.projectRoot;
  if (conv.summary) session.title = conv.summary;
  if (conv.startTime) session.startedAt = conv.startTime;
  if (conv.lastUpdated) session.endedAt = conv.lastUpdated;
  const models = new Map<string, number>();
  for (const m of conv.messages) {
    stats.messages++;
    for (const e of messageEvents(m, conv.startTime ?? '', session.cwd, stats))
      session.events.push(e);
    const model = str(m.model);
    if (model) models.set(model, (models.get(model) ?? 0) + 1);
  }
  let best = 0;
  for (const [m, n] of models)
    if (n > best) {
      best = n;
      session.model = m;
    }
  return { sessions: [session], problems: log.problems, stats };
}

/** Reads and parses a Gemini session file; an unreadable file is a problem, not an exception. */
export async function readGeminiSession(
  file: string,
  opts: GeminiParseOptions = {},
): Promise<GeminiParseResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return {
      sessions: [],
      problems: [
        {
          file,
          line: 0,
          reason: `${CAPTURE_CODES.unreadable}: cannot read the file (${describeError(e)})`,
        },
      ],
      stats: emptyStats(),
    };
  }
  return parseGeminiSession({ file, text }, opts);
}

function messageEvents(
  m: Record<string, unknown>,
  fallbackTs: string,
  cwd: string | undefined,
  stats: GeminiImportStats,
): CapturedEvent[] {
  const id = str(m.id) ?? '';
  const ts = str(m.timestamp) ?? fallbackTs;
  const type = str(m.type) ?? '';
  const text = contentText(m.content);
  switch (type) {
    case 'user':
      if (!text.trim()) return [];
      stats.prompts++;
      return [{ id: `p-${id}`, kind: 'prompt', ts, text }];
    case 'gemini': {
      const out: CapturedEvent[] = [];
      arr(m.thoughts).forEach((t, i) => {
        const th = obj(t);
        const subject = str(th?.subject) ?? '';
        const body = str(th?.description) ?? '';
        const reasoning = subject && body ? `**${subject}** ${body}` : subject || body;
        if (!reasoning) return;
        stats.reasoning++;
        out.push({
          id: `r-${id}-${i}`,
          kind: 'reasoning',
          ts: str(th?.timestamp) ?? ts,
          text: reasoning,
        });
      });
      if (text.trim()) {
        stats.assistantMessages++;
        const a: AssistantEvent = { id: `a-${id}`, kind: 'assistant', ts, text };
        const model = str(m.model);
        if (model) a.model = model;
        const usage = tokenUsage(obj(m.tokens));
        if (usage) a.usage = usage;
        out.push(a);
      }
      for (const c of arr(m.toolCalls)) {
        const call = obj(c);
        if (!call) continue;
        const tool = geminiToolEvent(call, ts, cwd);
        stats.tools++;
        if (tool.category === 'command') stats.commands++;
        if (tool.changes) stats.edits += tool.changes.length;
        out.push(tool);
      }
      return out;
    }
    case 'info':
    case 'warning':
      return [{ id: `s-${id}`, kind: 'system', ts, subtype: type, text }];
    case 'error':
      return [{ id: `e-${id}`, kind: 'error', ts, message: text || 'error' }];
    default:
      stats.unknown++;
      return [
        {
          id: `u-${id}`,
          kind: 'unknown',
          ts,
          recordType: `message/${type}`,
          raw: JSON.stringify(m),
        },
      ];
  }
}

/** Text of a message content: a string, or Gemini parts (`[{text}]`, non-text parts skipped). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  const parts = Array.isArray(content) ? content : content ? [content] : [];
  return parts
    .map((p) => (typeof p === 'string' ? p : (str(obj(p)?.text) ?? '')))
    .filter((t) => t !== '')
    .join('');
}

/** Gemini token counts; `input` there includes cached input, trail's does not. */
function tokenUsage(t: Record<string, unknown> | undefined): TokenUsage | undefined {
  if (!t) return undefined;
  const input = num(t.input) ?? 0;
  const cached = num(t.cached) ?? 0;
  return {
    input: Math.max(0, input - cached),
    output: (num(t.output) ?? 0) + (num(t.thoughts) ?? 0),
    cacheRead: cached,
    cacheCreate: 0,
  };
}
