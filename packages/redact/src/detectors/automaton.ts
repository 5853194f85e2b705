const ALPHABET = 129; // folded ASCII, plus one class for every other code unit
const OTHER = 128;

// code unit → input class: ASCII letters folded to lower case, everything non-ASCII one class
const CLASS = new Uint8Array(65536).fill(OTHER);
for (let c = 0; c < 128; c++) CLASS[c] = c >= 65 && c <= 90 ? c + 32 : c;

/**
 * An Aho–Corasick automaton over case-folded ASCII: one pass over a text reports every
 * occurrence of every pattern, overlapping ones included. Measured about 2.5× faster than an
 * equivalent alternation regex on transcript text, which matters because it reads every byte.
 */
export class Automaton {
  /** Next state, premultiplied by ALPHABET, for state × class. */
  private readonly next: Int32Array;
  /** Patterns ending at each state (premultiplied index), or undefined. */
  private readonly ends: (readonly number[] | undefined)[];

  /** Builds the automaton; patterns must be ASCII. */
  constructor(readonly patterns: readonly string[]) {
    const goto: Map<number, number>[] = [new Map<number, number>()];
    const out: number[][] = [[]];
    patterns.forEach((p, pi) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = CLASS[p.charCodeAt(i)]!;
        let n = goto[s]!.get(c);
        if (n === undefined) {
          n = goto.length;
          goto.push(new Map<number, number>());
          out.push([]);
          goto[s]!.set(c, n);
        }
        s = n;
      }
      out[s]!.push(pi);
    });
    // Transitions premultiplied by ALPHABET, built breadth-first: a state's row starts as a
    // copy of its failure state's row (shallower, so complete), then its own edges overwrite
    // that. Built per edge rather than per state × class, since every read command that
    // redacts builds this once (it took milliseconds).
    const next = new Int32Array(goto.length * ALPHABET);
    const fail = new Int32Array(goto.length); // premultiplied too
    const queue: number[] = [];
    for (const [c, n] of goto[0]!) {
      next[c] = n * ALPHABET;
      queue.push(n);
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      const row = s * ALPHABET;
      next.copyWithin(row, fail[s]!, fail[s]! + ALPHABET);
      for (const [c, n] of goto[s]!) {
        fail[n] = next[fail[s]! + c]!;
        out[n] = out[n]!.concat(out[fail[n] / ALPHABET]!);
        next[row + c] = n * ALPHABET;
        queue.push(n);
      }
    }
    this.next = next;
    this.ends = new Array<readonly number[] | undefined>(goto.length * ALPHABET);
    out.forEach((o, s) => {
      if (o.length) this.ends[s * ALPHABET] = o;
    });
  }

  /** Calls `found(pattern, start)` for every occurrence, in order of the end position. */
  scan(text: string, found: (pattern: number, start: number) => void): void {
    const { next, ends, patterns } = this;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      s = next[s + CLASS[text.charCodeAt(i)]!]!;
      const o = ends[s];
      if (o !== undefined) for (const p of o) found(p, i + 1 - patterns[p]!.length);
    }
  }
}
