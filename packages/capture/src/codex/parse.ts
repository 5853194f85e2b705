import type { CapturedSession } from '@trail/model';
import { CAPTURE_CODES } from './codes.js';
import { handleEventMsg } from './event-msg.js';
import { parseJsonLines, splitLines, type JsonLine } from './jsonl.js';
import { obj, str } from './json-value.js';
import { parseLegacyJson } from './legacy-json.js';
import { scanModes, type CodexModes } from './modes.js';
import { ProblemLog } from './problem.js';
import { sessionIdFromFile } from './ids.js';
import { handleResponseItem } from './response-item.js';
import { CodexSessionBuilder, type CodexMeta } from './session-builder.js';
import {
  emptyStats,
  type CodexEra,
  type CodexImportStats,
  type CodexParseResult,
} from './stats.js';

/** A Codex session file's content: either its text or its lines. */
export type CodexSource =
  { file: string; text: string } | { file: string; lines: readonly string[] };

const ROLLOUT_TYPES = new Set([
  'session_meta',
  'response_item',
  'event_msg',
  'turn_context',
  'compacted',
]);

/**
 * Parses one Codex session file of any era (formats.md 2): the TypeScript CLI's single JSON
 * document, the Rust CLI's pre-envelope JSONL (`{id,timestamp,instructions,git}` header,
 * bare response items, `record_type:state` lines), or the `{timestamp,type,payload}`
 * envelope. The era is detected from the content. Pure: no I/O, deterministic, never throws
 * on bad input (bad lines become problems, unknown records become unknown events).
 */
export function parseCodexSession(src: CodexSource): CodexParseResult {
  const log = new ProblemLog(src.file);
  const text =
    'text' in src ? src.text : src.file.endsWith('.json') ? src.lines.join('\n') : undefined;
  if (
    text !== undefined &&
    /^\s*\{/.test(text) &&
    (src.file.endsWith('.json') || !text.trimEnd().includes('\n'))
  ) {
    const legacy = parseLegacyJson(text, src.file, log);
    if (legacy) return legacy;
  }
  const lines = 'text' in src ? splitLines(src.text) : src.lines;
  if (lines.every((l) => l.trim() === '')) {
    log.add(0, `${CAPTURE_CODES.empty}: the file is empty`);
    return { sessions: [], problems: log.problems, stats: emptyStats('unknown') };
  }
  const records = parseJsonLines(lines, log, text === undefined ? false : text.endsWith('\n'));
  const era = detectEra(records[0]?.value);
  const stats = emptyStats(era);
  stats.records = records.length;
  const reader = new RecordReader(src.file, stats, log, scanModes(records));
  for (const r of records) reader.read(r);
  return { sessions: reader.finish(), problems: log.problems, stats };
}

/** The era of a JSONL file, from its first record. */
export function detectEra(first: Record<string, unknown> | undefined): CodexEra {
  if (!first) return 'unknown';
  if (typeof first.type === 'string' && ROLLOUT_TYPES.has(first.type) && obj(first.payload))
    return 'envelope';
  if (first.type === undefined && (typeof first.id === 'string' || first.record_type !== undefined))
    return 'pre-envelope';
  if (typeof first.type === 'string' && !('payload' in first)) return 'pre-envelope';
  return 'unknown';
}

/** Dispatches records of either JSONL era to session builders. */
class RecordReader {
  private readonly sessions: CodexSessionBuilder[] = [];
  private current: CodexSessionBuilder | undefined;
  private headerTs: string | undefined;

  constructor(
    private readonly file: string,
    private readonly stats: CodexImportStats,
    private readonly log: ProblemLog,
    private readonly modes: CodexModes,
  ) {}

  read(r: JsonLine): void {
    const v = r.value;
    const payload = obj(v.payload);
    const type = str(v.type);
    const ts = str(v.timestamp) ?? this.headerTs ?? '';
    if (type === 'session_meta' && payload) return this.meta(r, metaOf(payload, ts), ts);
    if (type !== undefined && payload && (ROLLOUT_TYPES.has(type) || 'timestamp' in v))
      return this.envelope(r, type, payload, ts);
    if (v.record_type !== undefined) return; // pre-envelope state separator
    if (type === undefined && typeof v.id === 'string' && typeof v.timestamp === 'string') {
      this.headerTs = v.timestamp;
      return this.meta(r, metaOf(v, v.timestamp), v.timestamp);
    }
    const b = this.builder(r.line, ts);
    handleResponseItem(
      b,
      { payload: v, ts, raw: r.raw, unknownType: type ?? 'record' },
      this.modes,
    );
  }

  private envelope(r: JsonLine, type: string, payload: Record<string, unknown>, ts: string): void {
    const b = this.builder(r.line, ts);
    switch (type) {
      case 'response_item':
        return handleResponseItem(
          b,
          { payload, ts, raw: r.raw, unknownType: `response_item/${str(payload.type) ?? ''}` },
          this.modes,
        );
      case 'event_msg':
        return handleEventMsg(b, payload, ts, r.raw, this.modes);
      case 'turn_context':
        return b.turnContext(str(payload.cwd), str(payload.model));
      case 'compacted':
        if (this.modes.compaction === 'compacted') b.system('compaction', str(payload.message), ts);
        return;
      default:
        b.unknown(type, r.raw, ts);
    }
  }

  private meta(r: JsonLine, meta: CodexMeta, ts: string): void {
    if (!meta.id) meta.id = sessionIdFromFile(this.file);
    if (this.current && this.current.id === meta.id) return;
    if (this.current) this.log.add(r.line, `a second session (${meta.id}) starts in this file`);
    this.current = new CodexSessionBuilder(meta, this.stats, this.log);
    this.current.line = r.line;
    this.sessions.push(this.current);
    if (!meta.ts) this.current.touch(ts);
  }

  private builder(line: number, ts: string): CodexSessionBuilder {
    if (!this.current) {
      this.log.add(line, 'records before any session header; session id taken from the file name');
      this.current = new CodexSessionBuilder(
        { id: sessionIdFromFile(this.file) },
        this.stats,
        this.log,
      );
      this.sessions.push(this.current);
    }
    this.current.line = line;
    this.current.touch(ts);
    return this.current;
  }

  finish(): CapturedSession[] {
    return this.sessions.map((b) => b.finish());
  }
}

function metaOf(p: Record<string, unknown>, ts: string): CodexMeta {
  const meta: CodexMeta = { id: str(p.id) ?? '', ts: str(p.timestamp) ?? ts };
  const cwd = str(p.cwd);
  const version = str(p.cli_version);
  const branch = str(obj(p.git)?.branch);
  if (cwd) meta.cwd = cwd;
  if (version) meta.cliVersion = version;
  if (branch) meta.gitBranch = branch;
  return meta;
}
