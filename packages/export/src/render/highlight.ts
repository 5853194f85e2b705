// A small, dependency-free highlighter for diffs in the HTML export (docs/decisions/export-html.md):
// line classes for +/-/@@/headers, and per-line tokens (comments, strings, numbers, keywords)
// for a few language families. Lines are highlighted on their own, so a comment or string
// that spans lines is coloured on its first line only; that is the price of no dependency.

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

interface Grammar {
  readonly comment: string;
  readonly keywords: ReadonlySet<string>;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/));

const C_COMMENT = String.raw`\/\/.*$|\/\*.*?(?:\*\/|$)`;
const HASH_COMMENT = String.raw`#.*$`;

const GRAMMARS: Record<string, Grammar> = {
  js: {
    comment: C_COMMENT,
    keywords: words(
      'const let var function return if else for while do switch case default break continue new delete typeof instanceof in of class extends super this import export from as async await yield try catch finally throw null undefined true false void interface type enum implements readonly public private protected static declare keyof satisfies',
    ),
  },
  py: {
    comment: HASH_COMMENT,
    keywords: words(
      'def return if elif else for while break continue class import from as with try except finally raise pass lambda yield async await None True False and or not in is global nonlocal assert del self',
    ),
  },
  sh: {
    comment: HASH_COMMENT,
    keywords: words(
      'if then else elif fi for in do done while until case esac function return export local echo exit set unset source',
    ),
  },
  go: {
    comment: C_COMMENT,
    keywords: words(
      'func return if else for range switch case default break continue go defer select chan map struct interface type package import var const nil true false',
    ),
  },
  rust: {
    comment: C_COMMENT,
    keywords: words(
      'fn let mut return if else for while loop match impl trait struct enum pub use mod crate self Self super as where in ref move async await const static unsafe true false Some None Ok Err',
    ),
  },
  c: {
    comment: C_COMMENT,
    keywords: words(
      'int char float double void long short unsigned signed struct union enum typedef return if else for while do switch case default break continue sizeof static const extern include define class public private protected new delete template namespace using true false null nullptr package import final',
    ),
  },
  ruby: {
    comment: HASH_COMMENT,
    keywords: words(
      'def end return if elsif else unless while until for in do class module require self nil true false and or not yield begin rescue ensure',
    ),
  },
  data: { comment: HASH_COMMENT, keywords: words('true false null yes no') },
  css: { comment: C_COMMENT, keywords: words('important media import from to') },
};

const BY_EXT: Record<string, string> = {
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'js',
  ts: 'js',
  mts: 'js',
  cts: 'js',
  tsx: 'js',
  vue: 'js',
  svelte: 'js',
  py: 'py',
  pyi: 'py',
  sh: 'sh',
  bash: 'sh',
  zsh: 'sh',
  fish: 'sh',
  go: 'go',
  rs: 'rust',
  c: 'c',
  h: 'c',
  cc: 'c',
  cpp: 'c',
  hpp: 'c',
  java: 'c',
  kt: 'c',
  cs: 'c',
  swift: 'c',
  scala: 'c',
  php: 'c',
  rb: 'ruby',
  json: 'data',
  yaml: 'data',
  yml: 'data',
  toml: 'data',
  ini: 'data',
  css: 'css',
  scss: 'css',
  less: 'css',
};

/** The grammar name for a file path, or undefined for plain text. */
export function languageOf(path: string): string | undefined {
  const base = path.split('/').pop() ?? '';
  if (/^(?:Dockerfile|Makefile|\.env.*|.*rc)$/.test(base)) return 'sh';
  const ext = /\.([A-Za-z0-9]+)$/.exec(base)?.[1]?.toLowerCase();
  return ext ? BY_EXT[ext] : undefined;
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|\x60(?:[^\x60\\]|\\.)*\x60?`;
const NUMBER = String.raw`\b(?:0x[0-9a-fA-F]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)\b`;
const WORD = String.raw`[A-Za-z_$][\w$]*`;
const compiled = new Map<string, RegExp>();

function tokenizer(name: string, g: Grammar): RegExp {
  let re = compiled.get(name);
  if (!re) {
    re = new RegExp(`(${g.comment})|(${STRING})|(${NUMBER})|(${WORD})`, 'gm');
    compiled.set(name, re);
  }
  return re;
}

/** One line of source as HTML: escaped, with comment, string, number and keyword spans. */
export function highlightLine(line: string, language: string | undefined): string {
  const g = language ? GRAMMARS[language] : undefined;
  if (!g) return escapeHtml(line);
  const re = tokenizer(language!, g);
  let out = '';
  let at = 0;
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const cls = m[1] ? 'c' : m[2] ? 's' : m[3] ? 'n' : m[4] && g.keywords.has(m[4]) ? 'k' : '';
    if (!cls) continue;
    out += escapeHtml(line.slice(at, m.index)) + `<span class="${cls}">${escapeHtml(m[0])}</span>`;
    at = m.index + m[0].length;
  }
  return out + escapeHtml(line.slice(at));
}

/** A unified diff as HTML lines, coloured by kind and highlighted as the language of `path`. */
export function highlightDiff(patch: string, path: string): string {
  const lang = languageOf(path);
  const lines = (patch.endsWith('\n') ? patch.slice(0, -1) : patch).split('\n');
  return lines
    .map((l) => {
      if (
        l.startsWith('+++') ||
        l.startsWith('---') ||
        l.startsWith('diff ') ||
        l.startsWith('index ')
      ) {
        return `<span class="d-meta">${escapeHtml(l)}</span>`;
      }
      if (l.startsWith('@@')) return `<span class="d-hunk">${escapeHtml(l)}</span>`;
      const sign = l[0];
      const kind = sign === '+' ? 'd-add' : sign === '-' ? 'd-del' : 'd-ctx';
      const rest = sign === '+' || sign === '-' || sign === ' ' ? l.slice(1) : l;
      const lead = sign === '+' || sign === '-' || sign === ' ' ? escapeHtml(sign) : '';
      return `<span class="${kind}">${lead}${highlightLine(rest, lang)}</span>`;
    })
    .join('\n');
}
