import { isHighEntropyValue, isSecretValue } from './detectors/assignment-value.js';
import { classifyName } from './detectors/secret-names.js';
import { placeholder } from './kinds.js';

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const FLAG = /^--?[A-Za-z][\w-]*$/;

/** The placeholder for a string stored under `name`, when the name says it is a secret. */
function byName(name: string, value: string): string | undefined {
  const cls = classifyName(name);
  if (cls) {
    // `<something>_KEY` names need a value that looks secret, quoted or not
    return isSecretValue(value, cls !== 'key', false)
      ? placeholder(cls === 'password' ? 'password-assignment' : 'secret-assignment')
      : undefined;
  }
  if (UPPER_SNAKE.test(name) && isHighEntropyValue(value))
    return placeholder('high-entropy-assignment');
  return undefined;
}

function redactArray(items: readonly unknown[], text: (s: string) => string): unknown[] {
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const prev = i > 0 ? items[i - 1] : undefined;
    // ["--api-key", "sk-…"]: argv arrays of MCP server configs and tool calls
    if (
      typeof item === 'string' &&
      typeof prev === 'string' &&
      FLAG.test(prev) &&
      !item.startsWith('-')
    ) {
      const named = byName(prev, item);
      if (named !== undefined) {
        out[i] = named;
        continue;
      }
    }
    out[i] = redactJson(item, text);
  }
  return out;
}

function redactObject(
  obj: Record<string, unknown>,
  text: (s: string) => string,
): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  const seen = new Set<string>();
  // {"name": "API_KEY", "value": "…"}: Kubernetes env entries and similar
  const pairName =
    typeof obj['name'] === 'string'
      ? obj['name']
      : typeof obj['key'] === 'string'
        ? obj['key']
        : undefined;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    let out: unknown;
    if (typeof value === 'string') {
      out =
        byName(key, value) ??
        (key === 'value' && pairName !== undefined ? byName(pairName, value) : undefined) ??
        text(value);
    } else {
      out = redactJson(value, text);
    }
    let newKey = text(key);
    // two keys that redact alike must not overwrite each other
    for (let n = 2; seen.has(newKey); n++) newKey = `${text(key)}#${n}`;
    seen.add(newKey);
    entries.push([newKey, out]);
  }
  return Object.fromEntries(entries);
}

/**
 * Redacts every string of a JSON value, object keys included (they are often paths). Values
 * stored under secret names (`{"apiKey": "…"}`, `["--token", "…"]`) are replaced whole.
 */
export function redactJson(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return redactArray(value, text);
  if (value !== null && typeof value === 'object')
    return redactObject(value as Record<string, unknown>, text);
  return value;
}
