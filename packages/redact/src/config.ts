import { isBuiltinKind } from './kinds.js';
import type { AllowEntry, RedactOptions, RedactPattern } from './options.js';
import { type ConfigIssue, RedactError } from './redact-error.js';
import { isRegexLiteral, parseRegexString } from './regex-string.js';
import { closest } from './text/closest.js';

/** A redaction config as stored in JSON, after validation: regexes are compiled. */
export type RedactConfig = RedactOptions;

const KEYS = [
  'patterns',
  'allow',
  'maskEmails',
  'maskHostnames',
  'homeDir',
  'userName',
  'hostName',
];
const PATTERN_KEYS = ['name', 'regex'];
const NAME = /^[a-z0-9][a-z0-9-]{0,47}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RegExp);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function unknownKeys(
  obj: Record<string, unknown>,
  known: string[],
  at: string,
  issues: ConfigIssue[],
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const hint = closest(key, known);
    issues.push({
      path: at + key,
      message: `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of ${known.join(', ')}`,
    });
  }
}

function compile(raw: unknown, path: string, issues: ConfigIssue[]): RegExp | undefined {
  if (raw instanceof RegExp) return raw;
  if (typeof raw !== 'string' || raw.length === 0) {
    issues.push({ path, message: `expected a non-empty regex string, got ${describe(raw)}` });
    return undefined;
  }
  try {
    return parseRegexString(raw);
  } catch (e) {
    issues.push({ path, message: `invalid regex: ${(e as Error).message}` });
    return undefined;
  }
}

function matchesEmpty(re: RegExp): boolean {
  return new RegExp(re.source, re.flags.replace(/[gy]/g, '')).test('');
}

function parsePatterns(raw: unknown, issues: ConfigIssue[]): RedactPattern[] {
  if (!Array.isArray(raw)) {
    issues.push({
      path: 'patterns',
      message: `expected an array of {name, regex}, got ${describe(raw)}`,
    });
    return [];
  }
  const out: RedactPattern[] = [];
  const seen = new Set<string>();
  raw.forEach((item: unknown, i) => {
    const at = `patterns[${i}]`;
    if (!isRecord(item)) {
      issues.push({ path: at, message: `expected {name, regex}, got ${describe(item)}` });
      return;
    }
    unknownKeys(item, PATTERN_KEYS, `${at}.`, issues);
    const { name } = item;
    let nameOk = false;
    if (typeof name !== 'string' || !NAME.test(name)) {
      issues.push({
        path: `${at}.name`,
        message:
          'expected a kebab-case name (a-z, 0-9, -; at most 48 characters), used as [REDACTED:<name>]',
      });
    } else if (isBuiltinKind(name)) {
      issues.push({
        path: `${at}.name`,
        message: `"${name}" is a built-in kind; choose another name`,
      });
    } else if (seen.has(name)) {
      issues.push({ path: `${at}.name`, message: `duplicate pattern name "${name}"` });
    } else {
      seen.add(name);
      nameOk = true;
    }
    const regex = compile(item['regex'], `${at}.regex`, issues);
    if (regex && matchesEmpty(regex)) {
      issues.push({ path: `${at}.regex`, message: 'regex matches the empty string' });
      return;
    }
    if (regex && nameOk) out.push({ name: name as string, regex });
  });
  return out;
}

function parseAllow(raw: unknown, issues: ConfigIssue[]): AllowEntry[] {
  if (!Array.isArray(raw)) {
    issues.push({
      path: 'allow',
      message: `expected an array of strings or /regex/ strings, got ${describe(raw)}`,
    });
    return [];
  }
  const out: AllowEntry[] = [];
  raw.forEach((entry: unknown, i) => {
    const at = `allow[${i}]`;
    if (entry instanceof RegExp || (typeof entry === 'string' && isRegexLiteral(entry))) {
      const re = compile(entry, at, issues);
      if (re && matchesEmpty(re))
        issues.push({
          path: at,
          message: 'regex matches the empty string, so it would allow every finding',
        });
      else if (re) out.push(re);
    } else if (typeof entry === 'string' && entry.length > 0) {
      out.push(entry);
    } else {
      issues.push({
        path: at,
        message: `expected a non-empty string or a /regex/flags string, got ${describe(entry)}`,
      });
    }
  });
  return out;
}

function parseFlag(
  obj: Record<string, unknown>,
  key: 'maskEmails' | 'maskHostnames',
  issues: ConfigIssue[],
): boolean | undefined {
  const v = obj[key];
  if (v === undefined || typeof v === 'boolean') return v;
  issues.push({ path: key, message: `expected true or false, got ${describe(v)}` });
  return undefined;
}

function parseName(
  obj: Record<string, unknown>,
  key: 'homeDir' | 'userName' | 'hostName',
  issues: ConfigIssue[],
): string | null | undefined {
  const v = obj[key];
  if (v === undefined || v === null || typeof v === 'string') return v;
  issues.push({ path: key, message: `expected a string ("" disables), got ${describe(v)}` });
  return undefined;
}

/**
 * Validates a redaction config loaded from JSON and compiles its regexes.
 * Throws a {@link RedactError} `REDACT_CONFIG_INVALID` listing every problem with its path.
 */
export function parseRedactConfig(value: unknown, source = 'redaction config'): RedactConfig {
  const issues: ConfigIssue[] = [];
  if (!isRecord(value)) {
    issues.push({ path: '', message: `expected an object, got ${describe(value)}` });
  } else {
    unknownKeys(value, KEYS, '', issues);
    const config: {
      -readonly [K in keyof RedactOptions]: RedactOptions[K];
    } = {};
    if (value['patterns'] !== undefined) config.patterns = parsePatterns(value['patterns'], issues);
    if (value['allow'] !== undefined) config.allow = parseAllow(value['allow'], issues);
    const maskEmails = parseFlag(value, 'maskEmails', issues);
    if (maskEmails !== undefined) config.maskEmails = maskEmails;
    const maskHostnames = parseFlag(value, 'maskHostnames', issues);
    if (maskHostnames !== undefined) config.maskHostnames = maskHostnames;
    for (const key of ['homeDir', 'userName', 'hostName'] as const) {
      const v = parseName(value, key, issues);
      if (v !== undefined) config[key] = v;
    }
    if (issues.length === 0) return config;
  }
  const lines = issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`);
  throw new RedactError(
    'REDACT_CONFIG_INVALID',
    `invalid ${source}:\n${lines.join('\n')}`,
    { source },
    issues,
  );
}
