import { SegmentMap } from './segments.js';
import { MappedView, type View } from './view.js';

const SIMPLE: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '0': '\0',
};

function hexAt(text: string, at: number, digits: number): number {
  if (at + digits > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + digits; i++) {
    const c = text.charCodeAt(i);
    const d =
      c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

/** True when `text` holds at least one backslash escape worth decoding. */
export function hasEscapes(text: string): boolean {
  let i = text.indexOf('\\');
  while (i !== -1 && i + 1 < text.length) {
    const next = text[i + 1]!;
    if (next in SIMPLE || next === 'u' || next === 'x') return true;
    i = text.indexOf('\\', i + 2);
  }
  return false;
}

/**
 * Decodes JSON, JavaScript and `$'…'` shell escapes (`\n`, `\"`, `\u002f`, `\x41`, `\u{1F600}`),
 * so that `{"k":"-----BEGIN…\nMIIE…"}` reads like the key it holds. Unknown escapes stay as they are.
 */
export function decodeEscapes(parent: View): View | undefined {
  const text = parent.text;
  if (!hasEscapes(text)) return undefined;
  const out: string[] = [];
  const map = new SegmentMap();
  let length = 0;
  let i = 0;
  let plainFrom = 0;
  const plain = (until: number): void => {
    if (until <= plainFrom) return;
    out.push(text.slice(plainFrom, until));
    map.add(length, until - plainFrom, plainFrom, until - plainFrom);
    length += until - plainFrom;
  };
  while (i < text.length) {
    const slash = text.indexOf('\\', i);
    if (slash === -1 || slash + 1 >= text.length) break;
    const c = text[slash + 1]!;
    let decoded: string | undefined;
    let to = slash + 2;
    if (c in SIMPLE) {
      decoded = SIMPLE[c];
    } else if (c === 'u' && text[slash + 2] === '{') {
      const close = text.indexOf('}', slash + 3);
      const code =
        close > slash + 3 && close <= slash + 9 ? hexAt(text, slash + 3, close - slash - 3) : -1;
      if (code >= 0 && code <= 0x10ffff) {
        decoded = String.fromCodePoint(code);
        to = close + 1;
      }
    } else if (c === 'u') {
      const code = hexAt(text, slash + 2, 4);
      if (code >= 0) {
        decoded = String.fromCharCode(code);
        to = slash + 6;
      }
    } else if (c === 'x') {
      const code = hexAt(text, slash + 2, 2);
      if (code >= 0) {
        decoded = String.fromCharCode(code);
        to = slash + 4;
      }
    }
    if (decoded === undefined) {
      i = slash + 1;
      continue;
    }
    plain(slash);
    out.push(decoded);
    // an escape: each decoded unit stands for the whole escape sequence
    map.add(length, decoded.length, slash, to - slash);
    length += decoded.length;
    i = to;
    plainFrom = to;
  }
  plain(text.length);
  return new MappedView(out.join(''), parent, map);
}
