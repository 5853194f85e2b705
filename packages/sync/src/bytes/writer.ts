const encoder = new TextEncoder();

/** Appends big-endian integers, length-prefixed strings and byte strings to a growing buffer. */
export class ByteWriter {
  #buf: Uint8Array;
  #view: DataView;
  #at = 0;

  constructor(initial = 1024) {
    this.#buf = new Uint8Array(initial);
    this.#view = new DataView(this.#buf.buffer);
  }

  #room(n: number): void {
    if (this.#at + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#at));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  /** One byte. */
  u8(n: number): this {
    this.#room(1);
    this.#view.setUint8(this.#at, n);
    this.#at += 1;
    return this;
  }

  /** Two bytes, big-endian. */
  u16(n: number): this {
    this.#room(2);
    this.#view.setUint16(this.#at, n);
    this.#at += 2;
    return this;
  }

  /** Four bytes, big-endian. */
  u32(n: number): this {
    this.#room(4);
    this.#view.setUint32(this.#at, n);
    this.#at += 4;
    return this;
  }

  /** Eight bytes, big-endian (a safe integer). */
  u64(n: number): this {
    this.#room(8);
    this.#view.setBigUint64(this.#at, BigInt(n));
    this.#at += 8;
    return this;
  }

  /** Raw bytes, no length. */
  raw(bytes: Uint8Array): this {
    this.#room(bytes.length);
    this.#buf.set(bytes, this.#at);
    this.#at += bytes.length;
    return this;
  }

  /** A byte string with a u32 length prefix. */
  bytes(bytes: Uint8Array): this {
    return this.u32(bytes.length).raw(bytes);
  }

  /** A UTF-8 string with a u16 byte-length prefix. */
  str(text: string): this {
    const bytes = encoder.encode(text);
    if (bytes.length > 0xffff) throw new RangeError('string too long for the wire format');
    return this.u16(bytes.length).raw(bytes);
  }

  /** The bytes written (a copy). */
  finish(): Uint8Array {
    return this.#buf.slice(0, this.#at);
  }
}
