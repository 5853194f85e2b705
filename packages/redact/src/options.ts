import os from 'node:os';
import { isRegexLiteral, parseRegexString } from './regex-string.js';

/** A user-defined secret format; a named group `secret` narrows what is replaced. */
export interface RedactPattern {
  /** Kebab-case label used in the placeholder: `[REDACTED:<name>]`. */
  readonly name: string;
  /** A RegExp, a regex source string, or a `/source/flags` string. */
  readonly regex: RegExp | string;
}

/** An allowlist entry: a string matches a finding's exact value, a RegExp is tested against it. */
export type AllowEntry = string | RegExp;

/** What to detect beyond the built-in secret formats, and what to leave alone. */
export interface RedactOptions {
  /** Extra secret formats. */
  readonly patterns?: readonly RedactPattern[];
  /** Values never to redact (e.g. a documented test key). */
  readonly allow?: readonly AllowEntry[];
  /** Replace e-mail addresses by `[REDACTED:email]`; default true. */
  readonly maskEmails?: boolean;
  /** Replace host names and IPv4 addresses by `[REDACTED:hostname]`; default false. */
  readonly maskHostnames?: boolean;
  /** Home directory replaced by `~`; default `os.homedir()`, `''` or null disables. */
  readonly homeDir?: string | null;
  /** Login name replaced by `[USER]`; default the OS user, `''` or null disables. */
  readonly userName?: string | null;
  /** This machine's host name, masked when `maskHostnames`; default `os.hostname()`. */
  readonly hostName?: string | null;
}

/** Options with every default filled in and every regex compiled. */
export interface ResolvedOptions {
  readonly patterns: readonly CompiledPattern[];
  readonly allowExact: ReadonlySet<string>;
  readonly allowRegexes: readonly RegExp[];
  readonly maskEmails: boolean;
  readonly maskHostnames: boolean;
  readonly homeDir: string;
  readonly userName: string;
  readonly hostName: string;
}

/** A user pattern ready to run: always global, `d` when it has a `secret` group. */
export interface CompiledPattern {
  readonly name: string;
  readonly regex: RegExp;
  readonly hasSecretGroup: boolean;
}

/** Compiles a user pattern; the caller has validated it (see `parseRedactConfig`). */
export function compilePattern(name: string, regex: RegExp): CompiledPattern {
  const hasSecretGroup = /\(\?<secret>/.test(regex.source);
  let flags = regex.flags.replace(/[gy]/g, '') + 'g';
  if (hasSecretGroup && !flags.includes('d')) flags += 'd';
  return { name, regex: new RegExp(regex.source, flags), hasSecretGroup };
}

function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    // no passwd entry for this uid (some containers): nothing to mask
    return process.env['USER'] ?? process.env['USERNAME'] ?? '';
  }
}

function pick(value: string | null | undefined, fallback: () => string): string {
  if (value === null) return '';
  return value ?? fallback();
}

/** Fills defaults from the OS and compiles patterns; call once per configuration. */
export function resolveOptions(options: RedactOptions = {}): ResolvedOptions {
  const allowExact = new Set<string>();
  const allowRegexes: RegExp[] = [];
  for (const entry of options.allow ?? []) {
    if (typeof entry === 'string' && !isRegexLiteral(entry)) allowExact.add(entry);
    else if (typeof entry === 'string') allowRegexes.push(parseRegexString(entry));
    else allowRegexes.push(new RegExp(entry.source, entry.flags.replace(/[gy]/g, '')));
  }
  return {
    patterns: (options.patterns ?? []).map((p) =>
      compilePattern(p.name, typeof p.regex === 'string' ? parseRegexString(p.regex) : p.regex),
    ),
    allowExact,
    allowRegexes,
    maskEmails: options.maskEmails ?? true,
    maskHostnames: options.maskHostnames ?? false,
    homeDir: pick(options.homeDir, () => os.homedir()),
    userName: pick(options.userName, osUserName),
    hostName: pick(options.hostName, () => os.hostname()),
  };
}
