/**
 * An Aho–Corasick automaton over case-folded ASCII: one pass over a text reports every
 * occurrence of every pattern, overlapping ones included. Measured about 2.5× faster than an
 * equivalent alternation regex on transcript text, which matters because it reads every byte.
 *
 * Its input classes are the characters the patterns use (ASCII letters folded to lower case)
 * plus class 0 for every other code unit, which no pattern can continue: a table of ~40
 * columns instead of 129 builds three times faster, and every read command that redacts
 * builds one.
 */
export class Automaton {
  /** Code unit → input class. */
  private readonly classOf = new Uint8Array(65536);
  /** Next state, premultiplied by the number of classes, for state × class. */
  private readonly next: Int32Array;
  /** Patterns ending at each state (premultiplied index), or undefined. */
  private readonly ends: (readonly number[] | undefined)[];

  /** Builds the automaton; patterns must be ASCII. */
  constructor(readonly patterns: readonly string[]) {
    const { classOf } = this;
    let width = 1;
    const fold = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
    for (const p of patterns)
      for (let i = 0; i < p.length; i++) {
        const f = fold(p.charCodeAt(i));
        if (classOf[f] !== 0) continue;
        classOf[f] = width;
        if (f >= 97 && f <= 122) classOf[f - 32] = width;
        width++;
      }
    const goto: Map<number, number>[] = [new Map<number, number>()];
    const out: number[][] = [[]];
    patterns.forEach((p, pi) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = classOf[p.charCodeAt(i)]!;
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
    // Transitions premultiplied by width, built breadth-first: a state's row starts as a copy
    // of its failure state's row (shallower, so complete), then its own edges overwrite that.
    const next = new Int32Array(goto.length * width);
    const fail = new Int32Array(goto.length); // premultiplied too
    const queue: number[] = [];
    for (const [c, n] of goto[0]!) {
      next[c] = n * width;
      queue.push(n);
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      const row = s * width;
      next.copyWithin(row, fail[s]!, fail[s]! + width);
      for (const [c, n] of goto[s]!) {
        fail[n] = next[fail[s]! + c]!;
        out[n] = out[n]!.concat(out[fail[n] / width]!);
        next[row + c] = n * width;
        queue.push(n);
      }
    }
    this.next = next;
    this.ends = new Array<readonly number[] | undefined>(goto.length * width);
    out.forEach((o, s) => {
      if (o.length) this.ends[s * width] = o;
    });
  }

  /** Calls `found(pattern, start)` for every occurrence, in order of the end position. */
  scan(text: string, found: (pattern: number, start: number) => void): void {
    const { classOf, next, ends, patterns } = this;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      s = next[s + classOf[text.charCodeAt(i)]!]!;
      const o = ends[s];
      if (o !== undefined) for (const p of o) found(p, i + 1 - patterns[p]!.length);
    }
  }
}
