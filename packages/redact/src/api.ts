import type { Finding } from './finding.js';
import type { RedactOptions } from './options.js';
import { type Redactor, createRedactor } from './redactor.js';

const compiled = new WeakMap<RedactOptions, Redactor>();
let defaultRedactor: Redactor | undefined;

/** The redactor for `options`, compiled on first use and reused while the object lives. */
export function redactorFor(options?: RedactOptions): Redactor {
  if (!options) return (defaultRedactor ??= createRedactor());
  let r = compiled.get(options);
  if (!r) compiled.set(options, (r = createRedactor(options)));
  return r;
}

/** Findings in `text`: kind, range and a masked preview (at most four characters and `…`). */
export function scanText(text: string, options?: RedactOptions): Finding[] {
  return redactorFor(options).scan(text);
}

/** Replaces every finding in `text` by `[REDACTED:<kind>]` (home directory `~`, user name `[USER]`). */
export function redactText(text: string, options?: RedactOptions): string {
  return redactorFor(options).redact(text);
}

/** Redacts every string of a JSON value, object keys included; returns a copy. */
export function redactValue<T>(value: T, options?: RedactOptions): T {
  return redactorFor(options).redactValue(value);
}
