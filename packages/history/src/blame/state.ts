import { createHash } from 'node:crypto';
import type { LineAttr } from './origin.js';
import { splitLines } from './text.js';

/**
 * Content a step recorded, read only when needed. Equal keys mean equal content: a blob
 * id (`blob:<hash>`) or a git object id (`git:<oid>`), which can be checked against a text
 * without reading anything.
 */
export interface Recorded {
  key?: string;
  /** The content: null for a file that did not exist, undefined when it cannot be read. */
  read(): string | null | undefined;
}

/** Content given directly, or recorded and read lazily. */
export type Source = string | null | Recorded;

/** Reads a source (once per Recorded, by the caller's caching). */
export function readSource(s: Source): string | null | undefined {
  return s === null || typeof s === 'string' ? s : s.read();
}

/** The file as the steps so far leave it, line by line with each line's attribution. */
export class FileState {
  /** Undefined until some step told what the file holds. */
  #lines: string[] | undefined;
  #text: string | undefined;
  #keys = new Set<string>();
  attrs: LineAttr[] = [];
  /** True once the file existed in some checkpoint or some recorded change touched it. */
  seen = false;

  get known(): boolean {
    return this.#lines !== undefined;
  }

  /** The whole text (joined once per change). */
  text(): string {
    return (this.#text ??= (this.#lines ?? []).join(''));
  }

  /** Replaces the content (taking ownership of a lines array). `keys` name content known to equal it. */
  set(
    text: string | string[],
    attrs: LineAttr[],
    keys: readonly (string | undefined)[] = [],
  ): void {
    this.#lines = typeof text === 'string' ? splitLines(text) : text;
    this.#text = typeof text === 'string' ? text : undefined;
    this.attrs = attrs;
    this.#keys = new Set(keys.filter((k): k is string => k !== undefined));
  }

  /**
   * Edits the lines in place (the state owns its arrays); `edit` returns false, having
   * changed nothing, when it does not apply. The new content is known by `key`.
   */
  edit(fn: (lines: string[], attrs: LineAttr[]) => boolean, key: string | undefined): boolean {
    if (!this.#lines || !fn(this.#lines, this.attrs)) return false;
    this.#text = undefined;
    this.#keys = new Set(key === undefined ? [] : [key]);
    return true;
  }

  /** Notes that the current content is also known by `key`. */
  addKey(key: string | undefined): void {
    if (key !== undefined) this.#keys.add(key);
  }

  /**
   * True when a source is known to hold exactly the current content without reading it:
   * by a key seen before, or by computing the git object id of the current text.
   */
  matchesKey(s: Source): boolean {
    if (s === null || typeof s === 'string' || s.key === undefined) return false;
    if (this.#keys.has(s.key)) return true;
    if (!s.key.startsWith('git:') || this.#lines === undefined) return false;
    const text = this.text();
    const oid = createHash('sha1')
      .update(`blob ${Buffer.byteLength(text, 'utf8')}\0`)
      .update(text, 'utf8')
      .digest('hex');
    this.#keys.add(`git:${oid}`);
    return s.key === `git:${oid}`;
  }
}
