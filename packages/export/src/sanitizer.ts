import { TrailError } from '@trail/model';
import { truncate, type Redactor } from '@trail/redact';
import type { SessionExport } from './schema.js';

// Exports built by `Sanitizer.seal`: renderers accept nothing else, so an export can only be
// rendered from an object that went through the redactor as a whole.
const sealed = new WeakSet<object>();

const PLACEHOLDER = /\[REDACTED:([a-z0-9][a-z0-9-]*)\]|\[USER\]/g;

/** True when `value` has the shape of a `Redactor` (checked at run time too). */
function isRedactor(value: unknown): value is Redactor {
  const r = value as Partial<Redactor> | null | undefined;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.redact === 'function' &&
    typeof r.redactValue === 'function' &&
    typeof r.scan === 'function'
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The boundary every string of an export crosses: text is redacted and only then cut to a
 * policy limit (a secret cut in half would no longer match its pattern), and the finished
 * export is redacted once more as a whole before it is sealed, so a field added later that
 * forgets to call {@link Sanitizer.text} still cannot carry a secret out.
 */
export class Sanitizer {
  readonly #redactor: Redactor;

  constructor(redactor: Redactor) {
    if (!isRedactor(redactor)) {
      throw new TrailError(
        'EXPORT_NO_REDACTOR',
        'an export needs a redactor (createRedactor() from @trail/redact); none was given',
      );
    }
    this.#redactor = redactor;
  }

  /** `text` redacted, then cut to `max` characters (marker included) when a limit is given. */
  text(text: string, max?: number): string {
    const clean = this.#redactor.redact(text);
    return max === undefined ? clean : truncate(clean, max);
  }

  /** Redacts the whole draft, counts its placeholders, freezes it and marks it as sealed. */
  seal(draft: Omit<SessionExport, 'redactions'>): SessionExport {
    return this.sealValue(draft);
  }

  /** {@link seal} for any shape that leaves: redacted whole, `redactions` counted, frozen. */
  sealValue<T extends object>(
    draft: T,
  ): T & { readonly redactions: Readonly<Record<string, number>> } {
    const clean = this.#redactor.redactValue(draft);
    const out = { ...clean, redactions: countPlaceholders(clean) };
    deepFreeze(out);
    sealed.add(out);
    return out;
  }
}

/** Placeholders in every string of `value`, by kind (`[USER]` counts as `user-name`). */
export function countPlaceholders(value: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(PLACEHOLDER)) {
        const kind = m[1] ?? 'user-name';
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** True when `value` is an export sealed by a {@link Sanitizer}. */
export function isSealedExport(value: unknown): value is SessionExport {
  return isSealed(value);
}

/** True when `value` was sealed by a {@link Sanitizer} (an export or a PR summary). */
export function isSealed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && sealed.has(value);
}

/** Throws `EXPORT_NOT_SEALED` unless `value` came out of `buildSessionExport`. */
export function assertSealed(value: unknown): asserts value is SessionExport {
  if (!isSealedExport(value)) {
    throw new TrailError(
      'EXPORT_NOT_SEALED',
      'only an export built by buildSessionExport (which applies the redactor) can be rendered',
    );
  }
}
