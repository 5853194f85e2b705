/**
 * Regroups a byte stream into fixed-size blocks, holding back each full block until more data
 * shows it is not the last one. Blocks are views of one reused buffer: use each before the
 * generator resumes.
 */
export class Rechunker {
  readonly #block: Uint8Array;
  #fill = 0;
  #used = 0;

  constructor(size: number) {
    this.#block = new Uint8Array(size);
  }

  /** Adds bytes (copied), yielding every full block that more data now follows. */
  *feed(data: Uint8Array): Generator<Uint8Array, void, undefined> {
    let offset = 0;
    while (offset < data.length) {
      if (this.#fill === this.#block.length) {
        yield this.#block;
        this.#fill = 0;
      }
      const n = Math.min(this.#block.length - this.#fill, data.length - offset);
      this.#block.set(data.subarray(offset, offset + n), this.#fill);
      this.#fill += n;
      this.#used = Math.max(this.#used, this.#fill);
      offset += n;
    }
  }

  /** The held-back last block (0 to size bytes), a view of the reused buffer. */
  rest(): Uint8Array {
    return this.#block.subarray(0, this.#fill);
  }

  /** Zeroes every byte the buffer ever held, once the stream is done. */
  wipe(): void {
    this.#block.fill(0, 0, this.#used);
  }
}
