import type { Detector } from './detector.js';
import { isSecretValue, readValue, type ValueSpan } from './assignment-value.js';

/** A value read after a name, and whether it is a secret. */
export interface Assigned extends ValueSpan {
  readonly accepted: boolean;
}
import { NAME_KEYWORDS, classifyName } from './secret-names.js';

const MAX_NAME = 128;
const LINE_PREFIX =
  /^[ \t]*(?:(?:export|set|setenv|local|readonly|ENV|ARG)[ \t]+|declare(?:[ \t]+-\w+)*[ \t]+|-[ \t]+)?$/;
const UPPER_NAME = /^[A-Z][A-Z0-9_]*$/;
const AUTH_SCHEME =
  /^(?:Bearer|Basic|Token|Digest|Negotiate|NTLM|Bot|Key|ApiKey|SSWS|AWS4-HMAC-SHA256)[ \t]+/i;
// headers whose whole value is secret, spaces and `;` included
const WHOLE_LINE = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);

/** Characters of a name: `DB_PASSWORD`, `spring.datasource.password`, `X-Api-Key`, `--token`. */
export function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45 ||
    c === 46
  );
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isLineEnd(c: number): boolean {
  return c === 10 || c === 13 || Number.isNaN(c);
}

function atLineStart(text: string, ns: number): boolean {
  // look back at most 40 characters: lastIndexOf on a long line would be quadratic
  let lineStart = ns;
  while (lineStart > 0 && ns - lineStart <= 40 && text.charCodeAt(lineStart - 1) !== 10)
    lineStart--;
  if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) return false;
  return LINE_PREFIX.test(text.slice(lineStart, ns));
}

function headerValue(text: string, at: number): ValueSpan | undefined {
  let end = at;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13 || c === 34 || c === 39) break;
    end++;
  }
  const scheme = AUTH_SCHEME.exec(text.slice(at, Math.min(end, at + 40)));
  const start = at + (scheme ? scheme[0].length : 0);
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return end > start ? { start, end, quoted: true } : undefined;
}

/**
 * Finds the value assigned to the name at `[ns, ne)`, in any of the shapes secrets are written:
 * `NAME=v` (.env, shell, `export`), `name: v` (YAML, headers), `"name": "v"` (JSON),
 * `name = "v"` / `name := "v"` / `"name" => "v"` (code), `--name v` (flags), `<name>v</name>`.
 * `strict` asks even a quoted value to look like a secret (for `<something>_KEY` names).
 * Returns the value read, accepted or not, so that callers can skip past it.
 */
export function readAssignment(
  text: string,
  ns: number,
  ne: number,
  name: string,
  strict = false,
): Assigned | undefined {
  let j = ne;
  const open = text.charCodeAt(ns - 1);
  let quotedName = false;
  if ((open === 34 || open === 39) && text.charCodeAt(j) === open) {
    j++;
    quotedName = true;
  }
  if (open === 60 && text.charCodeAt(j) === 62) {
    const close = text.indexOf('<', j + 1);
    if (close === -1 || close - j > 4096) return undefined;
    const value = text.slice(j + 1, close);
    return {
      start: j + 1,
      end: close,
      quoted: true,
      accepted: isSecretValue(value, !strict, false),
    };
  }
  const isFlag = name.charCodeAt(0) === 45;
  let k = j;
  while (k < text.length && isBlank(text.charCodeAt(k))) k++;
  const spacedBefore = k > j;
  const c = text.charCodeAt(k);
  const next = text.charCodeAt(k + 1);
  let opLength: number;
  const envName = !quotedName && !isFlag && (UPPER_NAME.test(name) || atLineStart(text, ns));
  if (c === 61) {
    // `a == b` and `a =~ b` compare; `PASSWORD==x` in a .env file assigns `=x`
    const listItem = open === 59; // `;Password==x;` in a connection string
    if ((next === 61 && (spacedBefore || !(envName || listItem))) || next === 126) return undefined;
    opLength = next === 62 ? 2 : 1;
  } else if (c === 58) {
    if (next === 58) return undefined; // ::
    opLength = next === 61 ? 2 : 1;
  } else if (isFlag && spacedBefore && k < text.length && c !== 10 && c !== 13) {
    opLength = 0;
  } else {
    return undefined;
  }
  let v = k + opLength;
  const tight =
    c === 61 &&
    opLength === 1 &&
    !spacedBefore &&
    !isBlank(text.charCodeAt(v)) &&
    !isLineEnd(text.charCodeAt(v));
  if (!tight) while (v < text.length && isBlank(text.charCodeAt(v))) v++;
  if (c === 58 && WHOLE_LINE.has(name.toLowerCase())) {
    const span = headerValue(text, v);
    return (
      span && { ...span, accepted: isSecretValue(text.slice(span.start, span.end), !strict, false) }
    );
  }
  const env = tight && envName;
  const span = readValue(text, v, env);
  if (!span || (opLength === 0 && text.charCodeAt(span.start) === 45)) return undefined;
  const literal = !strict;
  const value = text.slice(span.start, span.end);
  return { ...span, accepted: isSecretValue(value, span.quoted && literal, env && literal) };
}

/** Secret-named assignments: `DB_PASSWORD=…` is `password-assignment`, `API_KEY=…` `secret-assignment`. */
export function assignmentDetector(): Detector {
  return {
    id: 'assignments',
    anchorsIgnoringCase: NAME_KEYWORDS,
    detect(text, emit, hits) {
      let after = -1;
      for (const h of hits) {
        if (h < after) continue;
        let ns = h;
        while (ns > 0 && isNameChar(text.charCodeAt(ns - 1))) ns--;
        let ne = h;
        while (ne < text.length && isNameChar(text.charCodeAt(ne))) ne++;
        after = ne;
        if (ne - ns > MAX_NAME) continue;
        const name = text.slice(ns, ne);
        const cls = classifyName(name);
        if (!cls) continue;
        const span = readAssignment(text, ns, ne, name, cls === 'key');
        if (!span) continue;
        // names inside this value are part of it (`PASSWORD=PASSWORD=…` stays linear)
        after = Math.max(after, span.end);
        if (span.accepted) {
          emit(
            cls === 'password' ? 'password-assignment' : 'secret-assignment',
            span.start,
            span.end,
          );
        }
      }
    },
  };
}
