import { asBlobHash, type BlobHash, type BlobRef, type BlobType } from '@trail/model';
import type { BlobStore } from '@trail/store';
import { replaceInText, type Matcher } from './matcher.js';

/** A blob that held the secret and the blob that replaces it. */
export interface ReplacedBlob {
  readonly old: string;
  /** The rewritten copy (every match replaced), or null when the blob could not be read. */
  readonly new: string | null;
  readonly type: string;
}

/** What {@link purgeSession} needs of a blob rewriter. */
export interface BlobCheck {
  /** The reference that replaces `ref`, or undefined when it stays. */
  check(ref: BlobRef): BlobRef | undefined;
  /** Blobs found holding the secret so far. */
  readonly replaced: readonly ReplacedBlob[];
}

/**
 * Decides, once per blob, whether it holds what is purged, and writes its rewritten copy (the
 * same content with every match replaced, so the session keeps its text). Old blobs are only
 * deleted at the end ({@link BlobRewriter.deleteReplaced}), after every document points away.
 */
export class BlobRewriter implements BlobCheck {
  readonly #seen = new Map<string, BlobRef | null>();
  readonly #replaced = new Map<string, ReplacedBlob>();

  constructor(
    private readonly blobs: BlobStore,
    private readonly matcher: Matcher,
    private readonly dryRun: boolean,
  ) {}

  /** The reference that replaces `ref`, or undefined when `ref` is clean (or already gone). */
  check(given: BlobRef): BlobRef | undefined {
    // references read from a live document hold immutable strings, not strings
    const ref: BlobRef = {
      hash: asBlobHash(String(given.hash)),
      size: Number(given.size),
      type: String(given.type) as BlobType,
    };
    if (this.#seen.has(ref.hash)) return this.#seen.get(ref.hash) ?? undefined;
    let text: string;
    try {
      text = this.blobs.getText(ref.hash);
    } catch {
      this.#seen.set(ref.hash, null);
      return undefined;
    }
    if (!this.matcher.test(text)) {
      this.#seen.set(ref.hash, null);
      return undefined;
    }
    const clean = replaceInText(text, this.matcher, ref.type === 'json');
    const next: BlobRef = this.dryRun
      ? { hash: asBlobHash('0'.repeat(64)), size: Buffer.byteLength(clean), type: ref.type }
      : this.blobs.put(clean, ref.type);
    this.#seen.set(ref.hash, next);
    this.#replaced.set(ref.hash, {
      old: ref.hash,
      new: this.dryRun ? null : next.hash,
      type: ref.type,
    });
    return next;
  }

  /** Checks a blob known only by its hash (an orphan found by listing the store). */
  checkHash(hash: BlobHash): void {
    if (!this.#seen.has(hash)) this.check({ hash, size: 0, type: 'text' });
  }

  /**
   * A view that only re-points references at blobs this rewriter already replaced, for
   * sessions outside a purge's scope that share a blob with one inside it.
   */
  lookupOnly(): BlobCheck {
    return {
      check: (ref) => {
        const next = this.#seen.get(String(ref.hash));
        return next ?? undefined;
      },
      replaced: [],
    };
  }

  /** Every blob found holding the secret so far. */
  get replaced(): ReplacedBlob[] {
    return [...this.#replaced.values()];
  }

  /** Deletes every blob that held the secret; returns their hashes. */
  deleteReplaced(): string[] {
    const gone: string[] = [];
    for (const b of this.#replaced.values()) {
      if (!this.dryRun) this.blobs.delete(asBlobHash(b.old));
      gone.push(b.old);
    }
    return gone;
  }
}
