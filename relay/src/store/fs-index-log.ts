import type { BundleId, DeviceTag } from '@trail/protocol';
import { isValidId } from '@trail/protocol';
import { crc32 } from 'node:zlib';
import { MailboxError } from './mailbox-error.js';

/** One record of a space's append-only index log. */
export type LogRecord =
  | {
      readonly op: 'put';
      readonly seq: number;
      readonly bundleId: BundleId;
      readonly deviceTag: DeviceTag;
      readonly size: number;
      readonly storedAt: number;
    }
  | { readonly op: 'del'; readonly seqs: readonly number[] };

/** The valid records of a log, and how many bytes of torn tail follow them. */
export interface ParsedLog {
  readonly records: readonly LogRecord[];
  /** Length of the valid prefix; anything after it is a torn write to truncate. */
  readonly validBytes: number;
}

/** Serialises a record as one line: JSON, a tab, the CRC-32 of the JSON in hex, a newline. */
export function encodeLogRecord(record: LogRecord): string {
  const json =
    record.op === 'put'
      ? JSON.stringify({
          op: 'put',
          seq: record.seq,
          id: record.bundleId,
          dev: record.deviceTag,
          size: record.size,
          at: record.storedAt,
        })
      : JSON.stringify({ op: 'del', seqs: record.seqs });
  return `${json}\t${crc32(json).toString(16).padStart(8, '0')}\n`;
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function decodeLine(line: string): LogRecord | undefined {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return undefined;
  const json = line.slice(0, tab);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(tab + 1)) return undefined;
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (value.op === 'del' && Array.isArray(value.seqs) && value.seqs.every(isCount)) {
    return { op: 'del', seqs: value.seqs };
  }
  const { seq, id, dev, size, at } = value;
  if (value.op !== 'put' || !isCount(seq) || !isCount(size) || !isCount(at)) return undefined;
  if (typeof id !== 'string' || !isValidId('bundleId', id)) return undefined;
  if (typeof dev !== 'string' || !isValidId('deviceTag', dev)) return undefined;
  return {
    op: 'put',
    seq,
    bundleId: id as BundleId,
    deviceTag: dev as DeviceTag,
    size,
    storedAt: at,
  };
}

/**
 * Parses a log. Lines are only ever appended, so a crash can damage only the end: a run of
 * invalid lines reaching the end of the file is a torn write (reported via `validBytes`, for
 * the caller to truncate). An invalid line followed by a valid one is corruption, which is
 * never skipped silently: it throws `store_corrupt` naming the file and line.
 */
export function parseLog(text: string, file: string): ParsedLog {
  const records: LogRecord[] = [];
  let offset = 0;
  let validBytes = 0;
  let firstBad: number | undefined;
  let lineNumber = 0;
  while (offset < text.length) {
    lineNumber++;
    const end = text.indexOf('\n', offset);
    const line = end < 0 ? text.slice(offset) : text.slice(offset, end);
    const next = end < 0 ? text.length : end + 1;
    const record = end < 0 ? undefined : decodeLine(line);
    if (record === undefined) {
      firstBad ??= lineNumber;
    } else if (firstBad !== undefined) {
      throw new MailboxError('store_corrupt', `corrupt index record at ${file}:${firstBad}`, {
        file,
        line: firstBad,
      });
    } else {
      records.push(record);
      validBytes = Buffer.byteLength(text.slice(0, next));
    }
    offset = next;
  }
  return { records, validBytes };
}
