const decoder = new TextDecoder('utf-8', { fatal: true });

/** Thrown by {@link ByteReader} on any malformed input; callers turn it into their own error. */
export class MalformedInput extends Error {
  override readonly name = 'MalformedInput';
}

/**
 * Reads what {@link ByteWriter} wrote, strictly: every read is bounds-checked, lengths are
 * capped by the caller, strings must be valid UTF-8, and `end()` refuses trailing bytes.
 */
export class ByteReader {
  readonly #buf: Uint8Array;
  readonly #view: DataView;
  #at = 0;

  constructor(bytes: Uint8Array) {
    this.#buf = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  #need(n: number, what: string): void {
    if (this.#at + n > this.#buf.length) throw new MalformedInput(`truncated at ${what}`);
  }

  /** One byte. */
  u8(what: string): number {
    this.#need(1, what);
    return this.#view.getUint8(this.#at++);
  }

  /** Two bytes, big-endian. */
  u16(what: string): number {
    this.#need(2, what);
    const n = this.#view.getUint16(this.#at);
    this.#at += 2;
    return n;
  }

  /** Four bytes, big-endian. */
  u32(what: string): number {
    this.#need(4, what);
    const n = this.#view.getUint32(this.#at);
    this.#at += 4;
    return n;
  }

  /** Eight bytes, big-endian; must be a safe integer. */
  u64(what: string): number {
    this.#need(8, what);
    const n = this.#view.getBigUint64(this.#at);
    this.#at += 8;
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedInput(`${what} out of range`);
    return Number(n);
  }

  /** `n` raw bytes (a copy). */
  raw(n: number, what: string): Uint8Array {
    this.#need(n, what);
    const out = this.#buf.slice(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }

  /** A u32-length byte string of at most `max` bytes (a copy). */
  bytes(what: string, max: number): Uint8Array {
    const n = this.u32(what);
    if (n > max) throw new MalformedInput(`${what} too long`);
    return this.raw(n, what);
  }

  /** A u16-length UTF-8 string of at most `max` bytes matching `pattern` when given. */
  str(what: string, max = 0xffff, pattern?: RegExp): string {
    const n = this.u16(what);
    if (n > max) throw new MalformedInput(`${what} too long`);
    this.#need(n, what);
    let text: string;
    try {
      text = decoder.decode(this.#buf.subarray(this.#at, this.#at + n));
    } catch {
      throw new MalformedInput(`${what} is not UTF-8`);
    }
    this.#at += n;
    if (pattern !== undefined && !pattern.test(text))
      throw new MalformedInput(`${what} is invalid`);
    return text;
  }

  /** A count of at most `max` items. */
  count(what: string, max: number): number {
    const n = this.u32(what);
    if (n > max) throw new MalformedInput(`too many ${what}`);
    return n;
  }

  /** Throws unless every byte was read. */
  end(): void {
    if (this.#at !== this.#buf.length) throw new MalformedInput('trailing bytes');
  }
}
