import { parseRedactConfig } from './config.js';
import { type Finding, maskValue } from './finding.js';
import { placeholder } from './kinds.js';
import type { Span } from './merge.js';
import { type RedactOptions, resolveOptions } from './options.js';
import { redactJson } from './redact-value.js';
import { Scanner } from './scanner.js';

/** A compiled configuration: build once, use for every string. */
export interface Redactor {
  /** Findings in `text`, sorted and non-overlapping. */
  scan(text: string): Finding[];
  /** `text` with every finding replaced by its placeholder; idempotent. */
  redact(text: string): string;
  /** A copy of a JSON value with every string (and key) redacted. */
  redactValue<T>(value: T): T;
}

const CACHE_MAX_LENGTH = 256;
const CACHE_MAX_ENTRIES = 16384;

function apply(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(text.slice(at, s.start), placeholder(s.kind));
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Compiles `options` (OS defaults for home directory and user name) into a {@link Redactor};
 * invalid options throw `REDACT_CONFIG_INVALID` as `parseRedactConfig` does.
 */
export function createRedactor(options: RedactOptions = {}): Redactor {
  const scanner = new Scanner(resolveOptions(parseRedactConfig(options, 'redaction options')));
  // transcripts repeat short strings (keys, roles, tool names) millions of times
  const cache = new Map<string, string>();
  const redact = (text: string): string => {
    if (text.length > CACHE_MAX_LENGTH) return apply(text, scanner.scan(text));
    let out = cache.get(text);
    if (out === undefined) {
      out = apply(text, scanner.scan(text));
      if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
      cache.set(text, out);
    }
    return out;
  };
  return {
    scan: (text) =>
      scanner.scan(text).map((s) => ({
        kind: s.kind,
        start: s.start,
        end: s.end,
        masked: maskValue(text.slice(s.start, s.end)),
      })),
    redact,
    redactValue: <T>(value: T): T => redactJson(value, redact) as T,
  };
}
