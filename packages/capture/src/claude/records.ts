import { arr, isCharIndexed, isObj, str, text, type Obj } from './json.js';
import {
  ASSISTANT_BLOCKS,
  EVENT_TYPES,
  METADATA_TYPES,
  SKIPPED_TYPES,
  isKnownAttachment,
} from './record-policy.js';
import type { ClaudeParseStats, ImportProblem, LineSource } from './types.js';

/** One parsed transcript line with the envelope fields the importer threads by. */
export interface RawRecord {
  o: Obj;
  type: string;
  file: string;
  line: number;
  /** Global reading order across the files of one parse. */
  seq: number;
  uuid?: string;
  /** `parentUuid`, or `logicalParentUuid` when a compact boundary starts a new root. */
  parent?: string;
  sessionId?: string;
  ts?: string;
  sidechain: boolean;
  agentId?: string;
  /** The line as read, for records kept verbatim (unknown types, broken shapes). */
  raw?: string;
  /** Why the record's shape is unusable; it is then kept as an unknown event. */
  broken?: string;
}

/** Records larger than this parse normally but are reported, since they dominate memory. */
export const LARGE_RECORD_BYTES = 32 * 1024 * 1024;

/** Shared state of one parse: problems, counters and the reading order. */
export interface ParseState {
  problems: ImportProblem[];
  stats: ClaudeParseStats;
  seq: number;
}

/**
 * Parses the lines of one file into records. Bad lines become problems naming the file and
 * line (a bad last line is reported as truncated, since Claude Code may still be writing
 * it); nothing throws and nothing is dropped without a problem or a counted skip.
 */
export async function readRecords(
  file: string,
  lines: LineSource,
  state: ParseState,
  onRecord: (r: RawRecord) => void,
): Promise<void> {
  let no = 0;
  let pending: ImportProblem | undefined;
  for await (const input of lines) {
    no++;
    state.stats.lines++;
    const bytes = Buffer.byteLength(input, 'utf8');
    state.stats.bytes += bytes + 1;
    if (pending) state.problems.push(pending);
    pending = undefined;
    let line = input.endsWith('\r') ? input.slice(0, -1) : input;
    if (no === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      pending = { file, line: no, reason: `invalid JSON: ${short((e as Error).message)}` };
      continue;
    }
    if (line.includes('\uFFFD')) {
      state.problems.push({
        file,
        line: no,
        reason:
          'warning: contains U+FFFD (invalid UTF-8 in the file, or a replacement character in the data); record kept',
      });
    }
    if (bytes > LARGE_RECORD_BYTES) {
      state.problems.push({
        file,
        line: no,
        reason: `warning: very large record (${(bytes / 1048576).toFixed(1)} MiB); record kept`,
      });
    }
    const rec = toRecord(value, line, file, no, state.seq++);
    if (rec.broken)
      state.problems.push({ file, line: no, reason: `${rec.broken}; kept as an unknown record` });
    onRecord(rec);
  }
  if (pending) {
    pending.reason = `last line is incomplete (truncated, or still being written): ${pending.reason}`;
    state.problems.push(pending);
  }
}

function short(s: string): string {
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

function toRecord(value: unknown, line: string, file: string, no: number, seq: number): RawRecord {
  if (!isObj(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    return {
      o: {},
      type: '',
      file,
      line: no,
      seq,
      sidechain: false,
      raw: line,
      broken: `line is ${kind}, not a record object`,
    };
  }
  const o = value;
  const type = str(o.type) ?? '';
  const rec: RawRecord = { o, type, file, line: no, seq, sidechain: o.isSidechain === true };
  const uuid = text(o.uuid);
  if (uuid !== undefined) rec.uuid = uuid;
  const parent =
    text(o.parentUuid) ??
    (o.parentUuid === null || o.parentUuid === undefined ? text(o.logicalParentUuid) : undefined);
  if (parent !== undefined) rec.parent = parent;
  const sessionId = text(o.sessionId);
  if (sessionId !== undefined) rec.sessionId = sessionId;
  const ts = text(o.timestamp);
  if (ts !== undefined) rec.ts = ts;
  const agentId = text(o.agentId);
  if (agentId !== undefined) rec.agentId = agentId;
  const broken = shapeProblem(o, type);
  if (broken !== undefined) rec.broken = broken;
  if (broken !== undefined || needsRaw(o, type)) rec.raw = line;
  return rec;
}

/** Why a record of a known type cannot be read, or undefined when it can. */
export function shapeProblem(o: Obj, type: string): string | undefined {
  if (type === 'user' || type === 'assistant') {
    const m = o.message;
    if (isCharIndexed(m))
      return '`message` is a character-indexed object (a string spread into an object), not a message';
    if (!isObj(m))
      return `\`message\` is ${m === undefined ? 'missing' : Array.isArray(m) ? 'an array' : `a ${m === null ? 'null' : typeof m}`}, not an object`;
    const c = m.content;
    if (typeof c !== 'string' && !Array.isArray(c))
      return '`message.content` is neither a string nor an array';
  }
  if (type === 'attachment' && !isObj(o.attachment)) return '`attachment` is not an object';
  if (type === 'progress' && !isObj(o.data)) return '`data` is not an object';
  return undefined;
}

function needsRaw(o: Obj, type: string): boolean {
  if (EVENT_TYPES.has(type)) {
    if (type === 'assistant') {
      const content = (o.message as Obj).content;
      return (
        !arr(content).some((b) => isObj(b) && ASSISTANT_BLOCKS.has(str(b.type) ?? '')) &&
        typeof content !== 'string'
      );
    }
    if (type === 'attachment') return !isKnownAttachment(str((o.attachment as Obj).type) ?? '');
    return false;
  }
  return !METADATA_TYPES.has(type) && !SKIPPED_TYPES.has(type);
}
