import type { Detector } from './detector.js';

// `icon@2x.png`, `lib@1.2.js`: file names, not addresses (only extensions that are not TLDs in use)
const FILE_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'bmp',
  'tiff',
  'avif',
  'heic',
  'js',
  'mjs',
  'cjs',
  'ts',
  'mts',
  'cts',
  'tsx',
  'jsx',
  'json',
  'jsonl',
  'mdx',
  'css',
  'scss',
  'sass',
  'less',
  'html',
  'htm',
  'xml',
  'yml',
  'yaml',
  'toml',
  'ini',
  'cfg',
  'conf',
  'lock',
  'log',
  'txt',
  'csv',
  'tsv',
  'sql',
  'wasm',
  'map',
  'gz',
  'tgz',
  'pdf',
  'docx',
  'xlsx',
  'mp3',
  'mp4',
  'wav',
  'webm',
  'woff',
  'woff2',
  'ttf',
  'otf',
  'bin',
  'exe',
  'dll',
  'dylib',
  'jar',
  'pyc',
  'vue',
  'svelte',
  'tmp',
  'bak',
  'orig',
  'patch',
  'diff',
]);

function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 95 ||
    c === 37 ||
    c === 43 ||
    c === 45
  );
}

function isDomainChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45
  );
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const l of labels)
    if (l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-')) return false;
  const tld = labels[labels.length - 1]!;
  return /^[A-Za-z]{2,24}$/.test(tld) && !FILE_EXTENSIONS.has(tld.toLowerCase());
}

/** The `[start, end)` of the e-mail-like `local@domain.tld` around the `@` at `at`, if any. */
export function addressAround(
  text: string,
  at: number,
): readonly [number, number, string] | undefined {
  let ls = at;
  while (ls > 0 && at - ls < 64 && isLocalChar(text.charCodeAt(ls - 1))) ls--;
  while (ls < at && text.charCodeAt(ls) === 46) ls++;
  if (ls === at) return undefined;
  let de = at + 1;
  while (de < text.length && de - at < 254 && isDomainChar(text.charCodeAt(de))) de++;
  while (de > at + 1 && (text.charCodeAt(de - 1) === 46 || text.charCodeAt(de - 1) === 45)) de--;
  const domain = text.slice(at + 1, de);
  return [ls, de, domain];
}

// `scheme://user:password@` — slashes possibly escaped (`:\/\/`, `:\u002f\u002f`) — right before
const AUTHORITY = /:(?:\/\/|\\\/\\\/|\\u002f\\u002f)[^/\\\s"'<>]*$/i;

/** True when `at` lies in the `user:password@` part of a URL rather than starting an address. */
function inUrlAuthority(text: string, at: number): boolean {
  return AUTHORITY.test(text.slice(Math.max(0, at - 256), at));
}

/** E-mail addresses; `user@host:path` (scp/git SSH syntax) and `scheme://user@host` are not addresses. */
export function emailDetector(): Detector {
  return {
    id: 'email',
    gate: (text) => text.includes('@'),
    detect(text, emit) {
      for (let i = text.indexOf('@'); i !== -1; i = text.indexOf('@', i + 1)) {
        const found = addressAround(text, i);
        if (!found) continue;
        const [s, e, domain] = found;
        if (!validDomain(domain)) continue;
        if (inUrlAuthority(text, s)) continue; // https://user@host, https://user:pass@host
        if (text.charCodeAt(e) === 58 && /[\w~./]/.test(text[e + 1] ?? '')) continue; // git@github.com:org/repo
        emit('email', s, e);
        i = e - 1;
      }
    },
  };
}
