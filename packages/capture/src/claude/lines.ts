import { createReadStream, readFileSync, statSync } from 'node:fs';

/** One line of a file, without its terminator. */
export interface FileLine {
  line: string;
  /** 1-based line number. */
  no: number;
  /** Bytes the line took in the file, terminator included. */
  bytes: number;
}

const NL = 0x0a;
const CR = 0x0d;

/** Files up to this size are read in one synchronous call instead of streamed. */
const WHOLE_FILE_MAX = 4 * 1024 * 1024;

/**
 * Streams the lines of a file: a 64 KiB read buffer and a manual newline splitter, so a
 * 200 MB history is never held whole and a single 50 MB line is joined once from its
 * chunks. `\n` and `\r\n` both end a line; a last line without a terminator is yielded
 * too. Invalid UTF-8 becomes U+FFFD (the parser reports it), never an exception.
 */
export async function* readLines(
  file: string,
  opts: { highWaterMark?: number } = {},
): AsyncGenerator<FileLine> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  // Most transcripts are small: one read, no stream (an import of 10,000 files spent more
  // time waiting for stream reads than parsing). Lines are cut exactly as below.
  if (opts.highWaterMark === undefined && statSync(file).size <= WHOLE_FILE_MAX) {
    yield* splitLines(readFileSync(file), decoder);
    return;
  }
  const stream = createReadStream(file, { highWaterMark: opts.highWaterMark ?? 64 * 1024 });
  let parts: Buffer[] = [];
  let partBytes = 0;
  let no = 0;
  const take = (tail: Buffer | undefined): FileLine => {
    if (tail && tail.length > 0) {
      parts.push(tail);
      partBytes += tail.length;
    }
    const whole = parts.length === 1 ? parts[0]! : Buffer.concat(parts, partBytes);
    const bytes = partBytes + 1;
    parts = [];
    partBytes = 0;
    no++;
    return { line: decodeLine(whole, decoder), no, bytes };
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let i = chunk.indexOf(NL); i !== -1; i = chunk.indexOf(NL, start)) {
      yield take(chunk.subarray(start, i));
      start = i + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      parts.push(rest);
      partBytes += rest.length;
    }
  }
  if (partBytes > 0) {
    const last = take(undefined);
    last.bytes--;
    yield last;
  }
}

/** The lines of a whole file's bytes, cut and decoded as {@link readLines} cuts a stream. */
function* splitLines(buf: Buffer, decoder: InstanceType<typeof TextDecoder>): Generator<FileLine> {
  let no = 0;
  let start = 0;
  const line = (from: number, to: number, bytes: number): FileLine => {
    no++;
    return { line: decodeLine(buf.subarray(from, to), decoder), no, bytes };
  };
  for (let i = buf.indexOf(NL); i !== -1; i = buf.indexOf(NL, start)) {
    yield line(start, i, i - start + 1);
    start = i + 1;
  }
  if (start < buf.length) yield line(start, buf.length, buf.length - start);
}

/** A line's bytes (its `\n` already cut) as text: a `\r` before the cut is dropped too. */
function decodeLine(bytes: Buffer, decoder: InstanceType<typeof TextDecoder>): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
  return decoder.decode(bytes.subarray(0, end));
}
