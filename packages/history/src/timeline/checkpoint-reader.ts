import type { Recorded } from '../blame/state.js';
import { readObjects, resolveObjects } from '../read/objects.js';
import { parsePlaceholder } from '../snapshot/large.js';
import { findPrivateRepo, type PrivateRepo } from '../snapshot/repo.js';

/** Git's id of the empty blob. */
const EMPTY = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';

/**
 * What one file held at each of many checkpoints of its tree. One git process resolves
 * `<checkpoint>:<path>` for all of them; a blob is read only if blame finds the file's
 * known state differs from it (its git id tells without reading), which is rare: most
 * checkpoints hold exactly what the recorded edits left.
 */
export class CheckpointReader {
  readonly #repo: PrivateRepo | undefined;
  /** Checkpoints present in this machine's private repository. */
  readonly #present = new Set<string>();
  /** Checkpoint → the file's git blob id there (null: absent). */
  readonly #blob = new Map<string, string | null>();
  readonly #text = new Map<string, string | undefined>();

  constructor(checkpointsDir: string, root: string) {
    this.#repo = findPrivateRepo(checkpointsDir, root);
  }

  /** Finds what `rel` is at each checkpoint. */
  load(checkpoints: readonly string[], rel: string): void {
    const repo = this.#repo;
    const ids = [...new Set(checkpoints)].filter((id) => /^[0-9a-f]{7,64}$/.test(id));
    if (!repo || ids.length === 0) return;
    const infos = resolveObjects(
      repo.target,
      ids.flatMap((id) => [`${id}^{commit}`, `${id}:${rel}`]),
    );
    ids.forEach((id, k) => {
      if (!infos[2 * k]) return;
      this.#present.add(id);
      const file = infos[2 * k + 1];
      this.#blob.set(id, file && file.type === 'blob' ? file.oid : null);
    });
  }

  /** True when the checkpoint exists in this machine's private repository. */
  has(id: string): boolean {
    return this.#present.has(id);
  }

  /**
   * The file at a checkpoint, read lazily: null when absent there, undefined when the
   * checkpoint is unknown here. Reading yields undefined for a file recorded by hash only.
   */
  content(id: string): Recorded | null | undefined {
    const oid = this.#blob.get(id);
    if (oid === undefined || oid === null) return oid;
    return { key: `git:${oid}`, read: () => this.#read(oid) };
  }

  #read(oid: string): string | undefined {
    if (oid === EMPTY) return '';
    if (!this.#text.has(oid)) {
      const bytes = this.#repo ? readObjects(this.#repo.target, [oid]).get(oid) : undefined;
      this.#text.set(oid, bytes && !parsePlaceholder(bytes) ? bytes.toString('utf8') : undefined);
    }
    return this.#text.get(oid);
  }
}
