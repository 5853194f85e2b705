import { ID_LENGTHS, isIdByte, type IdKind } from './ids.js';
import { ProtocolError } from './protocol-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function malformed(field: string, reason: string): ProtocolError {
  return new ProtocolError('malformed_frame', `${field}: ${reason}`, { field });
}

/**
 * Reads big-endian fields from an untrusted frame. Every read checks bounds first, so a
 * hostile frame can only ever produce a ProtocolError `malformed_frame`, never a RangeError
 * or an oversized allocation. Byte fields are views into the input, not copies.
 */
export class Reader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  #pos: number;

  constructor(bytes: Uint8Array, start = 0) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#pos = start;
  }

  #need(field: string, count: number): void {
    if (count > this.#bytes.length - this.#pos) throw malformed(field, 'truncated');
  }

  /** Reads one byte. */
  u8(field: string): number {
    this.#need(field, 1);
    return this.#view.getUint8(this.#pos++);
  }

  /** Reads a byte that must be 0 or 1. */
  bool(field: string): boolean {
    const value = this.u8(field);
    if (value > 1) throw malformed(field, 'must be 0 or 1');
    return value === 1;
  }

  /** Reads a 16-bit unsigned integer. */
  u16(field: string): number {
    this.#need(field, 2);
    const value = this.#view.getUint16(this.#pos);
    this.#pos += 2;
    return value;
  }

  /** Reads a 32-bit unsigned integer. */
  u32(field: string): number {
    this.#need(field, 4);
    const value = this.#view.getUint32(this.#pos);
    this.#pos += 4;
    return value;
  }

  /** Reads a 64-bit unsigned integer that must fit in a safe JavaScript integer. */
  u53(field: string): number {
    this.#need(field, 8);
    const high = this.#view.getUint32(this.#pos);
    const low = this.#view.getUint32(this.#pos + 4);
    if (high > 0x1fffff) throw malformed(field, 'exceeds 2^53-1');
    this.#pos += 8;
    return high * 2 ** 32 + low;
  }

  /** Reads exactly `length` bytes. */
  fixed(field: string, length: number): Uint8Array {
    this.#need(field, length);
    const value = this.#bytes.subarray(this.#pos, this.#pos + length);
    this.#pos += length;
    return value;
  }

  /** Reads an identifier of the given kind, checking its length and alphabet. */
  id<T extends string>(kind: IdKind): T {
    const length = this.u8(kind);
    const { min, max } = ID_LENGTHS[kind];
    if (length < min || length > max)
      throw malformed(kind, `length ${length} not in ${min}..${max}`);
    this.#need(kind, length);
    let value = '';
    for (let i = 0; i < length; i++) {
      const byte = this.#bytes[this.#pos + i]!;
      if (!isIdByte(kind, byte)) throw malformed(kind, 'character outside its alphabet');
      value += String.fromCharCode(byte);
    }
    this.#pos += length;
    return value as T;
  }

  /** Reads UTF-8 text with a 16-bit length prefix, at most `maxBytes` bytes, strictly valid. */
  text(field: string, maxBytes: number): string {
    const length = this.u16(field);
    if (length > maxBytes) throw malformed(field, `longer than ${maxBytes} bytes`);
    const bytes = this.fixed(field, length);
    try {
      return utf8.decode(bytes);
    } catch {
      throw malformed(field, 'invalid UTF-8');
    }
  }

  /** Reads a byte string with a 32-bit length prefix (bounded by what remains). */
  blob(field: string): Uint8Array {
    const length = this.u32(field);
    return this.fixed(field, length);
  }

  /** Reads a count that must not exceed `max`, nor the items that could possibly remain. */
  count(field: string, max: number, minItemBytes: number, width: 2 | 4 = 2): number {
    const value = width === 2 ? this.u16(field) : this.u32(field);
    if (value > max) throw malformed(field, `count ${value} exceeds ${max}`);
    if (value * minItemBytes > this.#bytes.length - this.#pos) throw malformed(field, 'truncated');
    return value;
  }

  /** Asserts the whole frame was consumed: trailing bytes are an error, not padding. */
  end(): void {
    if (this.#pos !== this.#bytes.length) {
      throw malformed('frame', `${this.#bytes.length - this.#pos} unexpected trailing bytes`);
    }
  }
}
