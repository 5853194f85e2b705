import type { ExportFile, ExportFileOp } from './schema.js';

type ChangeOp = Exclude<ExportFileOp, 'read'>;

/** Files read and changed, in first-seen order, with changes summed per path. */
export class FileTally {
  readonly #files = new Map<string, { op: ExportFileOp; added: number; removed: number }>();

  /** Records a read; a file already changed stays changed. */
  read(path: string): void {
    if (!this.#files.has(path)) this.#files.set(path, { op: 'read', added: 0, removed: 0 });
  }

  /** Adds a change; the net operation follows git's view (create then delete is a delete). */
  change(path: string, op: ChangeOp, added: number, removed: number): void {
    const cur = this.#files.get(path);
    if (!cur || cur.op === 'read') {
      this.#files.set(path, { op, added, removed });
      return;
    }
    cur.added += added;
    cur.removed += removed;
    if (cur.op === 'create' && op === 'delete') cur.op = 'delete';
    else if (cur.op !== 'create') cur.op = op === 'create' ? 'modify' : op;
  }

  /** Paths only read. */
  get readCount(): number {
    let n = 0;
    for (const f of this.#files.values()) if (f.op === 'read') n++;
    return n;
  }

  /** Paths changed. */
  get changedCount(): number {
    return this.#files.size - this.readCount;
  }

  /** Lines added and removed over every change. */
  get lines(): { added: number; removed: number } {
    let added = 0;
    let removed = 0;
    for (const f of this.#files.values()) {
      added += f.added;
      removed += f.removed;
    }
    return { added, removed };
  }

  /** Changed files first (in first-seen order), then files only read. */
  list(clean: (path: string) => string): ExportFile[] {
    const all = [...this.#files].map(([path, f]) => ({ path: clean(path), ...f }));
    return [...all.filter((f) => f.op !== 'read'), ...all.filter((f) => f.op === 'read')];
  }
}
