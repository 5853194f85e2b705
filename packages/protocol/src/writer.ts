import { ID_LENGTHS, isValidId, type IdKind } from './ids.js';
import { ProtocolError } from './protocol-error.js';

const utf8 = new TextEncoder();

function invalid(field: string, reason: string): ProtocolError {
  return new ProtocolError('invalid_frame', `cannot encode ${field}: ${reason}`, { field });
}

function checkUint(field: string, value: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw invalid(field, `must be an integer in 0..${max}`);
  }
}

/**
 * Appends big-endian fields to a growing buffer. Every write validates its value, so an
 * encoder can never emit a frame its peer's strict decoder would reject.
 */
export class Writer {
  #buf: Uint8Array;
  #view: DataView;
  #pos = 0;

  constructor(capacity = 256) {
    this.#buf = new Uint8Array(capacity);
    this.#view = new DataView(this.#buf.buffer);
  }

  #ensure(extra: number): void {
    if (this.#pos + extra <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#pos + extra));
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  /** Writes one byte. */
  u8(field: string, value: number): this {
    checkUint(field, value, 0xff);
    this.#ensure(1);
    this.#view.setUint8(this.#pos, value);
    this.#pos += 1;
    return this;
  }

  /** Writes a 16-bit unsigned integer. */
  u16(field: string, value: number): this {
    checkUint(field, value, 0xffff);
    this.#ensure(2);
    this.#view.setUint16(this.#pos, value);
    this.#pos += 2;
    return this;
  }

  /** Writes a 32-bit unsigned integer. */
  u32(field: string, value: number): this {
    checkUint(field, value, 0xffffffff);
    this.#ensure(4);
    this.#view.setUint32(this.#pos, value);
    this.#pos += 4;
    return this;
  }

  /** Writes a non-negative safe integer as 64 bits (the top 11 bits are always zero). */
  u53(field: string, value: number): this {
    checkUint(field, value, Number.MAX_SAFE_INTEGER);
    this.#ensure(8);
    this.#view.setUint32(this.#pos, Math.floor(value / 2 ** 32));
    this.#view.setUint32(this.#pos + 4, value >>> 0);
    this.#pos += 8;
    return this;
  }

  /** Writes exactly `length` bytes with no length prefix. */
  fixed(field: string, bytes: Uint8Array, length: number): this {
    if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
      throw invalid(field, `must be exactly ${length} bytes`);
    }
    this.#ensure(length);
    this.#buf.set(bytes, this.#pos);
    this.#pos += length;
    return this;
  }

  /** Writes an identifier: one length byte, then its ASCII characters. */
  id(kind: IdKind, value: string): this {
    if (typeof value !== 'string' || !isValidId(kind, value)) {
      const { min, max } = ID_LENGTHS[kind];
      throw invalid(kind, `must be ${min}-${max} characters of its alphabet`);
    }
    this.#ensure(1 + value.length);
    this.#buf[this.#pos++] = value.length;
    for (let i = 0; i < value.length; i++) this.#buf[this.#pos++] = value.charCodeAt(i);
    return this;
  }

  /** Writes UTF-8 text with a 16-bit length prefix, at most `maxBytes` bytes. */
  text(field: string, value: string, maxBytes: number): this {
    const bytes = utf8.encode(value);
    if (bytes.length > maxBytes) throw invalid(field, `longer than ${maxBytes} bytes`);
    this.u16(field, bytes.length);
    this.#ensure(bytes.length);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.length;
    return this;
  }

  /** Writes a byte string with a 32-bit length prefix. */
  blob(field: string, bytes: Uint8Array): this {
    if (!(bytes instanceof Uint8Array)) throw invalid(field, 'must be a Uint8Array');
    this.u32(field, bytes.length);
    this.#ensure(bytes.length);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.length;
    return this;
  }

  /** The bytes written so far (a view, not a copy). */
  finish(): Uint8Array {
    return this.#buf.subarray(0, this.#pos);
  }
}
