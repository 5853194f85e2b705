import { TrailError } from '@trail/model';
import type { Redactor } from '@trail/redact';

/** What purge replaces a secret with when it has no kind of its own. */
export const PURGED = '[REDACTED:purged]';

/** Shortest `--secret` accepted: a shorter value would rewrite ordinary text everywhere. */
export const MIN_SECRET_LENGTH = 6;

/** What to remove: a test for "holds it" and the replacement of every occurrence. */
export interface Matcher {
  /** For people: `the given secret`, `/pattern/`, `secrets the redactor finds`. */
  readonly description: string;
  /** True when `text` holds what is purged. */
  test(text: string): boolean;
  /** `text` with every occurrence replaced by a placeholder. */
  replace(text: string): string;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Matches one secret value exactly, as it is and in its JSON-escaped form (how it sits inside
 * a tool input or a transcript line), and replaces it with `[REDACTED:<kind>]` (`purged` unless
 * a kind is given). Throws `PURGE_SECRET_TOO_SHORT` under six characters.
 */
export function secretMatcher(value: string, kind = 'purged'): Matcher {
  if (value.length < MIN_SECRET_LENGTH) {
    throw new TrailError(
      'PURGE_SECRET_TOO_SHORT',
      `a secret to purge must be at least ${MIN_SECRET_LENGTH} characters long (it would replace ordinary text everywhere); use --pattern for anything else`,
    );
  }
  const forms = [...new Set([value, JSON.stringify(value).slice(1, -1)])].sort(
    (a, b) => b.length - a.length,
  );
  const re = new RegExp(forms.map(escapeRegex).join('|'), 'g');
  return {
    description: 'the given secret',
    test: (text) => forms.some((f) => text.includes(f)),
    replace: (text) => text.replace(re, `[REDACTED:${kind}]`),
  };
}

/**
 * Matches a regular expression (`source` or `/source/flags`); throws `PURGE_BAD_PATTERN` when it
 * does not compile or matches the empty string.
 */
export function patternMatcher(pattern: string): Matcher {
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
  let re: RegExp;
  try {
    const flags = literal ? literal[2]!.replace(/[gy]/g, '') : '';
    re = new RegExp(literal ? literal[1]! : pattern, flags + 'g');
  } catch (e) {
    throw new TrailError(
      'PURGE_BAD_PATTERN',
      `--pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(e as Error).message}`,
    );
  }
  if (new RegExp(re.source, re.flags.replace('g', '')).test('')) {
    throw new TrailError(
      'PURGE_BAD_PATTERN',
      `--pattern ${JSON.stringify(pattern)} matches the empty string, so it would match everywhere`,
    );
  }
  return {
    description: `/${re.source}/${re.flags.replace('g', '')}`,
    test: (text) => {
      re.lastIndex = 0;
      const hit = re.test(text);
      re.lastIndex = 0;
      return hit;
    },
    replace: (text) => text.replace(re, PURGED),
  };
}

/** Matches what a redactor finds, and replaces it with the redactor's typed placeholders. */
export function redactorMatcher(redactor: Redactor): Matcher {
  return {
    description: 'secrets the redactor finds',
    test: (text) => redactor.scan(text).length > 0,
    replace: (text) => redactor.redact(text),
  };
}

/** Matches nothing: used to re-point a session at blobs another session's purge replaced. */
export const NOTHING: Matcher = {
  description: 'nothing',
  test: () => false,
  replace: (text) => text,
};

/** A copy of a JSON value with `replace` applied to every string and object key. */
export function replaceDeep(value: unknown, replace: (s: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, replace));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[replace(k)] = replaceDeep(v, replace);
    return out;
  }
  return value;
}

/** `text` with every match replaced; JSON text is rewritten value by value so it stays JSON. */
export function replaceInText(text: string, matcher: Matcher, json: boolean): string {
  if (json) {
    try {
      const out = JSON.stringify(replaceDeep(JSON.parse(text), (s) => matcher.replace(s)));
      // a pattern can span JSON syntax (`"key":"value"`): then only the raw text will do
      if (!matcher.test(out)) return out;
    } catch {
      // not JSON after all: replace in the raw text
    }
  }
  return matcher.replace(text);
}
