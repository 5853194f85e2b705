/**
 * Normalises a path as an agent recorded it: Windows backslashes become slashes, drive
 * letters are lower-cased (`C:\x` → `c:/x`), WSL mounts map to drives (`/mnt/d/x` → `d:/x`).
 */
export function normalizePath(p: string): string {
  let s = p.replace(/\\/g, '/');
  const drive = /^([A-Za-z]):(\/|$)/.exec(s);
  if (drive) s = drive[1]!.toLowerCase() + s.slice(1);
  const wsl = /^\/mnt\/([a-zA-Z])(\/|$)/.exec(s);
  if (wsl) s = `${wsl[1]!.toLowerCase()}:/${s.slice(wsl[0].length)}`;
  if (s.length > 1 && s.endsWith('/') && !/^[a-z]:\/$/.test(s)) s = s.slice(0, -1);
  return s;
}

/** True when a (normalised) path is absolute on POSIX or Windows. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[a-z]:\//i.test(p);
}

/**
 * The path of `file` relative to `root` when it lies inside it, else the normalised
 * absolute path. Both are normalised first, so Windows and WSL spellings compare equal.
 */
export function relativeTo(root: string, file: string): string {
  const r = normalizePath(root);
  const f = normalizePath(file);
  if (!isAbsolutePath(f)) return f.replace(/^\.\//, '');
  const ci = /^[a-z]:\//.test(r);
  const fr = ci ? f.toLowerCase() : f;
  const rr = ci ? r.toLowerCase() : r;
  if (fr === rr) return '.';
  const prefix = rr.endsWith('/') ? rr : rr + '/';
  return fr.startsWith(prefix) ? f.slice(prefix.length) : f;
}
