import { readObjects, resolveObjects } from '../read/objects.js';
import { parsePlaceholder } from '../snapshot/large.js';
import { findPrivateRepo, type PrivateRepo } from '../snapshot/repo.js';

/**
 * What one file held at each of many checkpoints of its tree, read with two git processes
 * whatever their number: one resolves `<checkpoint>:<path>` for all, one reads the
 * distinct blobs.
 */
export class CheckpointReader {
  readonly #repo: PrivateRepo | undefined;
  /** Checkpoints present in this machine's private repository. */
  readonly #present = new Set<string>();
  /** Checkpoint → the file's text there (null: absent). Missing: unknown or too large. */
  readonly #content = new Map<string, string | null>();

  constructor(checkpointsDir: string, root: string) {
    this.#repo = findPrivateRepo(checkpointsDir, root);
  }

  /** Reads what `rel` held at each checkpoint. */
  load(checkpoints: readonly string[], rel: string): void {
    const repo = this.#repo;
    const ids = [...new Set(checkpoints)].filter((id) => /^[0-9a-f]{7,64}$/.test(id));
    if (!repo || ids.length === 0) return;
    const infos = resolveObjects(
      repo.target,
      ids.flatMap((id) => [`${id}^{commit}`, `${id}:${rel}`]),
    );
    const blobOf = new Map<string, string>();
    ids.forEach((id, k) => {
      if (!infos[2 * k]) return;
      this.#present.add(id);
      const file = infos[2 * k + 1];
      if (!file || file.type !== 'blob') this.#content.set(id, null);
      else blobOf.set(id, file.oid);
    });
    const blobs = readObjects(repo.target, [...blobOf.values()]);
    for (const [id, oid] of blobOf) {
      const bytes = blobs.get(oid);
      if (bytes && !parsePlaceholder(bytes)) this.#content.set(id, bytes.toString('utf8'));
    }
  }

  /** True when the checkpoint exists in this machine's private repository. */
  has(id: string): boolean {
    return this.#present.has(id);
  }

  /** The file's text at a checkpoint: null when absent, undefined when unknown. */
  content(id: string): string | null | undefined {
    return this.#content.get(id);
  }
}
