/**
 * Maps indices of a derived text back to its parent, one entry per run rather than per
 * character: a run is either copied (`abc` → `abc`, index for index) or an escape (`\n` → a
 * line break, each derived character standing for the whole parent run).
 */
export class SegmentMap {
  private readonly derived: number[] = [];
  private readonly derivedLength: number[] = [];
  private readonly parent: number[] = [];
  private readonly parentLength: number[] = [];

  /** Records that derived `[d, d + dLen)` comes from parent `[p, p + pLen)`. */
  add(d: number, dLen: number, p: number, pLen: number): void {
    if (dLen > 0) {
      this.derived.push(d);
      this.derivedLength.push(dLen);
      this.parent.push(p);
      this.parentLength.push(pLen);
    }
  }

  private find(i: number): number {
    const { derived } = this;
    let lo = 0;
    let hi = derived.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (derived[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Parent index of the first code unit behind derived character `i`. */
  start(i: number): number {
    const k = this.find(i);
    const copied = this.derivedLength[k] === this.parentLength[k];
    return this.parent[k]! + (copied ? i - this.derived[k]! : 0);
  }

  /** Parent index after the last code unit behind derived character `i`. */
  end(i: number): number {
    const k = this.find(i);
    const copied = this.derivedLength[k] === this.parentLength[k];
    return copied
      ? this.parent[k]! + (i - this.derived[k]!) + 1
      : this.parent[k]! + this.parentLength[k]!;
  }
}
