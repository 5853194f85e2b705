import type {
  SecretLintSourceCode,
  SecretLintSourceNodeLocation,
  SecretLintSourceNodePosition,
  SecretLintSourceNodeRange,
} from '@secretlint/types';

/** A minimal in-memory `SecretLintSourceCode`: text only, no file, line table built on demand. */
export class TextSource implements SecretLintSourceCode {
  readonly hasBOM = false;
  readonly filePath = undefined;
  readonly physicalFilePath = undefined;
  readonly contentType = 'text' as const;
  readonly ext = '';
  private lineStarts: number[] | undefined;

  constructor(readonly content: string) {}

  getFilePath(): undefined {
    return undefined;
  }

  getPhysicalFilePath(): undefined {
    return undefined;
  }

  private lines(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.content.indexOf('\n'); i !== -1; i = this.content.indexOf('\n', i + 1))
        starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  indexToPosition(index: number): SecretLintSourceNodePosition {
    const starts = this.lines();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - starts[lo]! };
  }

  positionToIndex(pos: SecretLintSourceNodePosition): number {
    const starts = this.lines();
    const start = starts[Math.min(Math.max(pos.line - 1, 0), starts.length - 1)]!;
    return Math.min(start + pos.column, this.content.length);
  }

  rangeToLocation(range: SecretLintSourceNodeRange): SecretLintSourceNodeLocation {
    return { start: this.indexToPosition(range[0]), end: this.indexToPosition(range[1]) };
  }

  locationToRange(loc: SecretLintSourceNodeLocation): SecretLintSourceNodeRange {
    return [this.positionToIndex(loc.start), this.positionToIndex(loc.end)];
  }
}
