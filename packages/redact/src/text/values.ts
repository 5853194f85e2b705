import { HOME_PLACEHOLDER, USER_PLACEHOLDER } from '../kinds.js';

const VARIABLE = [
  /^\$[A-Za-z_{(0-9]/, // $VAR ${VAR} $(cmd) $1
  /\$\{|\{\{|%\(|#\{/, // ${x} {{x}} %(x)s #{x}
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|System\.getenv|getenv\(|ENV\[|env\(|env\.|secrets\.|vars\.)/,
];

// values that stand for a value: types, booleans, documentation words
const WORDS = new Set(
  (
    'null none nil undefined true false yes no on off empty required optional string str ' +
    'number int integer bool boolean any object unknown void bytes text secret secrets ' +
    'password passwd token changeme change_me changeit placeholder example redacted hidden ' +
    'masked sensitive default inherit auto env dummy test todo tbd foo bar baz value key basic ' +
    'bearer digest oauth oauth2 jwt apikey api_key sha256 md5 plain uuid guid hex base64 ' +
    'random date datetime timestamp email url uri path name'
  ).split(' '),
);

const PLACEHOLDER_PARTS =
  /^(?:your|insert|enter|replace|paste)[-_ ]|[-_ ](?:here|goes[-_ ]here)$|example|placeholder|changeme|replace[-_]?me|dummy|\.\.\.|…|<[^>]*>|\[redacted|\*\*\*/i;
// case-sensitive: `xxxx` or `XXXX` stand for a value, `Xxxx` inside a random string does not
const MASKED = /xxxx|XXXX/;

/** True for `$VAR`, `${VAR}`, `{{ x }}`, `%VAR%`, `process.env.X` and similar references. */
export function isVariableReference(value: string): boolean {
  return VARIABLE.some((re) => re.test(value));
}

/** True for documentation placeholders (`<token>`, `your_api_key_here`, `****`) and type names. */
export function isPlaceholderValue(value: string): boolean {
  if (WORDS.has(value.toLowerCase())) return true;
  let same = true;
  for (let i = 1; i < value.length && same; i++) same = value[i] === value[0];
  if (same) return true;
  return PLACEHOLDER_PARTS.test(value) || MASKED.test(value);
}

/** True when `value` already is, or contains, something this package wrote. */
export function containsRedaction(value: string): boolean {
  return (
    value.includes('[REDACTED:') || value.includes(USER_PLACEHOLDER) || value === HOME_PLACEHOLDER
  );
}

const URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const PATH =
  /^(?:~|\.{1,2})?\/[\w.@-]+(?:\/[\w.@-]*)+$|^(?:~|\.{1,2})?\/[\w@-]+\.\w{1,6}$|^[A-Za-z]:\\/;

/** True for URLs and file paths, which hold credentials only in forms other detectors find. */
export function isUrlOrPath(value: string): boolean {
  return URL.test(value) || PATH.test(value);
}

const PROSE = /^[A-Za-z][A-Za-z ,.'’!?:;()-]*$/;

/** True for a sentence (`"Enter your password"`) rather than a secret. */
export function isProse(value: string): boolean {
  let spaces = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) === 32) spaces++;
  return spaces >= 2 && PROSE.test(value);
}
