import type { Detector } from './detector.js';

// A terminal may wrap the armour line itself: allow one line break between any two characters.
function breakable(literal: string): string {
  return [...literal].map((c) => c.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('(?:\\r?\\n)?');
}

function armour(word: 'BEGIN' | 'END', flags: string): RegExp {
  const kind = '[ A-Z0-9\\r\\n]{0,44}?';
  return new RegExp(
    breakable(`-----${word}`) +
      kind +
      breakable('PRIVATE KEY') +
      `(?:${breakable(' BLOCK')})?` +
      breakable('-----'),
    flags,
  );
}

const BEGIN = armour('BEGIN', 'g');
const END = armour('END', 'y');
// `Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`, `Version: …`, `Comment: "…"` after the BEGIN line
const HEADER = /(?:[ \t\r\n]|\\[rn])*[A-Za-z][A-Za-z0-9-]*: [^\n\\]*/y;
const MAX_BODY = 64 * 1024;

function isBodyChar(c: number): boolean {
  // base64, whitespace, and the backslash of `\n` escapes inside JSON strings
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 47 ||
    c === 61 ||
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 92
  );
}

function isBase64(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 47 ||
    c === 61
  );
}

function pem(text: string, begin: number, headerEnd: number): number | undefined {
  let pos = headerEnd;
  for (;;) {
    HEADER.lastIndex = pos;
    if (!HEADER.test(text)) break;
    pos = HEADER.lastIndex;
  }
  let base64 = 0;
  let lastBase64 = pos;
  const limit = Math.min(text.length, pos + MAX_BODY);
  while (pos < limit && isBodyChar(text.charCodeAt(pos))) {
    const c = text.charCodeAt(pos);
    if (c === 92) {
      const n = text[pos + 1];
      // a backslash before a line break continues the line (a shell, or a wrap inside `\\n`)
      if (n === '\n' || (n === '\r' && text[pos + 2] === '\n')) {
        pos += n === '\n' ? 2 : 3;
        continue;
      }
      // otherwise only `\n`, `\r`, `\t`, `\/` belong to an escaped key
      if (n !== 'n' && n !== 'r' && n !== 't' && n !== '/') break;
      pos += 2;
      continue;
    }
    if (isBase64(c)) {
      base64++;
      lastBase64 = pos + 1;
    }
    pos++;
  }
  if (base64 < 16) return undefined; // `-----BEGIN PRIVATE KEY-----\n...\n` in documentation
  END.lastIndex = pos;
  if (END.test(text)) return END.lastIndex;
  // a key cut short (truncated output) still leaks: take what is there
  return lastBase64 > begin ? lastBase64 : undefined;
}

function putty(text: string, begin: number): number {
  const limit = Math.min(text.length, begin + MAX_BODY);
  const mac = text.indexOf('Private-MAC:', begin);
  if (mac !== -1 && mac < limit) {
    const eol = text.indexOf('\n', mac);
    return eol === -1 ? text.length : eol;
  }
  const blank = text.indexOf('\n\n', begin);
  return blank === -1 || blank > limit ? limit : blank;
}

/**
 * PEM private keys of every type (RSA, EC, DSA, PKCS#8, encrypted, OpenSSH, PGP), whole or cut
 * short, with real or `\n`-escaped line breaks, and PuTTY key files. Unlike secretlint's rule it
 * needs no magic prefix, so SEC1 EC keys (`MHc…`) and Ed25519 PKCS#8 keys (`MC4…`) are found too.
 */
export function privateKeyDetector(): Detector {
  return {
    id: 'private-key',
    // one of BEGIN and PRIVATE survives a line break in the armour
    anchors: ['BEGIN', 'PRIVATE', 'PuTTY-User-Key-File-'],
    detect(text, emit) {
      BEGIN.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = BEGIN.exec(text)) !== null) {
        const end = pem(text, m.index, m.index + m[0].length);
        if (end !== undefined) {
          emit('private-key', m.index, end);
          BEGIN.lastIndex = end;
        }
      }
      for (
        let i = text.indexOf('PuTTY-User-Key-File-');
        i !== -1;
        i = text.indexOf('PuTTY-User-Key-File-', i + 1)
      ) {
        const end = putty(text, i);
        emit('private-key', i, end);
        i = end - 1;
      }
    },
  };
}
